using System.Data.Common;
using Ctg.Structures.Shared;
using Ctg.Structures.V1;
using Dapper;

namespace Ctg.Structures.References;

internal sealed class ReferenceStore
{
    public Task<bool> ExistsAsync(DbConnection connection, DbTransaction transaction, string structureId, int referenceYear, CancellationToken ct) =>
        connection.ExecuteScalarAsync<bool>(new CommandDefinition(
            "SELECT CASE WHEN EXISTS (SELECT 1 FROM cej_references WHERE structure_id = @structureId AND reference_year = @referenceYear) THEN 1 ELSE 0 END",
            new { structureId, referenceYear }, transaction, cancellationToken: ct));

    public Task InsertAsync(DbConnection connection, DbTransaction transaction, CejReference reference, string conventionId, CancellationToken ct) =>
        connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO cej_references (structure_id, reference_year, convention_id, amount_cents, recorded_at, data)
            VALUES (@StructureId, @ReferenceYear, @ConventionId, @AmountCents, @RecordedAt, @Data)
            """,
            new
            {
                reference.StructureId,
                reference.ReferenceYear,
                ConventionId = conventionId,
                AmountCents = reference.Amount.Cents,
                reference.RecordedAt,
                Data = StructureStore.ToStored(reference),
            },
            transaction, cancellationToken: ct));

    public async Task<IReadOnlyList<CejReference>> ListAsync(
        DbConnection connection, string structureId, string conventionId, int year, StructureScope scope, CancellationToken ct)
    {
        var parameters = new DynamicParameters(new { structureId, conventionId, year });
        // Scoped through the structure's current row: a manager lists the references of their structures only.
        var scoped = scope.IsEverything ? "1 = 1" : "EXISTS (SELECT 1 FROM structures s WHERE s.structure_id = r.structure_id" + scope.Sql(connection, parameters, "s") + ")";
        var rows = await connection.QueryAsync<string>(new CommandDefinition(
            $"""
            SELECT r.data FROM cej_references r
            WHERE (@structureId = '' OR r.structure_id = @structureId)
              AND (@conventionId = '' OR r.convention_id = @conventionId)
              AND (@year = 0 OR r.reference_year = @year)
              AND {scoped}
            ORDER BY r.structure_id, r.reference_year
            """,
            parameters, cancellationToken: ct));
        return rows.Select(StructureStore.FromStored<CejReference>).ToList();
    }
}
