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
    private const int DefaultPageSize = 50;
    private const int MaxPageSize = 500;

    [Authorize(Policy = CtgPolicies.Administration)]
    public override async Task<ListParkedEventsResponse> ListParkedEvents(ListParkedEventsRequest request, ServerCallContext context)
    {
        if (request.PageSize is < 0 or > MaxPageSize)
        {
            throw RpcErrors.InvalidArgument("Invalid page.", ("page_size", $"must be between 0 (default {DefaultPageSize}) and {MaxPageSize}"));
        }

        long after = 0;
        if (request.PageToken.Length > 0 && !long.TryParse(request.PageToken, NumberStyles.None, CultureInfo.InvariantCulture, out after))
        {
            throw RpcErrors.InvalidArgument("Invalid page.", ("page_token", "is not a token this service returned"));
        }

        var size = request.PageSize == 0 ? DefaultPageSize : request.PageSize;
        var rows = await store.ListAsync(after, size + 1, context.CancellationToken);
        var response = new ListParkedEventsResponse();
        foreach (var row in rows.Take(size))
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

        if (rows.Count > size)
        {
            response.NextPageToken = rows[size - 1].Sequence.ToString(CultureInfo.InvariantCulture);
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
