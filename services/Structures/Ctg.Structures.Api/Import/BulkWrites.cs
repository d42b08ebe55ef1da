using System.Data.Common;
using Ctg.Structures.Declarations;
using Ctg.Structures.References;
using Ctg.Structures.Registry;
using Ctg.Structures.Shared;
using Ctg.Structures.V1;
using Dapper;

namespace Ctg.Structures.Import;

/// <summary>What the registration handler checks and writes during a bulk import: the keys in use are read
/// once and kept up to date in memory, the rows are inserted in batches of <see cref="BatchSize"/>. Thousands
/// of rows then cost a few statements instead of several round trips each.</summary>
internal sealed class BulkStructureWrites(
    DbConnection connection, DbTransaction transaction, Dictionary<string, string> dossiers, Dictionary<string, string> equipments, HashSet<string> ids,
    Func<int, Task> written) : IStructureWrites
{
    public const int BatchSize = 1000;
    private readonly List<Structure> _pending = new(BatchSize);

    public static async Task<BulkStructureWrites> LoadAsync(DbConnection connection, DbTransaction transaction, StructureStore store, Func<int, Task> written, CancellationToken ct)
    {
        var (dossiers, equipments, ids) = await store.AllKeysAsync(connection, transaction, ct);
        return new BulkStructureWrites(connection, transaction, dossiers, equipments, ids, written);
    }

    public bool IsRegistered(string structureId) => ids.Contains(structureId);

    public Task<bool> ExistsAsync(string structureId, CancellationToken ct) => Task.FromResult(ids.Contains(structureId));

    public Task<(string Field, string StructureId)?> FindCafCollisionAsync(CafIdentifiers? caf, string exceptStructureId, CancellationToken ct)
    {
        (string, string)? collision =
            caf is not null && caf.DossierNumber.Length > 0 && dossiers.TryGetValue(caf.DossierNumber, out var a) && a != exceptStructureId ? ("caf.dossier_number", a)
            : caf is not null && caf.EquipmentCode.Length > 0 && equipments.TryGetValue(caf.EquipmentCode, out var b) && b != exceptStructureId ? ("caf.equipment_code", b)
            : null;
        return Task.FromResult(collision);
    }

    public async Task InsertAsync(Structure structure, CancellationToken ct)
    {
        ids.Add(structure.StructureId);
        if (structure.Details.Caf is { } caf)
        {
            if (caf.DossierNumber.Length > 0)
            {
                dossiers[caf.DossierNumber] = structure.StructureId;
            }

            if (caf.EquipmentCode.Length > 0)
            {
                equipments[caf.EquipmentCode] = structure.StructureId;
            }
        }

        _pending.Add(structure);
        if (_pending.Count >= BatchSize)
        {
            await FlushAsync(ct);
        }
    }

    public async Task FlushAsync(CancellationToken ct)
    {
        if (_pending.Count == 0)
        {
            return;
        }

        await StructureStore.InsertManyAsync(connection, transaction, _pending, "imported", ct);
        var count = _pending.Count;
        _pending.Clear();
        await written(count);
    }
}

/// <summary>The declarations handler's view during a bulk import: the structures the file names, the
/// (structure, year, version) already declared, and batched inserts.</summary>
internal sealed class BulkDeclarationWrites(
    DbConnection connection, DbTransaction transaction, NamedStructures structures, HashSet<(string, int, string)> declared,
    Func<int, Task> written) : IDeclarationWrites
{
    private readonly List<Declaration> _pending = new(BulkStructureWrites.BatchSize);

    public static async Task<BulkDeclarationWrites> LoadAsync(
        DbConnection connection, DbTransaction transaction, NamedStructures structures, Func<int, Task> written, CancellationToken ct)
    {
        var declared = (await connection.QueryAsync<(string StructureId, int Year, string Version)>(new CommandDefinition(
                "SELECT DISTINCT structure_id, year, version FROM declarations", transaction: transaction, cancellationToken: ct)))
            .ToHashSet();
        return new BulkDeclarationWrites(connection, transaction, structures, declared, written);
    }

    public bool IsDeclared(string structureId, int year, DeclarationVersion version) => declared.Contains((structureId, year, version.Code()));

    public Task<Structure?> FindStructureAsync(string structureId, CancellationToken ct) => Task.FromResult(structures.Find(structureId));

    // A file holds first revisions only (corrections go through CorrectDeclaration): 1 means "one exists".
    public Task<int> LatestRevisionAsync(string structureId, int year, DeclarationVersion version, CancellationToken ct) =>
        Task.FromResult(IsDeclared(structureId, year, version) ? 1 : 0);

    public async Task InsertAsync(Declaration declaration, CancellationToken ct)
    {
        declared.Add((declaration.StructureId, declaration.Year, declaration.Version.Code()));
        _pending.Add(declaration);
        if (_pending.Count >= BulkStructureWrites.BatchSize)
        {
            await FlushAsync(ct);
        }
    }

    public async Task FlushAsync(CancellationToken ct)
    {
        if (_pending.Count == 0)
        {
            return;
        }

        await DeclarationStore.InsertManyAsync(connection, transaction, _pending, ct);
        var count = _pending.Count;
        _pending.Clear();
        await written(count);
    }
}

/// <summary>The references handler's view during a bulk import.</summary>
internal sealed class BulkReferenceWrites(
    DbConnection connection, DbTransaction transaction, ReferenceStore store, NamedStructures structures, HashSet<(string, int)> recorded,
    Func<int, Task> written) : IReferenceWrites
{
    public static async Task<BulkReferenceWrites> LoadAsync(
        DbConnection connection, DbTransaction transaction, ReferenceStore store, NamedStructures structures, Func<int, Task> written, CancellationToken ct)
    {
        var recorded = (await connection.QueryAsync<(string StructureId, int Year)>(new CommandDefinition(
                "SELECT structure_id, reference_year FROM cej_references", transaction: transaction, cancellationToken: ct)))
            .ToHashSet();
        return new BulkReferenceWrites(connection, transaction, store, structures, recorded, written);
    }

    public bool IsRecorded(string structureId, int year) => recorded.Contains((structureId, year));

    public Task<Structure?> FindStructureAsync(string structureId, CancellationToken ct) => Task.FromResult(structures.Find(structureId));

    public Task<bool> ExistsAsync(string structureId, int referenceYear, CancellationToken ct) => Task.FromResult(IsRecorded(structureId, referenceYear));

    public async Task InsertAsync(CejReference reference, string conventionId, CancellationToken ct)
    {
        recorded.Add((reference.StructureId, reference.ReferenceYear));
        // A few hundred references a CTG: one statement each is enough.
        await store.InsertAsync(connection, transaction, reference, conventionId, ct);
        await written(1);
    }

    public Task FlushAsync(CancellationToken ct) => Task.CompletedTask;
}
