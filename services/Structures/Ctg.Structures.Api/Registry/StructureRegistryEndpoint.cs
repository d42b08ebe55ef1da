using Ctg.Application.Commands;
using Ctg.Data;
using Ctg.Domain;
using Ctg.ServiceDefaults;
using Ctg.ServiceDefaults.Security;
using Ctg.Structures.Shared;
using Ctg.Structures.Upstream;
using Ctg.Structures.V1;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;

namespace Ctg.Structures.Registry;

/// <summary>The gRPC face of the registry: request checks and mapping, the supporting-collectivity lookup
/// (before any transaction), the command pipeline for registering, changing and closing
/// (<see cref="RegisterStructureHandler"/>, <see cref="ChangeStructureHandler"/>), and the scoped queries on
/// the current state and "as of" a date. Every version is kept.</summary>
internal sealed class StructureRegistryEndpoint(
    IDbConnectionFactory connections,
    ICommandPipeline pipeline,
    StructureStore store,
    SupportingCollectivityDirectory collectivities,
    TimeProvider clock) : StructureRegistry.StructureRegistryBase
{
    [Authorize(Policy = CtgPolicies.StructuresWrite)]
    public override async Task<Structure> RegisterStructure(RegisterStructureRequest request, ServerCallContext context)
    {
        var validation = new Validation();
        StructureRules.ValidateId(validation, request.StructureId, "structure_id");
        StructureRules.Validate(validation, request.Details, "details");
        var effectiveFrom = ProtoDates.Optional(validation, request.EffectiveFrom, "effective_from");
        validation.ThrowIfAny();

        var details = StructureRules.Normalize(request.Details);
        var asOf = effectiveFrom ?? details.OpeningDate.ToDateOnly() ?? clock.Today();
        var collectivity = await collectivities.FindAsync(details.SupportingCollectivityId, asOf, context.CancellationToken);
        var command = new RegisterStructureCommand(request.StructureId, details, effectiveFrom, collectivity);
        return await pipeline.ExecuteAsync(context, "structures.RegisterStructure", request,
            ctx => RegisterStructureHandler.HandleAsync(ctx, new SqlStructureWrites(ctx, store), command),
            clientRequestId: null, request.StructureId);
    }

    [Authorize(Policy = CtgPolicies.StructuresWrite)]
    public override async Task<Structure> ChangeStructure(ChangeStructureRequest request, ServerCallContext context)
    {
        var ct = context.CancellationToken;
        var validation = new Validation();
        validation.Require(request.StructureId.Length > 0, "structure_id", "is required.");
        validation.Require(request.ExpectedVersion > 0, "expected_version", "is required: the version the change is based on.");
        StructureRules.Validate(validation, request.Details, "details");
        var effectiveFrom = ProtoDates.Optional(validation, request.EffectiveFrom, "effective_from");
        if (effectiveFrom is null && !validation.Items.Any(v => v.Field == "effective_from"))
        {
            validation.Add("effective_from", "is required: the date the change takes effect.");
        }

        validation.ThrowIfAny();

        var details = StructureRules.Normalize(request.Details);
        var scope = StructureScope.Of(context.GetCaller());
        // Checked before asking the signatories service, so a stale or refused change costs no upstream call;
        // checked again in the transaction.
        await using (var readConnection = await connections.OpenAsync(ct))
        {
            var current = await store.GetCurrentAsync(readConnection, null, request.StructureId, ct);
            if (current is null || !scope.Allows(current))
            {
                throw new NotFoundError($"Structure '{request.StructureId}' does not exist.");
            }

            ChangeStructureHandler.CheckChangeAllowed(current, request.ExpectedVersion, effectiveFrom!.Value, details.Kind);
        }

        var collectivity = await collectivities.FindAsync(details.SupportingCollectivityId, effectiveFrom!.Value, ct)
            ?? throw new RuleViolationError("The supporting collectivity is not a known signatory.",
                new FieldViolation("details.supporting_collectivity_id", $"'{details.SupportingCollectivityId}' is not a signatory of any CTG."));
        var command = new ChangeStructureCommand(request.StructureId, request.ExpectedVersion, details, effectiveFrom.Value, request.Reason, collectivity);
        return await pipeline.ExecuteAsync(context, "structures.ChangeStructure", request,
            ctx => ChangeStructureHandler.ChangeAsync(ctx, store, scope, command), clientRequestId: null, request.StructureId);
    }

    [Authorize(Policy = CtgPolicies.StructuresWrite)]
    public override Task<Structure> CloseStructure(CloseStructureRequest request, ServerCallContext context)
    {
        var validation = new Validation();
        validation.Require(request.StructureId.Length > 0, "structure_id", "is required.");
        validation.Require(request.ExpectedVersion > 0, "expected_version", "is required: the version the closing is based on.");
        var closingDate = ProtoDates.Optional(validation, request.ClosingDate, "closing_date");
        if (closingDate is null && !validation.Items.Any(v => v.Field == "closing_date"))
        {
            validation.Add("closing_date", "is required: closing is a dated event.");
        }

        validation.Require(!string.IsNullOrWhiteSpace(request.Reason), "reason", "is required.");
        validation.ThrowIfAny();
        var command = new CloseStructureCommand(request.StructureId, request.ExpectedVersion, closingDate!.Value, request.Reason);
        var scope = StructureScope.Of(context.GetCaller());
        return pipeline.ExecuteAsync(context, "structures.CloseStructure", request,
            ctx => ChangeStructureHandler.CloseAsync(ctx, store, scope, command), clientRequestId: null, request.StructureId);
    }

    [Authorize(Policy = CtgPolicies.StructuresRead)]
    public override async Task<Structure> GetStructure(GetStructureRequest request, ServerCallContext context)
    {
        var ct = context.CancellationToken;
        if (request.AsOf is not null && !Values.IsValid(request.AsOf))
        {
            throw new RuleViolationError("as_of is not a valid date.", new FieldViolation("as_of", "is not a valid date."));
        }

        await using var connection = await connections.OpenAsync(ct);
        var scope = StructureScope.Of(context.GetCaller());
        // Scoped on the current state: a manager who handed a structure over no longer reads its past either.
        var current = await store.GetCurrentAsync(connection, null, request.StructureId, ct);
        if (current is null || !scope.Allows(current))
        {
            throw new NotFoundError($"Structure '{request.StructureId}' does not exist.");
        }

        if (request.AsOf.ToDateOnly() is { } asOf)
        {
            return await store.GetAsOfAsync(connection, request.StructureId, asOf, ct)
                ?? throw new NotFoundError($"Structure '{request.StructureId}' was not in the registry on {asOf.ToIso()}.");
        }

        return current;
    }

    [Authorize(Policy = CtgPolicies.StructuresRead)]
    public override async Task<StructureHistory> GetStructureHistory(GetStructureHistoryRequest request, ServerCallContext context)
    {
        await using var connection = await connections.OpenAsync(context.CancellationToken);
        var current = await store.GetCurrentAsync(connection, null, request.StructureId, context.CancellationToken);
        var versions = current is not null && StructureScope.Of(context.GetCaller()).Allows(current)
            ? await store.HistoryAsync(connection, request.StructureId, context.CancellationToken)
            : [];
        if (versions.Count == 0)
        {
            throw new NotFoundError($"Structure '{request.StructureId}' does not exist.");
        }

        return new StructureHistory { Versions = { versions } };
    }

    [Authorize(Policy = CtgPolicies.StructuresRead)]
    public override async Task<ListStructuresResponse> ListStructures(ListStructuresRequest request, ServerCallContext context)
    {
        var ct = context.CancellationToken;
        var validation = new Validation();
        var page = Paging.Read(request.Page, validation);
        ValidateFilter(validation, request.Filter);
        validation.ThrowIfAny();

        await using var connection = await connections.OpenAsync(ct);
        var today = clock.Today();
        var scope = StructureScope.Of(context.GetCaller());
        var rows = await store.QueryAsync(connection, request.Filter, scope, today, page.AfterKey, page.Limit, ct);
        var total = await store.CountAsync(connection, request.Filter, scope, today, ct);
        var (items, pageResponse) = Paging.Cut(rows, page, s => [s.StructureId], total);
        return new ListStructuresResponse { Structures = { items }, Page = pageResponse };
    }

    [Authorize(Policy = CtgPolicies.StructuresRead)]
    public override async Task StreamStructures(StreamStructuresRequest request, IServerStreamWriter<Structure> responseStream, ServerCallContext context)
    {
        var validation = new Validation();
        ValidateFilter(validation, request.Filter);
        validation.ThrowIfAny();
        await using var connection = await connections.OpenAsync(context.CancellationToken);
        await foreach (var structure in store.StreamAsync(connection, request.Filter, StructureScope.Of(context.GetCaller()), clock.Today(), context.CancellationToken))
        {
            await responseStream.WriteAsync(structure, context.CancellationToken);
        }
    }

    private static void ValidateFilter(Validation validation, StructureFilter? filter)
    {
        if (filter is not null && !Enum.IsDefined(filter.Kind))
        {
            validation.Add("filter.kind", $"unknown structure kind ({(int)filter.Kind}).");
        }
    }
}
