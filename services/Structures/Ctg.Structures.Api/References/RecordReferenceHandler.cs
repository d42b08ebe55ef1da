using Ctg.Application.Commands;
using Ctg.Common.V1;
using Ctg.Domain;
using Ctg.Structures.Events;
using Ctg.Structures.Shared;
using Ctg.Structures.V1;

namespace Ctg.Structures.References;

/// <summary>A CEJ reference to record, its own fields already checked (<see cref="ReferenceRules.Validate"/>).</summary>
internal sealed record ReferenceCommand(string StructureId, int ReferenceYear, long AmountCents, ReferenceUnit Unit, decimal ReferenceUnits, string SourceNote);

/// <summary>Where references are read and written: the database in the command's transaction, or the bulk import's view and batches.</summary>
internal interface IReferenceWrites
{
    Task<Structure?> FindStructureAsync(string structureId, CancellationToken ct);

    Task<bool> ExistsAsync(string structureId, int referenceYear, CancellationToken ct);

    Task InsertAsync(CejReference reference, string conventionId, CancellationToken ct);
}

/// <summary>Records a CEJ reference: the one place its rules run, for RecordReference and every row of a references CSV.</summary>
internal static class RecordReferenceHandler
{
    public static async Task<CejReference> HandleAsync(ICommandContext ctx, IReferenceWrites writes, StructureScope scope, ReferenceCommand command)
    {
        var ct = ctx.CancellationToken;
        var structure = await writes.FindStructureAsync(command.StructureId, ct);
        if (structure is null || !scope.Allows(structure))
        {
            throw new NotFoundError($"Structure '{command.StructureId}' does not exist.");
        }

        var preconditions = new Violations();
        foreach (var (field, description) in ReferenceRules.Preconditions(structure, command.Unit))
        {
            preconditions.Add(field, description);
        }

        preconditions.ThrowIfAnyAsPrecondition("This structure cannot have this reference.");
        if (await writes.ExistsAsync(command.StructureId, command.ReferenceYear, ct))
        {
            throw new AlreadyExistsError($"'{command.StructureId}' already has a {command.ReferenceYear} reference.",
                new FieldViolation("reference_year", "a reference is recorded once per structure and year."));
        }

        var reference = Build(structure, command, ctx.Now.UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
        await writes.InsertAsync(reference, structure.ConventionId, ct);
        ctx.Raise(StructureTopics.ReferenceRecorded, Recorded(reference, command.ReferenceUnits, structure));
        return reference;
    }

    private static CejReference Build(Structure structure, ReferenceCommand command, string recordedAt) => new()
    {
        StructureId = structure.StructureId,
        ReferenceYear = command.ReferenceYear,
        Amount = new Money { Cents = command.AmountCents },
        Unit = command.Unit,
        ReferenceUnits = ((decimal?)command.ReferenceUnits).ToDecimalValue(),
        Kind = structure.Details.Kind,
        SupportingCollectivityId = structure.Details.SupportingCollectivityId,
        SourceNote = command.SourceNote,
        RecordedAt = recordedAt,
    };

    private static ReferenceRecordedV1 Recorded(CejReference r, decimal units, Structure s) => new(
        r.StructureId,
        r.Kind.Code(),
        r.ReferenceYear,
        r.Amount.Cents,
        r.Unit.Code(),
        units,
        r.SupportingCollectivityId,
        s.ConventionId,
        s.Details.Address.CommuneInsee.Length > 0 ? s.Details.Address.CommuneInsee : null,
        s.Details.Address.CommuneName,
        s.Details.Manager.Name);
}

/// <summary>The database side of <see cref="IReferenceWrites"/>, in the command's transaction.</summary>
internal sealed class SqlReferenceWrites(ICommandContext ctx, StructureStore structures, ReferenceStore references) : IReferenceWrites
{
    public Task<Structure?> FindStructureAsync(string structureId, CancellationToken ct) =>
        structures.GetCurrentAsync(ctx.Connection, ctx.Transaction, structureId, ct);

    public Task<bool> ExistsAsync(string structureId, int referenceYear, CancellationToken ct) =>
        references.ExistsAsync(ctx.Connection, ctx.Transaction, structureId, referenceYear, ct);

    public Task InsertAsync(CejReference reference, string conventionId, CancellationToken ct) =>
        references.InsertAsync(ctx.Connection, ctx.Transaction, reference, conventionId, ct);
}
