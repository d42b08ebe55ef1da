using System.Globalization;
using Ctg.Eventing.Publishing;
using Ctg.Eventing.V1;
using Ctg.ServiceDefaults;
using Ctg.ServiceDefaults.Security;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;

namespace Ctg.Eventing.Administration;

/// <summary>gRPC endpoint of <c>ctg.eventing.v1.ParkedEvents</c>: administrators list, retry or discard the
/// events the outbox publisher parked. Retrying wakes the publisher at once.</summary>
public sealed class ParkedEventsService(ParkedEventStore store, IOutboxSignal signal) : ParkedEvents.ParkedEventsBase
{
    [Authorize(Policy = CtgPolicies.Administration)]
    public override async Task<ListParkedEventsResponse> ListParkedEvents(ListParkedEventsRequest request, ServerCallContext context)
    {
        // The shared paging rule, on this request's top-level page_size and page_token fields.
        var validation = new Validation();
        var query = new PageQuery(Paging.ReadSize(request.PageSize, validation, "page_size"), Paging.ReadAfter(request.PageToken, validation, "page_token"));
        Paging.RequireOneKey(query, validation, "page_token");
        long afterSequence = 0;
        if (query.AfterKey is { } key && !long.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out afterSequence))
        {
            validation.Add("page_token", Paging.PageTokenMessage);
        }

        validation.ThrowIfInvalid();
        var rows = await store.ListAsync(afterSequence, query.Limit, context.CancellationToken);
        var (page, next) = Paging.Cut(rows, query, row => [row.Sequence.ToString(CultureInfo.InvariantCulture)]);
        var response = new ListParkedEventsResponse { NextPageToken = next.NextPageToken };
        foreach (var row in page)
        {
            response.Events.Add(new ParkedEvent
            {
                Sequence = row.Sequence,
                EventId = row.EventId,
                Topic = row.Topic,
                EventType = row.EventType,
                Attempts = checked((int)row.Attempts),
                Reason = row.Reason,
                ParkedAt = row.ParkedAt,
                OccurredAt = row.OccurredAt,
            });
        }

        return response;
    }

    [Authorize(Policy = CtgPolicies.Administration)]
    public override async Task<RetryParkedEventResponse> RetryParkedEvent(RetryParkedEventRequest request, ServerCallContext context)
    {
        RequireEventId(request.EventId);
        var sequence = await store.RetryAsync(request.EventId, context.CancellationToken)
            ?? throw RpcErrors.NotFound($"No parked event {request.EventId}.");
        signal.Notify();
        return new RetryParkedEventResponse { Sequence = sequence };
    }

    [Authorize(Policy = CtgPolicies.Administration)]
    public override async Task<DiscardParkedEventResponse> DiscardParkedEvent(DiscardParkedEventRequest request, ServerCallContext context)
    {
        var violations = new List<(string, string)>();
        if (string.IsNullOrWhiteSpace(request.EventId))
        {
            violations.Add(("event_id", "is required"));
        }

        if (string.IsNullOrWhiteSpace(request.Reason))
        {
            violations.Add(("reason", "is required: say why the event is given up"));
        }

        if (violations.Count > 0)
        {
            throw RpcErrors.InvalidArgument("Invalid discard request.", [.. violations]);
        }

        var sequence = await store.DiscardAsync(request.EventId, request.Reason.Trim(), context.CancellationToken)
            ?? throw RpcErrors.NotFound($"No parked event {request.EventId}.");
        return new DiscardParkedEventResponse { Sequence = sequence };
    }

    private static void RequireEventId(string eventId)
    {
        if (string.IsNullOrWhiteSpace(eventId))
        {
            throw RpcErrors.InvalidArgument("Invalid request.", ("event_id", "is required"));
        }
    }
}
