using System.Net;
using System.Text;
using System.Text.Json;
using Ctg.Eventing.Tests.Support;

namespace Ctg.Eventing.Tests;

/// <summary>The app side of Dapr's contract, called over a real socket as daprd would.</summary>
public sealed class SubscriptionEndpointTests
{
    private static readonly HttpClient Http = new();

    [Fact]
    public async Task Dapr_subscribe_declares_each_topic_with_pubsub_route_dead_letter_topic_and_metadata()
    {
        await using var app = await EventingTestApp.StartAsync("reporting", new TestAppSettings { Subscribe = true, SubscribeToDeadLetters = true });

        using var response = await Http.GetAsync(new Uri(app.HttpAddress, "/dapr/subscribe"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var entries = json.RootElement.EnumerateArray().ToArray();
        Assert.Equal(2, entries.Length);

        // The SDK's MapSubscribeHandler format: camelCase names, routes without a leading slash, no empty metadata.
        var main = entries[0];
        Assert.Equal(["topic", "pubsubName", "route", "deadLetterTopic"], main.EnumerateObject().Select(p => p.Name).ToArray());
        Assert.Equal("pubsub", main.GetProperty("pubsubName").GetString());
        Assert.Equal("reporting.dead-letter.v1", main.GetProperty("topic").GetString());
        Assert.Equal("events/reporting.dead-letter.v1", main.GetProperty("route").GetString());

        var sample = entries[1];
        Assert.Equal("structures.sample-happened.v1", sample.GetProperty("topic").GetString());
        Assert.Equal("events/structures.sample-happened.v1", sample.GetProperty("route").GetString());
        Assert.Equal("reporting.dead-letter.v1", sample.GetProperty("deadLetterTopic").GetString());
    }

    [Fact]
    public async Task The_app_channel_answers_only_on_the_http_port()
    {
        var otherPort = Ctg.Testing.FreePort.Next();
        await using var app = await EventingTestApp.StartAsync("reporting", new TestAppSettings { Subscribe = true, OtherPort = otherPort });

        using var onHttpPort = await Http.GetAsync(new Uri(app.HttpAddress, "/dapr/subscribe"));
        using var onOtherPort = await Http.GetAsync(new Uri($"http://127.0.0.1:{otherPort}/dapr/subscribe"));
        using var replayOnOtherPort = await Http.PostAsync(new Uri($"http://127.0.0.1:{otherPort}/events/replay"), null);

        Assert.Equal(HttpStatusCode.OK, onHttpPort.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, onOtherPort.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, replayOnOtherPort.StatusCode);
    }

    [Fact]
    public async Task A_delivery_is_applied_once_and_its_redelivery_answers_success_without_a_second_effect()
    {
        await using var app = await EventingTestApp.StartAsync("reporting", new TestAppSettings { Subscribe = true });
        var cloudEvent = CloudEventFor(new SampleHappened("once", 1));

        var first = await DeliverAsync(app, cloudEvent);
        var second = await DeliverAsync(app, cloudEvent);

        Assert.Equal((HttpStatusCode.OK, "SUCCESS"), first);
        Assert.Equal((HttpStatusCode.OK, "SUCCESS"), second);
        Assert.Equal(1, app.Settings.Behaviour.Calls); // the redelivery did not reach the handler
        var row = Assert.Single(await app.ReceivedAsync());
        Assert.Equal("once", row.Value);
    }

    [Fact]
    public async Task A_handler_failure_rolls_back_its_writes_and_the_inbox_row_and_asks_for_a_retry()
    {
        var behaviour = new EventingTestApp.Behaviour();
        behaviour.FailuresLeft["flaky"] = 1;
        await using var app = await EventingTestApp.StartAsync("reporting", new TestAppSettings { Subscribe = true, Behaviour = behaviour });
        var cloudEvent = CloudEventFor(new SampleHappened("flaky", 7));

        var failed = await DeliverAsync(app, cloudEvent);
        Assert.Equal((HttpStatusCode.InternalServerError, "RETRY"), failed);
        Assert.Empty(await app.ReceivedAsync());

        var retried = await DeliverAsync(app, cloudEvent);
        Assert.Equal((HttpStatusCode.OK, "SUCCESS"), retried);
        Assert.Equal(7, Assert.Single(await app.ReceivedAsync()).Number);
    }

    [Theory]
    [InlineData("""{"specversion":"1.0","id":"p1","source":"x","type":"t","data":{"unexpected":true}}""")]
    [InlineData("""{"specversion":"1.0","id":"p2","source":"x","type":"t","data":{"value":null,"number":1}}""")]
    [InlineData("""{"specversion":"1.0","source":"x","type":"t","data":{"value":"no id","number":1}}""")]
    [InlineData("""not json at all""")]
    public async Task An_undeserializable_delivery_is_dropped(string body)
    {
        await using var app = await EventingTestApp.StartAsync("reporting", new TestAppSettings { Subscribe = true });

        var answer = await DeliverAsync(app, body);

        Assert.Equal((HttpStatusCode.OK, "DROP"), answer);
        Assert.Empty(await app.ReceivedAsync());
    }

    [Fact]
    public async Task A_handler_that_declares_poison_gets_the_event_dropped_and_nothing_written()
    {
        var behaviour = new EventingTestApp.Behaviour();
        behaviour.Poison["bad"] = true;
        await using var app = await EventingTestApp.StartAsync("reporting", new TestAppSettings { Subscribe = true, Behaviour = behaviour });

        var answer = await DeliverAsync(app, CloudEventFor(new SampleHappened("bad", 1)));

        Assert.Equal((HttpStatusCode.OK, "DROP"), answer);
        Assert.Empty(await app.ReceivedAsync());
    }

    internal static string CloudEventFor(SampleHappened e) => JsonSerializer.Serialize(new
    {
        specversion = "1.0",
        id = e.EventId.ToString(),
        source = "ctg/structures",
        type = "ctg." + SampleHappened.Topic,
        time = e.OccurredAt,
        datacontenttype = "application/json",
        topic = SampleHappened.Topic,
        pubsubname = "pubsub",
        data = new { value = e.Value, number = e.Number, eventId = e.EventId, occurredAt = e.OccurredAt },
    });

    private static async Task<(HttpStatusCode, string?)> DeliverAsync(EventingTestApp app, string body)
    {
        using var content = new StringContent(body, Encoding.UTF8, "application/cloudevents+json");
        using var response = await Http.PostAsync(new Uri(app.HttpAddress, "/events/" + SampleHappened.Topic), content);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return (response.StatusCode, json.RootElement.GetProperty("status").GetString());
    }
}
