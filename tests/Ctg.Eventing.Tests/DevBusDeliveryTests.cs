using System.Net;
using System.Text;
using System.Text.Json;
using Ctg.Eventing.Tests.Support;

namespace Ctg.Eventing.Tests;

/// <summary>Publisher service → real development bus → subscriber service, all on loopback sockets.</summary>
public sealed class DevBusDeliveryTests
{
    // Calls to the bus carry the sidecar token the bus of these tests asks for (RunningBus.FastOptions).
    private static readonly HttpClient Http = new() { DefaultRequestHeaders = { { "dapr-api-token", "test-dapr-api-token" } } };

    [Fact]
    public async Task Events_flow_from_the_publishing_service_to_the_subscriber_in_order_exactly_once()
    {
        var subscriberSettings = new TestAppSettings { Subscribe = true, HttpPort = Ctg.Testing.FreePort.Next() };
        await using var bus = await RunningBus.StartAsync(RunningBus.FastOptions(("reporting", new Uri($"http://127.0.0.1:{subscriberSettings.HttpPort}/"))));
        await using var subscriber = await EventingTestApp.StartAsync("reporting", subscriberSettings with { Bus = bus.Options });
        await using var publisher = await EventingTestApp.StartAsync("structures", new TestAppSettings { Bus = bus.Options });

        for (var i = 1; i <= 30; i++)
        {
            await publisher.PublishAsync($"e{i}", i);
        }

        await Eventually.HoldsAsync(async () => (await subscriber.ReceivedAsync()).Count == 30, "the subscriber applied 30 events");
        var received = await subscriber.ReceivedAsync();
        Assert.Equal(Enumerable.Range(1, 30).Select(i => (long)i).ToArray(), received.Select(r => r.Number).ToArray());
        Assert.Equal(Enumerable.Range(1, 30).Select(i => (long)i).ToArray(), received.Select(r => r.Position).ToArray());
    }

    [Fact]
    public async Task A_committed_change_reaches_the_subscriber_through_the_bus_in_under_a_second()
    {
        var subscriberSettings = new TestAppSettings { Subscribe = true, HttpPort = Ctg.Testing.FreePort.Next() };
        await using var bus = await RunningBus.StartAsync(RunningBus.FastOptions(("reporting", new Uri($"http://127.0.0.1:{subscriberSettings.HttpPort}/"))));
        await using var subscriber = await EventingTestApp.StartAsync("reporting", subscriberSettings);
        await using var publisher = await EventingTestApp.StartAsync("structures", new TestAppSettings { Bus = bus.Options });
        await publisher.PublishAsync("warm-up", 0);
        await Eventually.HoldsAsync(async () => (await subscriber.ReceivedAsync()).Count == 1, "the warm-up event arrived");

        var latencies = new List<TimeSpan>();
        for (var i = 1; i <= 5; i++)
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            await publisher.PublishAsync($"timed{i}", i);
            await Eventually.HoldsAsync(async () => (await subscriber.ReceivedAsync()).Count == i + 1, $"timed event {i} arrived");
            latencies.Add(clock.Elapsed);
        }

