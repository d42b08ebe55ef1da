using Ctg.Data;
using Ctg.Eventing;
using Ctg.ServiceDefaults;
using Ctg.Structures.Events;
using Ctg.Structures.Persistence;
using Ctg.Structures.Signatories;
using Ctg.Structures.V1;
using Grpc.Core;
using Ctg.ServiceDefaults.Security;
using Microsoft.AspNetCore.Authorization;

namespace Ctg.Structures.Registry;

/// <summary>Registering, changing and closing structures, with every version kept; queries on the current
/// state and "as of" a date.</summary>
internal sealed class StructureRegistryService(
    IDbConnectionFactory connections,
    StructureStore store,
    SupportingCollectivityDirectory collectivities,
    OutboxWriter outbox,
    TimeProvider clock,
    IOutboxSignal outboxSignal) : StructureRegistry.StructureRegistryBase
{
    private const int DefaultPageSize = 50;
    private const int MaxPageSize = 500;

    [Authorize(Policy = CtgPolicies.StructuresWrite)]
    public override async Task<Structure> RegisterStructure(RegisterStructureRequest request, ServerCallContext context)
    {
        var ct = context.CancellationToken;
        var validation = new Validation();
        StructureRules.ValidateId(validation, request.StructureId, "structure_id");
        StructureRules.Validate(validation, request.Details, "details");
        if (request.EffectiveFrom is not null && !Values.IsValid(request.EffectiveFrom))
        {
            validation.Add("effective_from", "is not a valid date.");
        }

        validation.ThrowIfInvalid();

        var details = Normalize(request.Details);
        var effectiveFrom = request.EffectiveFrom.ToDateOnly() ?? details.OpeningDate.ToDateOnly() ?? clock.Today();
        var collectivity = await CheckCollectivityAsync(details.SupportingCollectivityId, effectiveFrom, ct);

        var structure = new Structure
        {
            StructureId = request.StructureId.Length > 0 ? request.StructureId : "str-" + Guid.NewGuid().ToString("N"),
            Details = details,
            ConventionId = collectivity.ConventionId,
            Version = 1,
            EffectiveFrom = effectiveFrom.ToProto(),
            RecordedAt = clock.NowIso(),
        };

        await using var connection = await connections.OpenAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        if (await store.ExistsAsync(connection, transaction, structure.StructureId, ct))
        {
            throw RpcErrors.AlreadyExists($"Structure '{structure.StructureId}' already exists.", ("structure_id", "is already registered."));
        }

        await ThrowIfCafIdentifierTakenAsync(connection, transaction, details.Caf, structure.StructureId, ct);
        await store.InsertAsync(connection, transaction, structure, "registered", ct);
        await outbox.AddAsync(transaction, StructureTopics.StructureRegistered, new StructureRegisteredV1(StructureStore.Snapshot(structure)), ct);
        await transaction.CommitAsync(ct);
        outboxSignal.Notify(); // publish now rather than at the next poll
        return structure;
    }

    [Authorize(Policy = CtgPolicies.StructuresWrite)]
    public override async Task<Structure> ChangeStructure(ChangeStructureRequest request, ServerCallContext context)
    {
        var ct = context.CancellationToken;
        var validation = new Validation();
        validation.Require(request.StructureId.Length > 0, "structure_id", "is required.");
        validation.Require(request.ExpectedVersion > 0, "expected_version", "is required: the version the change is based on.");
        StructureRules.Validate(validation, request.Details, "details");
        if (request.EffectiveFrom is null || !Values.IsValid(request.EffectiveFrom))
        {
            validation.Add("effective_from", "is required: the date the change takes effect.");
        }

        validation.ThrowIfInvalid();

        var details = Normalize(request.Details);
        var effectiveFrom = request.EffectiveFrom.ToDateOnly()!.Value;
        await using (var readConnection = await connections.OpenAsync(ct))
        {
            var current = await store.GetCurrentAsync(readConnection, null, request.StructureId, ct)
                ?? throw RpcErrors.NotFound($"Structure '{request.StructureId}' does not exist.");
            CheckChangeAllowed(current, request.ExpectedVersion, effectiveFrom, details.Kind);
        }

        var collectivity = await CheckCollectivityAsync(details.SupportingCollectivityId, effectiveFrom, ct);

        await using var connection = await connections.OpenAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        var before = await store.GetCurrentAsync(connection, transaction, request.StructureId, ct)
            ?? throw RpcErrors.NotFound($"Structure '{request.StructureId}' does not exist.");
        CheckChangeAllowed(before, request.ExpectedVersion, effectiveFrom, details.Kind);
        await ThrowIfCafIdentifierTakenAsync(connection, transaction, details.Caf, before.StructureId, ct);

        var after = new Structure
        {
            StructureId = before.StructureId,
            Details = details,
            ConventionId = collectivity.ConventionId,
            Version = before.Version + 1,
            EffectiveFrom = effectiveFrom.ToProto(),
            RecordedAt = clock.NowIso(),
        };
        var reason = string.IsNullOrWhiteSpace(request.Reason) ? "changed" : request.Reason.Trim();
        if (!await store.UpdateAsync(connection, transaction, after, request.ExpectedVersion, reason, ct))
        {
            throw RpcErrors.Aborted($"Structure '{before.StructureId}' was changed by someone else; reload it and retry.");
        }

        await outbox.AddAsync(transaction, StructureTopics.StructureChanged,
            new StructureChangedV1(StructureStore.Snapshot(after), before.Version, reason), ct);
        await transaction.CommitAsync(ct);
        outboxSignal.Notify(); // publish now rather than at the next poll
        return after;
    }

    [Authorize(Policy = CtgPolicies.StructuresWrite)]
    public override async Task<Structure> CloseStructure(CloseStructureRequest request, ServerCallContext context)
    {
        var ct = context.CancellationToken;
        var validation = new Validation();
        validation.Require(request.StructureId.Length > 0, "structure_id", "is required.");
        validation.Require(request.ExpectedVersion > 0, "expected_version", "is required: the version the closing is based on.");
        if (request.ClosingDate is null || !Values.IsValid(request.ClosingDate))
        {
            validation.Add("closing_date", "is required: closing is a dated event.");
        }

        validation.Require(!string.IsNullOrWhiteSpace(request.Reason), "reason", "is required.");
        validation.ThrowIfInvalid();

        var closingDate = request.ClosingDate.ToDateOnly()!.Value;
        await using var connection = await connections.OpenAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        var before = await store.GetCurrentAsync(connection, transaction, request.StructureId, ct)
            ?? throw RpcErrors.NotFound($"Structure '{request.StructureId}' does not exist.");
        if (before.ClosingDate is not null)
        {
            throw RpcErrors.FailedPrecondition($"Structure '{before.StructureId}' is already closed.",
                ("closing_date", $"the structure closed on {before.ClosingDate.ToDateOnly()!.Value.ToIso()}."));
        }

        CheckChangeAllowed(before, request.ExpectedVersion, closingDate, before.Details.Kind, "closing_date");
        if (before.Details.OpeningDate.ToDateOnly() is { } opening && closingDate < opening)
        {
            throw RpcErrors.FailedPrecondition("A structure cannot close before it opens.",
                ("closing_date", $"is before the opening date {opening.ToIso()}."));
        }

        var after = before.Clone();
        after.Version = before.Version + 1;
        after.ClosingDate = closingDate.ToProto();
        after.ClosingReason = request.Reason.Trim();
        after.EffectiveFrom = closingDate.ToProto();
        after.RecordedAt = clock.NowIso();
        if (!await store.UpdateAsync(connection, transaction, after, request.ExpectedVersion, "closed: " + after.ClosingReason, ct))
        {
            throw RpcErrors.Aborted($"Structure '{before.StructureId}' was changed by someone else; reload it and retry.");
        }

        await outbox.AddAsync(transaction, StructureTopics.StructureClosed,
            new StructureClosedV1(StructureStore.Snapshot(after), closingDate.ToIso(), after.ClosingReason), ct);
        await transaction.CommitAsync(ct);
        outboxSignal.Notify(); // publish now rather than at the next poll
        return after;
    }

    [Authorize(Policy = CtgPolicies.StructuresRead)]
    public override async Task<Structure> GetStructure(GetStructureRequest request, ServerCallContext context)
    {
        var ct = context.CancellationToken;
        if (request.AsOf is not null && !Values.IsValid(request.AsOf))
        {
            throw RpcErrors.InvalidArgument("as_of is not a valid date.", ("as_of", "is not a valid date."));
        }

        await using var connection = await connections.OpenAsync(ct);
        if (request.AsOf.ToDateOnly() is { } asOf)
        {
            return await store.GetAsOfAsync(connection, request.StructureId, asOf, ct)
                ?? throw RpcErrors.NotFound($"Structure '{request.StructureId}' was not in the registry on {asOf.ToIso()}.");
        }

        return await store.GetCurrentAsync(connection, null, request.StructureId, ct)
            ?? throw RpcErrors.NotFound($"Structure '{request.StructureId}' does not exist.");
    }

    [Authorize(Policy = CtgPolicies.StructuresRead)]
    public override async Task<StructureHistory> GetStructureHistory(GetStructureHistoryRequest request, ServerCallContext context)
    {
        await using var connection = await connections.OpenAsync(context.CancellationToken);
        var versions = await store.HistoryAsync(connection, request.StructureId, context.CancellationToken);
        if (versions.Count == 0)
        {
            throw RpcErrors.NotFound($"Structure '{request.StructureId}' does not exist.");
        }

        return new StructureHistory { Versions = { versions } };
    }

    [Authorize(Policy = CtgPolicies.StructuresRead)]
    public override async Task<ListStructuresResponse> ListStructures(ListStructuresRequest request, ServerCallContext context)
    {
        var ct = context.CancellationToken;
        var pageSize = request.Page?.PageSize ?? 0;
        var validation = new Validation();
        validation.Require(pageSize is >= 0 and <= MaxPageSize, "page.page_size", $"must be between 1 and {MaxPageSize}.");
        string? afterId = null;
        if (!string.IsNullOrEmpty(request.Page?.PageToken))
        {
            afterId = PageToken.Decode(request.Page.PageToken);
            validation.Require(afterId is not null, "page.page_token", "is not a token this service returned.");
        }

        ValidateFilter(validation, request.Filter);
        validation.ThrowIfInvalid();
        if (pageSize == 0)
        {
            pageSize = DefaultPageSize;
        }

        await using var connection = await connections.OpenAsync(ct);
        var today = clock.Today();
        // One more than asked tells whether another page follows.
        var rows = await store.QueryAsync(connection, request.Filter, today, afterId, pageSize + 1, ct);
        var total = await store.CountAsync(connection, request.Filter, today, ct);
        var page = rows.Take(pageSize).ToList();
        return new ListStructuresResponse
        {
            Structures = { page },
            Page = new Common.V1.PageResponse
            {
                NextPageToken = rows.Count > pageSize ? PageToken.Encode(page[^1].StructureId) : "",
                TotalSize = total,
            },
        };
    }

    [Authorize(Policy = CtgPolicies.StructuresRead)]
    public override async Task StreamStructures(StreamStructuresRequest request, IServerStreamWriter<Structure> responseStream, ServerCallContext context)
    {
        var validation = new Validation();
        ValidateFilter(validation, request.Filter);
        validation.ThrowIfInvalid();
        await using var connection = await connections.OpenAsync(context.CancellationToken);
        await foreach (var structure in store.StreamAsync(connection, request.Filter, clock.Today(), context.CancellationToken))
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

    private static void CheckChangeAllowed(Structure current, int expectedVersion, DateOnly effectiveFrom, StructureKind newKind, string dateField = "effective_from")
    {
        if (current.Version != expectedVersion)
        {
            throw RpcErrors.Aborted($"Structure '{current.StructureId}' is at version {current.Version}, not {expectedVersion}; reload it and retry.");
        }

        if (current.ClosingDate is not null)
        {
            throw RpcErrors.FailedPrecondition($"Structure '{current.StructureId}' is closed.", ("structure_id", "the structure is closed."));
        }

        var currentFrom = current.EffectiveFrom.ToDateOnly()!.Value;
        if (effectiveFrom < currentFrom)
        {
            throw RpcErrors.FailedPrecondition("History is only appended to.",
                (dateField, $"is before the current version's effective date {currentFrom.ToIso()}."));
        }

        if (newKind != current.Details.Kind)
        {
            throw RpcErrors.FailedPrecondition("The kind of a structure does not change: close it and register a new one.",
                ("details.kind", $"the structure is a {current.Details.Kind.Code()}."));
        }
    }

    private async Task<SupportingCollectivity> CheckCollectivityAsync(string signatoryId, DateOnly asOf, CancellationToken ct) =>
        await collectivities.FindAsync(signatoryId, asOf, ct)
        ?? throw RpcErrors.InvalidArgument("The supporting collectivity is not a known signatory.",
            ("details.supporting_collectivity_id", $"'{signatoryId}' is not a signatory of any CTG."));

    private async Task ThrowIfCafIdentifierTakenAsync(System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction transaction,
        CafIdentifiers? caf, string structureId, CancellationToken ct)
    {
        if (await store.FindCafCollisionAsync(connection, transaction, caf, structureId, ct) is { } collision)
        {
            throw RpcErrors.AlreadyExists("A CAF identifier is already used by another structure.",
                ("details." + collision.Field, $"is already the identifier of structure '{collision.StructureId}'."));
        }
    }

    /// <summary>Trims the free-text fields so that "  Fraisans " and "Fraisans" are one value.</summary>
    internal static StructureDetails Normalize(StructureDetails details)
    {
        var copy = details.Clone();
        copy.Name = copy.Name.Trim();
        copy.SupportingCollectivityId = copy.SupportingCollectivityId.Trim();
        if (copy.Caf is not null)
        {
            copy.Caf.DossierNumber = copy.Caf.DossierNumber.Trim();
            copy.Caf.EquipmentCode = copy.Caf.EquipmentCode.Trim();
        }

        copy.Manager ??= new Manager();
        copy.Manager.Name = copy.Manager.Name.Trim();
        copy.Address ??= new Address();
        copy.Address.CommuneInsee = copy.Address.CommuneInsee.Trim().ToUpperInvariant();
        copy.Address.CommuneName = copy.Address.CommuneName.Trim();
        return copy;
    }
}

/// <summary>An opaque cursor: the last structure_id of the page, base64url-encoded.</summary>
internal static class PageToken
{
    public static string Encode(string lastId) =>
        Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes("after:" + lastId)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static string? Decode(string token)
    {
        try
        {
            var padded = token.Replace('-', '+').Replace('_', '/');
            padded += new string('=', (4 - padded.Length % 4) % 4);
            var text = System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(padded));
            return text.StartsWith("after:", StringComparison.Ordinal) ? text["after:".Length..] : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
