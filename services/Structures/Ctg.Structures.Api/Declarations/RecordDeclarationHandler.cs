using Ctg.Application.Commands;
using Ctg.Domain;
using Ctg.Structures.Events;
using Ctg.Structures.Shared;
using Ctg.Structures.V1;

namespace Ctg.Structures.Declarations;

/// <summary>A declaration to record: a first revision (no reason) or a correction of the latest revision.
/// Field paths of violations start with <see cref="FiguresField"/> (the RPCs' <c>figures</c>, the CSV's none).</summary>
internal sealed record DeclarationCommand(
    string StructureId,
    int Year,
    DeclarationVersion Version,
    ActivityFigures? Figures,
    DateOnly ReceivedOn,
    string? CorrectionReason,
    int ExpectedRevision,
    string FiguresField = "figures");

/// <summary>Where a declaration is read from and written to: the database in the command's transaction for an
/// RPC, or the bulk import's in-memory view and batches. The rules are the same either way.</summary>
internal interface IDeclarationWrites
{
    Task<Structure?> FindStructureAsync(string structureId, CancellationToken ct);

    Task<int> LatestRevisionAsync(string structureId, int year, DeclarationVersion version, CancellationToken ct);

    Task InsertAsync(Declaration declaration, CancellationToken ct);
}

/// <summary>Records a declaration revision: the one place its rules run, for SubmitDeclaration,
/// CorrectDeclaration and every row of a declarations CSV.</summary>
internal static class RecordDeclarationHandler
{
    public static async Task<Declaration> HandleAsync(ICommandContext ctx, IDeclarationWrites writes, StructureScope scope, DeclarationCommand command)
    {
        var ct = ctx.CancellationToken;
        var structure = await writes.FindStructureAsync(command.StructureId, ct);
        if (structure is null || !scope.Allows(structure))
        {
            // A manager declares for their own structures only; another's is answered as unknown.
            throw new NotFoundError($"Structure '{command.StructureId}' does not exist.");
        }

        var violations = new Violations();
        var parsed = DeclarationRules.Parse(violations, command.Figures, structure.Details.Kind, command.FiguresField);
        violations.ThrowIfAny();
        var today = DateOnly.FromDateTime(ctx.Now.UtcDateTime);
        var preconditions = new Violations();
        foreach (var (field, description) in DeclarationPolicy.Preconditions(structure, command.Year, command.Version, command.ReceivedOn, today))
        {
            preconditions.Add(field, description);
        }

        preconditions.ThrowIfAnyAsPrecondition("The structure cannot declare this year and version now.");
        var latest = await writes.LatestRevisionAsync(command.StructureId, command.Year, command.Version, ct);
        var code = command.Version.Code();
        if (command.CorrectionReason is null && latest > 0)
        {
            throw new AlreadyExistsError($"The {code} {command.Year} of '{command.StructureId}' exists; a change is a correction with a reason.",
                new FieldViolation("version", $"revision {latest} exists: use CorrectDeclaration."));
        }

        if (command.CorrectionReason is not null && latest == 0)
        {
            throw new PreconditionFailedError($"There is no {code} {command.Year} of '{command.StructureId}' to correct.",
                new FieldViolation("version", "nothing to correct: use SubmitDeclaration."));
        }

        if (command.CorrectionReason is not null && latest != command.ExpectedRevision)
        {
            throw new ConflictError($"The latest revision is {latest}, not {command.ExpectedRevision}; reload and retry.");
        }

        var declaration = DeclarationPolicy.Build(structure, command.Year, command.Version, parsed, command.ReceivedOn, latest + 1,
            command.CorrectionReason ?? "", ctx.Now.UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
        await writes.InsertAsync(declaration, ct);
        ctx.Raise(StructureTopics.DeclarationSubmitted, DeclarationEvents.Submitted(declaration, parsed, structure));
        return declaration;
    }
}

/// <summary>The database side of <see cref="IDeclarationWrites"/>, in the command's transaction.</summary>
internal sealed class SqlDeclarationWrites(ICommandContext ctx, StructureStore structures, DeclarationStore declarations) : IDeclarationWrites
{
    public Task<Structure?> FindStructureAsync(string structureId, CancellationToken ct) =>
        structures.GetCurrentAsync(ctx.Connection, ctx.Transaction, structureId, ct);

    public Task<int> LatestRevisionAsync(string structureId, int year, DeclarationVersion version, CancellationToken ct) =>
        declarations.LatestRevisionAsync(ctx.Connection, ctx.Transaction, structureId, year, version, ct);

    public Task InsertAsync(Declaration declaration, CancellationToken ct) =>
        declarations.InsertAsync(ctx.Connection, ctx.Transaction, declaration, ct);
}