        Assert.True(latencies.Max() < TimeSpan.FromSeconds(1), "latencies: " + string.Join(", ", latencies.Select(l => $"{l.TotalMilliseconds:F0} ms")));
    }

    [Fact]
    public async Task Every_subscribing_app_gets_every_event_independently_of_the_others()
    {
        var reportingSettings = new TestAppSettings { Subscribe = true, HttpPort = Ctg.Testing.FreePort.Next() };
        var fundingSettings = new TestAppSettings { Subscribe = true, HttpPort = Ctg.Testing.FreePort.Next() };
        await using var bus = await RunningBus.StartAsync(RunningBus.FastOptions(
            ("reporting", new Uri($"http://127.0.0.1:{reportingSettings.HttpPort}/")),
            ("funding", new Uri($"http://127.0.0.1:{fundingSettings.HttpPort}/"))));
        await using var reporting = await EventingTestApp.StartAsync("reporting", reportingSettings);
        await using var publisher = await EventingTestApp.StartAsync("structures", new TestAppSettings { Bus = bus.Options });

        for (var i = 1; i <= 5; i++)
        {
            await publisher.PublishAsync($"e{i}", i);
        }

        await Eventually.HoldsAsync(async () => (await reporting.ReceivedAsync()).Count == 5, "reporting applied the 5 events");

        // funding starts late: it still gets all five, from the beginning of the topic.
        await using var funding = await EventingTestApp.StartAsync("funding", fundingSettings);
        await Eventually.HoldsAsync(async () => (await funding.ReceivedAsync()).Count == 5, "funding applied the 5 events");
        Assert.Equal(
            (await reporting.ReceivedAsync()).Select(r => r.EventId).ToArray(),
            (await funding.ReceivedAsync()).Select(r => r.EventId).ToArray());
    }

    [Fact]
    public async Task A_message_published_twice_with_the_same_id_is_applied_once()
    {
        var subscriberSettings = new TestAppSettings { Subscribe = true, HttpPort = Ctg.Testing.FreePort.Next() };
        await using var bus = await RunningBus.StartAsync(RunningBus.FastOptions(("reporting", new Uri($"http://127.0.0.1:{subscriberSettings.HttpPort}/"))));
        await using var subscriber = await EventingTestApp.StartAsync("reporting", subscriberSettings);
        var cloudEvent = SubscriptionEndpointTests.CloudEventFor(new SampleHappened("twice", 2));

        await PublishRawAsync(bus.Endpoint, cloudEvent);
        await PublishRawAsync(bus.Endpoint, cloudEvent);
        await PublishRawAsync(bus.Endpoint, SubscriptionEndpointTests.CloudEventFor(new SampleHappened("after", 3)));

        await Eventually.HoldsAsync(async () => (await subscriber.ReceivedAsync()).Any(r => r.Value == "after"), "the last event arrived");
        Assert.Equal(["twice", "after"], (await subscriber.ReceivedAsync()).Select(r => r.Value).ToArray());
        Assert.Equal(3, (await bus.MessagesAsync(SampleHappened.Topic)).Count);
        Assert.Equal(2, subscriber.Settings.Behaviour.Calls);
    }

    [Fact]
    public async Task A_delivery_answered_retry_is_retried_with_backoff_until_it_succeeds_and_order_is_kept()
    {
        var behaviour = new EventingTestApp.Behaviour();
        behaviour.FailuresLeft["flaky"] = 2; // fewer than the bus's 3 attempts
        var subscriberSettings = new TestAppSettings { Subscribe = true, HttpPort = Ctg.Testing.FreePort.Next(), Behaviour = behaviour };
        await using var bus = await RunningBus.StartAsync(RunningBus.FastOptions(("reporting", new Uri($"http://127.0.0.1:{subscriberSettings.HttpPort}/"))));
        await using var subscriber = await EventingTestApp.StartAsync("reporting", subscriberSettings);

        await PublishRawAsync(bus.Endpoint, SubscriptionEndpointTests.CloudEventFor(new SampleHappened("flaky", 1)));
        await PublishRawAsync(bus.Endpoint, SubscriptionEndpointTests.CloudEventFor(new SampleHappened("steady", 2)));

        await Eventually.HoldsAsync(async () => (await subscriber.ReceivedAsync()).Count == 2, "both events were applied");
        Assert.Equal(["flaky", "steady"], (await subscriber.ReceivedAsync()).Select(r => r.Value).ToArray());
        Assert.Equal(4, behaviour.Calls); // flaky three times, steady once
        Assert.Empty(await bus.UndeliveredAsync());
    }

    [Fact]
    public async Task A_poison_event_goes_to_the_dead_letter_topic_and_the_others_still_flow()
    {
        var behaviour = new EventingTestApp.Behaviour();
        behaviour.Poison["poison"] = true;
        behaviour.FailuresLeft["hopeless"] = 100; // always RETRY: dead-lettered after the bus's 3 attempts
        var subscriberSettings = new TestAppSettings { Subscribe = true, SubscribeToDeadLetters = true, HttpPort = Ctg.Testing.FreePort.Next(), Behaviour = behaviour };
        await using var bus = await RunningBus.StartAsync(RunningBus.FastOptions(("reporting", new Uri($"http://127.0.0.1:{subscriberSettings.HttpPort}/"))));
        await using var subscriber = await EventingTestApp.StartAsync("reporting", subscriberSettings);
        await using var publisher = await EventingTestApp.StartAsync("structures", new TestAppSettings { Bus = bus.Options });

        await publisher.PublishAsync("before", 1);
        var poison = await publisher.PublishAsync("poison", 2);
        var hopeless = await publisher.PublishAsync("hopeless", 3);
        await publisher.PublishAsync("after", 4);

        await Eventually.HoldsAsync(async () => (await subscriber.ReceivedAsync()).Any(r => r.Value == "after"), "the event after the poison arrived");
        Assert.Equal(["before", "after"], (await subscriber.ReceivedAsync()).Select(r => r.Value).ToArray());

        await Eventually.HoldsAsync(async () => (await subscriber.ReceivedAsync("reporting.dead-letter.v1")).Count == 2, "the dead letters reached their subscription");
        var deadLetters = await bus.MessagesAsync("reporting.dead-letter.v1");
        Assert.Equal([poison.EventId.ToString(), hopeless.EventId.ToString()], deadLetters.Select(m => m.EventId).ToArray());
        Assert.Equal("reporting.dead-letter.v1", JsonDocument.Parse(deadLetters[0].CloudEvent).RootElement.GetProperty("topic").GetString());
        Assert.Equal(["poison", "hopeless"], (await subscriber.ReceivedAsync("reporting.dead-letter.v1")).Select(r => r.Value).ToArray());

        var undelivered = await bus.UndeliveredAsync();
        Assert.Equal(2, undelivered.Count);
        Assert.Equal(("reporting", SampleHappened.Topic, "dropped", 1L), (undelivered[0].App, undelivered[0].Topic, undelivered[0].Outcome, undelivered[0].Attempts));
        Assert.Equal(("reporting", SampleHappened.Topic, "dead-lettered", 3L), (undelivered[1].App, undelivered[1].Topic, undelivered[1].Outcome, undelivered[1].Attempts));
    }

    [Fact]
    public async Task The_bus_answers_the_sidecar_health_and_metadata_calls_and_rejects_an_unknown_pubsub()
    {
        var subscriberSettings = new TestAppSettings { Subscribe = true, HttpPort = Ctg.Testing.FreePort.Next() };
        await using var bus = await RunningBus.StartAsync(RunningBus.FastOptions(("reporting", new Uri($"http://127.0.0.1:{subscriberSettings.HttpPort}/"))));
        await using var subscriber = await EventingTestApp.StartAsync("reporting", subscriberSettings);

        using var health = await Http.GetAsync(new Uri(bus.Endpoint, "v1.0/healthz"));
        Assert.Equal(HttpStatusCode.NoContent, health.StatusCode);

        using var unknown = await Http.PostAsync(new Uri(bus.Endpoint, "v1.0/publish/kafka/" + SampleHappened.Topic), new StringContent("{}", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("ERR_PUBSUB_NOT_FOUND", JsonDocument.Parse(await unknown.Content.ReadAsStringAsync()).RootElement.GetProperty("errorCode").GetString());

        await Eventually.HoldsAsync(async () =>
        {
            using var metadata = JsonDocument.Parse(await Http.GetStringAsync(new Uri(bus.Endpoint, "v1.0/metadata")));
            return metadata.RootElement.GetProperty("subscriptions").GetArrayLength() == 1;
        }, "the bus discovered the subscription");
        using var final = JsonDocument.Parse(await Http.GetStringAsync(new Uri(bus.Endpoint, "v1.0/metadata")));
        var subscription = final.RootElement.GetProperty("subscriptions")[0];
        Assert.Equal("pubsub", subscription.GetProperty("pubsubname").GetString());
        Assert.Equal(SampleHappened.Topic, subscription.GetProperty("topic").GetString());
        Assert.Equal("reporting.dead-letter.v1", subscription.GetProperty("deadLetterTopic").GetString());
        Assert.Equal("/events/" + SampleHappened.Topic, subscription.GetProperty("rules")[0].GetProperty("path").GetString());
    }

    [Fact]
    public async Task A_raw_json_publish_is_wrapped_in_a_cloud_event_carrying_the_body_as_data()
    {
        await using var bus = await RunningBus.StartAsync(RunningBus.FastOptions());

        using var response = await Http.PostAsync(
            new Uri(bus.Endpoint, "v1.0/publish/pubsub/raw.topic.v1"), new StringContent("""{"montant":123456}""", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        var stored = Assert.Single(await bus.MessagesAsync());
        var root = JsonDocument.Parse(stored.CloudEvent).RootElement;
        Assert.Equal("1.0", root.GetProperty("specversion").GetString());
        Assert.Equal(stored.EventId, root.GetProperty("id").GetString());
        Assert.True(Guid.TryParse(stored.EventId, out _));
        Assert.Equal("raw.topic.v1", root.GetProperty("topic").GetString());
        Assert.Equal("pubsub", root.GetProperty("pubsubname").GetString());
        Assert.Equal("application/json", root.GetProperty("datacontenttype").GetString());
        Assert.Equal(123456, root.GetProperty("data").GetProperty("montant").GetInt32());
    }

    internal static async Task PublishRawAsync(Uri bus, string cloudEvent)
    {
        using var content = new StringContent(cloudEvent, Encoding.UTF8, "application/cloudevents+json");
        using var response = await Http.PostAsync(new Uri(bus, "v1.0/publish/pubsub/" + SampleHappened.Topic), content);
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
    }
}
