using Ctg.Application.Commands;
using Ctg.Domain;
using Ctg.Structures.Events;
using Ctg.Structures.Shared;
using Ctg.Structures.Upstream;
using Ctg.Structures.V1;

namespace Ctg.Structures.Registry;

/// <summary>A structure to register. <paramref name="Collectivity"/> is what the signatories service said of
/// the supporting collectivity (null: not a signatory), looked up before the transaction so that no write
/// lock is held while waiting on another service. Violations name fields under <paramref name="DetailsField"/>.</summary>
internal sealed record RegisterStructureCommand(
    string StructureId,
    StructureDetails Details,
    DateOnly? EffectiveFrom,
    SupportingCollectivity? Collectivity,
    string DetailsField = "details");

/// <summary>Where registrations are checked and written: the database in the command's transaction, or the
/// bulk import's in-memory key sets and batches.</summary>
internal interface IStructureWrites
{
    Task<bool> ExistsAsync(string structureId, CancellationToken ct);

    /// <summary>The structure that already holds one of these CAF identifiers, with the field that collides.</summary>
    Task<(string Field, string StructureId)?> FindCafCollisionAsync(CafIdentifiers? caf, string exceptStructureId, CancellationToken ct);

    Task InsertAsync(Structure structure, CancellationToken ct);
}

/// <summary>Registers a structure: the one place the registration rules run, for RegisterStructure and every
/// row of a structures CSV.</summary>
internal static class RegisterStructureHandler
{
    public static async Task<Structure> HandleAsync(ICommandContext ctx, IStructureWrites writes, RegisterStructureCommand command)
    {
        var ct = ctx.CancellationToken;
        var prefix = command.DetailsField;
        var violations = new Violations();
        StructureRules.Validate(violations, command.Details, prefix);
        violations.ThrowIfAny();
        var details = StructureRules.Normalize(command.Details);
        var field = prefix.Length > 0 ? prefix + ".supporting_collectivity_id" : "supporting_collectivity_id";
        var collectivity = command.Collectivity
            ?? throw new RuleViolationError("The supporting collectivity is not a known signatory.",
                new FieldViolation(field, $"'{details.SupportingCollectivityId}' is not a signatory of any CTG."));
        CafBoundary.ThrowIfOutsideCallerCaf(ctx, collectivity);

        var structure = new Structure
        {
            StructureId = command.StructureId.Length > 0 ? command.StructureId : "str-" + Guid.NewGuid().ToString("N"),
            Details = details,
            ConventionId = collectivity.ConventionId,
            CafDepartement = collectivity.CafDepartement,
            Version = 1,
            EffectiveFrom = (command.EffectiveFrom ?? details.OpeningDate.ToDateOnly() ?? DateOnly.FromDateTime(ctx.Now.UtcDateTime)).ToProto(),
            RecordedAt = ctx.Now.UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
        };
        if (await writes.ExistsAsync(structure.StructureId, ct))
        {
            throw new AlreadyExistsError($"Structure '{structure.StructureId}' already exists.", new FieldViolation("structure_id", "is already registered."));
        }

        if (await writes.FindCafCollisionAsync(details.Caf, structure.StructureId, ct) is { } collision)
        {
            throw new AlreadyExistsError("A CAF identifier is already used by another structure.",
                new FieldViolation((prefix.Length > 0 ? prefix + "." : "") + collision.Field, $"is already the identifier of structure '{collision.StructureId}'."));
        }

        await writes.InsertAsync(structure, ct);
        ctx.Raise(StructureTopics.StructureRegistered, new StructureRegisteredV1(StructureStore.Snapshot(structure)));
        return structure;
    }
}

/// <summary>The database side of <see cref="IStructureWrites"/>, in the command's transaction.</summary>
internal sealed class SqlStructureWrites(ICommandContext ctx, StructureStore store) : IStructureWrites
{
    public Task<bool> ExistsAsync(string structureId, CancellationToken ct) => store.ExistsAsync(ctx.Connection, ctx.Transaction, structureId, ct);

    public Task<(string Field, string StructureId)?> FindCafCollisionAsync(CafIdentifiers? caf, string exceptStructureId, CancellationToken ct) =>
        store.FindCafCollisionAsync(ctx.Connection, ctx.Transaction, caf, exceptStructureId, ct);

    public Task InsertAsync(Structure structure, CancellationToken ct) => store.InsertAsync(ctx.Connection, ctx.Transaction, structure, "registered", ct);
}
