using System.Data.Common;
using System.Text.Json;
using Dapper;

namespace Ctg.Eventing;

/// <summary>Writes an event to the outbox inside the caller's transaction, so the event exists if and
/// only if the change that caused it was committed. The publisher sends it after commit.</summary>
public sealed class OutboxWriter(EventSourceName source)
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <param name="topic">Explicit, versioned topic name, e.g. <c>structures.structure-registered.v1</c>.</param>
    public Task AddAsync<TEvent>(DbTransaction transaction, string topic, TEvent @event, CancellationToken cancellationToken)
        where TEvent : IntegrationEvent
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(topic);
        return transaction.Connection!.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO outbox (event_id, topic, event_type, source, occurred_at, data)
            VALUES (@EventId, @Topic, @EventType, @Source, @OccurredAt, @Data)
            """,
            new
            {
                EventId = @event.EventId.ToString(),
                Topic = topic,
                EventType = "ctg." + topic,
                Source = source.Value,
                OccurredAt = @event.OccurredAt.UtcDateTime.ToString("O"),
                Data = JsonSerializer.Serialize(@event, Json),
            },
            transaction,
            cancellationToken: cancellationToken));
    }
}

/// <summary>The CloudEvent <c>source</c> of a service's events, e.g. <c>ctg/structures</c>.</summary>
public sealed record EventSourceName(string Value);
