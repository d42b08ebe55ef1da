
namespace Ctg.Eventing;

/// <summary>Something that happened, named in the past tense. Every event has an id (the CloudEvent id,
/// used by inboxes to ignore redeliveries) and the UTC time it happened.</summary>
public abstract record IntegrationEvent
{
    public Guid EventId { get; init; } = Guid.NewGuid();

    /// <summary>When it happened. The command pipeline sets it from the service's injected clock when the event is
    /// raised (the command's instant, as its audit record's), so a test's fixed clock reaches the events too; the default
    /// only dates an event built outside a command.</summary>
    public DateTimeOffset OccurredAt { get; set; } = DateTimeOffset.UtcNow;
}
