
namespace Ctg.Eventing;

/// <summary>Configuration section <c>Eventing</c>: what the outbox publisher does with an event the sidecar
/// keeps refusing, and how replicas of a service share the publishing.</summary>
public sealed class EventingOptions
{
    public const string SectionName = "Eventing";

    /// <summary>Refusals (the sidecar answered, and said no: unknown topic, not allowed by the component's
    /// scopes, bad body) after which an event is parked and the events after it go on. An unreachable
    /// sidecar is not a refusal: the event waits, in order, without counting.</summary>
    public int MaxPublishAttempts { get; set; } = 5;

    /// <summary>How long the outbox lease of one instance lasts without renewal. Another replica takes over
    /// only after it expired, so this is also how long publishing may pause when the holder dies.</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(15);
}
