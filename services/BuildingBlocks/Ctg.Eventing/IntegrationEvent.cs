
namespace Ctg.Eventing;

/// <summary>Something that happened, named in the past tense. Every event has an id (the CloudEvent id,
/// used by inboxes to ignore redeliveries) and the UTC time it happened.</summary>
public abstract record IntegrationEvent
{
    public Guid EventId { get; init; } = Guid.NewGuid();

    public DateTimeOffset OccurredAt { get; init; } = DateTimeOffset.UtcNow;
}
