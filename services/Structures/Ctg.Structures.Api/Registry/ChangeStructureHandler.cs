using Ctg.Application.Commands;
using Ctg.Domain;
using Ctg.Structures.Events;
using Ctg.Structures.Shared;
using Ctg.Structures.Upstream;
using Ctg.Structures.V1;

namespace Ctg.Structures.Registry;

internal sealed record ChangeStructureCommand(
    string StructureId, int ExpectedVersion, StructureDetails Details, DateOnly EffectiveFrom, string Reason, SupportingCollectivity Collectivity);

internal sealed record CloseStructureCommand(string StructureId, int ExpectedVersion, DateOnly ClosingDate, string Reason);

/// <summary>New versions of a registered structure: a change of its details from a date, or its closing
/// (a dated event; the structure stays readable). History is only appended to.</summary>
internal static class ChangeStructureHandler
{
    public static async Task<Structure> ChangeAsync(ICommandContext ctx, StructureStore store, StructureScope scope, ChangeStructureCommand command)
    {
        var ct = ctx.CancellationToken;
        var before = await CurrentAsync(ctx, store, scope, command.StructureId);
        var details = StructureRules.Normalize(command.Details);
        CheckChangeAllowed(before, command.ExpectedVersion, command.EffectiveFrom, details.Kind);
        CafBoundary.ThrowIfOutsideCallerCaf(ctx, command.Collectivity);
        if (await store.FindCafCollisionAsync(ctx.Connection, ctx.Transaction, details.Caf, before.StructureId, ct) is { } collision)
        {
            throw new AlreadyExistsError("A CAF identifier is already used by another structure.",
                new FieldViolation("details." + collision.Field, $"is already the identifier of structure '{collision.StructureId}'."));
        }

        var after = new Structure
        {
            StructureId = before.StructureId,
            Details = details,
            ConventionId = command.Collectivity.ConventionId,
            CafDepartement = command.Collectivity.CafDepartement,
            Version = before.Version + 1,
            EffectiveFrom = command.EffectiveFrom.ToProto(),
            RecordedAt = NowIso(ctx),
        };
        var reason = string.IsNullOrWhiteSpace(command.Reason) ? "changed" : command.Reason.Trim();
        if (!await store.UpdateAsync(ctx.Connection, ctx.Transaction, after, command.ExpectedVersion, reason, ct))
        {
            throw new ConflictError($"Structure '{before.StructureId}' was changed by someone else; reload it and retry.");
        }

        ctx.Raise(StructureTopics.StructureChanged, new StructureChangedV1(StructureStore.Snapshot(after), before.Version, reason));
        return after;
    }

    public static async Task<Structure> CloseAsync(ICommandContext ctx, StructureStore store, StructureScope scope, CloseStructureCommand command)
    {
        var before = await CurrentAsync(ctx, store, scope, command.StructureId);
        if (before.ClosingDate is not null)
        {
            throw new PreconditionFailedError($"Structure '{before.StructureId}' is already closed.",
                new FieldViolation("closing_date", $"the structure closed on {before.ClosingDate.ToDateOnly()!.Value.ToIso()}."));
        }

        CheckChangeAllowed(before, command.ExpectedVersion, command.ClosingDate, before.Details.Kind, "closing_date");
        if (before.Details.OpeningDate.ToDateOnly() is { } opening && command.ClosingDate < opening)
        {
            throw new PreconditionFailedError("A structure cannot close before it opens.",
                new FieldViolation("closing_date", $"is before the opening date {opening.ToIso()}."));
        }

        var after = before.Clone();
        after.Version = before.Version + 1;
        after.ClosingDate = command.ClosingDate.ToProto();
        after.ClosingReason = command.Reason.Trim();
        after.EffectiveFrom = command.ClosingDate.ToProto();
        after.RecordedAt = NowIso(ctx);
        if (!await store.UpdateAsync(ctx.Connection, ctx.Transaction, after, command.ExpectedVersion, "closed: " + after.ClosingReason, ctx.CancellationToken))
        {
            throw new ConflictError($"Structure '{before.StructureId}' was changed by someone else; reload it and retry.");
        }

        ctx.Raise(StructureTopics.StructureClosed, new StructureClosedV1(StructureStore.Snapshot(after), command.ClosingDate.ToIso(), after.ClosingReason));
        return after;
    }

    /// <summary>The current version, or NOT_FOUND (also for a structure outside the caller's scope).</summary>
    public static async Task<Structure> CurrentAsync(ICommandContext ctx, StructureStore store, StructureScope scope, string structureId)
    {
        var current = await store.GetCurrentAsync(ctx.Connection, ctx.Transaction, structureId, ctx.CancellationToken);
        return current is not null && scope.Allows(current) ? current : throw new NotFoundError($"Structure '{structureId}' does not exist.");
    }

    /// <summary>Whether a new version based on <paramref name="expectedVersion"/> may start on <paramref name="effectiveFrom"/>.</summary>
    public static void CheckChangeAllowed(Structure current, int expectedVersion, DateOnly effectiveFrom, StructureKind newKind, string dateField = "effective_from")
    {
        if (current.Version != expectedVersion)
        {
            throw new ConflictError($"Structure '{current.StructureId}' is at version {current.Version}, not {expectedVersion}; reload it and retry.");
        }

        if (current.ClosingDate is not null)
        {
            throw new PreconditionFailedError($"Structure '{current.StructureId}' is closed.", new FieldViolation("structure_id", "the structure is closed."));
        }

        var currentFrom = current.EffectiveFrom.ToDateOnly()!.Value;
        if (effectiveFrom < currentFrom)
        {
            throw new PreconditionFailedError("History is only appended to.",
                new FieldViolation(dateField, $"is before the current version's effective date {currentFrom.ToIso()}."));
        }

        if (newKind != current.Details.Kind)
        {
            throw new PreconditionFailedError("The kind of a structure does not change: close it and register a new one.",
                new FieldViolation("details.kind", $"the structure is a {current.Details.Kind.Code()}."));
        }
    }

    private static string NowIso(ICommandContext ctx) => ctx.Now.UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture);
}
