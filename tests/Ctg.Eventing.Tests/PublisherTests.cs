using System.Text.Json;
using Ctg.Eventing.Tests.Support;

namespace Ctg.Eventing.Tests;

/// <summary>The outbox publisher against the real development bus on a loopback socket.</summary>
public sealed class PublisherTests
{
    [Fact]
    public async Task A_committed_event_reaches_the_bus_as_a_structured_cloud_event_and_is_marked_published()
    {
        await using var bus = await RunningBus.StartAsync(RunningBus.FastOptions());
        await using var app = await EventingTestApp.StartAsync("structures", new TestAppSettings { Bus = bus.Options });

        var published = await app.PublishAsync("crèche Les Lilas", 42);

        await Eventually.HoldsAsync(async () => (await bus.MessagesAsync()).Count == 1, "the bus stored the event");
        var message = Assert.Single(await bus.MessagesAsync());
        Assert.Equal(SampleHappened.Topic, message.Topic);
        Assert.Equal(published.EventId.ToString(), message.EventId);
        using var cloudEvent = JsonDocument.Parse(message.CloudEvent);
        var root = cloudEvent.RootElement;
        Assert.Equal("1.0", root.GetProperty("specversion").GetString());
        Assert.Equal(published.EventId.ToString(), root.GetProperty("id").GetString());
        Assert.Equal("ctg/structures", root.GetProperty("source").GetString());
        Assert.Equal("ctg.structures.sample-happened.v1", root.GetProperty("type").GetString());
        Assert.Equal(published.OccurredAt.UtcDateTime, root.GetProperty("time").GetDateTimeOffset().UtcDateTime);
        Assert.Equal("application/json", root.GetProperty("datacontenttype").GetString());
        Assert.Equal(SampleHappened.Topic, root.GetProperty("topic").GetString());
        Assert.Equal("pubsub", root.GetProperty("pubsubname").GetString());
        Assert.Equal(1, root.GetProperty("ctgsequence").GetInt64());
        Assert.Equal("crèche Les Lilas", root.GetProperty("data").GetProperty("value").GetString());
        Assert.Equal(42, root.GetProperty("data").GetProperty("number").GetInt32());

        await Eventually.HoldsAsync(async () => (await app.OutboxAsync()).All(r => r.PublishedAt is not null), "the outbox row is marked published");
        var row = Assert.Single(await app.OutboxAsync());
        Assert.Equal(1, row.Attempts);
    }

    [Fact]
    public async Task Events_reach_the_bus_in_the_order_the_service_wrote_them()
    {
        await using var bus = await RunningBus.StartAsync(RunningBus.FastOptions());
        await using var app = await EventingTestApp.StartAsync("structures", new TestAppSettings { Bus = bus.Options });

        var written = new List<string>();
        for (var i = 0; i < 60; i++)
        {
            written.Add((await app.PublishAsync($"v{i}", i)).EventId.ToString());
        }

        await Eventually.HoldsAsync(async () => (await bus.MessagesAsync()).Count == 60, "the bus stored the 60 events");
        Assert.Equal(written, (await bus.MessagesAsync()).Select(m => m.EventId).ToList());
    }

    [Fact]
    public async Task With_no_sidecar_the_service_keeps_working_and_its_outbox_drains_when_the_bus_comes()
    {
        var options = RunningBus.FastOptions();
        await using var app = await EventingTestApp.StartAsync("structures", new TestAppSettings { Bus = options });

        await app.PublishAsync("a", 1);
        await app.PublishAsync("b", 2);
        // Several rounds fail meanwhile; an absent sidecar is not a refusal: nothing counts towards parking.
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.All(await app.OutboxAsync(), r => Assert.Equal((null, 0L), (r.PublishedAt, r.Attempts)));

        await using var bus = await RunningBus.StartAsync(options);

        await Eventually.HoldsAsync(async () => (await bus.MessagesAsync()).Count == 2, "the outbox drained into the bus");
        Assert.Equal(["a", "b"], (await bus.MessagesAsync()).Select(m => JsonDocument.Parse(m.CloudEvent).RootElement.GetProperty("data").GetProperty("value").GetString()!).ToArray());
        await Eventually.HoldsAsync(async () => (await app.OutboxAsync()).All(r => r.PublishedAt is not null), "both rows are marked published");
    }
}
