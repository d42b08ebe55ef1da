using System.Text.Json;

namespace Ctg.Eventing.Subscriptions;

/// <summary>One subscription: a topic, the route on which the bus delivers it, its dead-letter topic,
/// the only CloudEvent source accepted on it (null for dead-letter topics, which carry the events of
/// every producer), and the typed handler.</summary>
public sealed record Subscription(
    string PubSubName,
    string Topic,
    string Route,
    string DeadLetterTopic,
    string Consumer,
    string? ExpectedSource,
    Func<JsonElement, object?> Deserialize,
    Func<object, EventContext, Task> Handle);

/// <summary>Declares what a service listens to:
/// <c>subs.On&lt;StructureRegistered&gt;("structures.structure-registered.v1", (e, ctx) => ...)</c>.</summary>
public sealed class SubscriptionBuilder
{
    // A payload that lacks a required field or has a null where the type says never is poison, not a
    // default-filled event: it is dropped to the dead-letter topic rather than applied.
    private static readonly JsonSerializerOptions StrictJson = new(JsonSerializerDefaults.Web)
    {
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
    };

    private readonly List<Subscription> _subscriptions = [];
    private readonly string _serviceName;
    private readonly string _pubSubName;

    internal SubscriptionBuilder(string serviceName, string pubSubName)
    {
        _serviceName = serviceName;
        _pubSubName = pubSubName;
        DefaultDeadLetterTopic = $"{serviceName}.dead-letter.v1";
    }

    /// <summary>Where poison or undeliverable events go unless a subscription says otherwise: one topic
    /// per consuming service, so that whoever reads it knows which consumer failed.</summary>
    public string DefaultDeadLetterTopic { get; set; }

    public IReadOnlyList<Subscription> Subscriptions => _subscriptions;

    /// <summary>The source of the service that owns a topic: its first segment names the publisher
    /// (<c>structures.structure-registered.v1</c> is published by <c>ctg/structures</c> only).
    /// Dead-letter topics (<c>reporting.dead-letter.v1</c>) hold what any producer sent: no single owner.</summary>
    public static string? OwnerSource(string topic)
    {
        if (topic.Contains(".dead-letter.", StringComparison.Ordinal))
        {
            return null;
        }

        var dot = topic.IndexOf('.', StringComparison.Ordinal);
        return dot > 0 ? "ctg/" + topic[..dot] : null;
    }

    /// <param name="topic">Explicit, versioned topic name: <c>structures.structure-registered.v1</c>.</param>
    /// <param name="handler">Runs in the inbox transaction (<see cref="EventContext.Transaction"/>). Throw
    /// <see cref="PoisonEventException"/> for an event that can never succeed; any other exception asks
    /// the bus to retry.</param>
    /// <param name="route">Delivery path on the HTTP port; default <c>/events/{topic}</c>.</param>
    /// <param name="deadLetterTopic">Default <see cref="DefaultDeadLetterTopic"/>.</param>
    public SubscriptionBuilder On<TEvent>(
        string topic, Func<TEvent, EventContext, Task> handler, string? route = null, string? deadLetterTopic = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(topic);
        ArgumentNullException.ThrowIfNull(handler);
        if (_subscriptions.Any(s => s.Topic == topic))
        {
            throw new InvalidOperationException($"Topic {topic} is already subscribed: Dapr allows one subscription per topic and app.");
        }

        route ??= "/events/" + topic;
        if (!route.StartsWith('/'))
        {
            route = "/" + route;
        }

        _subscriptions.Add(new Subscription(
            _pubSubName,
            topic,
            route,
            deadLetterTopic ?? DefaultDeadLetterTopic,
            Consumer: $"{_serviceName}:{topic}",
            ExpectedSource: OwnerSource(topic),
            Deserialize: data => data.Deserialize<TEvent>(StrictJson),
            Handle: (e, context) => handler((TEvent)e, context)));
        return this;
    }
}
