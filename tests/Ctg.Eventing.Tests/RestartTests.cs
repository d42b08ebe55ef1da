using Ctg.Eventing.Tests.Support;

namespace Ctg.Eventing.Tests;

/// <summary>Durability: the bus and the subscriber can stop and start again, nothing is lost or applied twice.</summary>
public sealed class RestartTests
{
    [Fact]
    public async Task A_bus_restart_on_the_same_file_loses_nothing_published_before_or_during_it()
    {
        var subscriberSettings = new TestAppSettings { Subscribe = true, HttpPort = Ctg.Testing.FreePort.Next() };
        var options = RunningBus.FastOptions(("reporting", new Uri($"http://127.0.0.1:{subscriberSettings.HttpPort}/")));
        await using var bus = await RunningBus.StartAsync(options);
        await using var publisher = await EventingTestApp.StartAsync("structures", new TestAppSettings { Bus = bus.Options });

        // Published while the subscriber is not running yet: stored by the bus only.
        for (var i = 1; i <= 10; i++)
        {
            await publisher.PublishAsync($"e{i}", i);
        }

        await Eventually.HoldsAsync(async () => (await bus.MessagesAsync()).Count == 10, "the bus stored the first 10");
        await bus.StopAsync();

        // Written while the bus is down: they wait in the publisher's outbox.
        for (var i = 11; i <= 20; i++)
        {
            await publisher.PublishAsync($"e{i}", i);
        }

        await bus.StartAgainAsync();
        await using var subscriber = await EventingTestApp.StartAsync("reporting", subscriberSettings);

        await Eventually.HoldsAsync(async () => (await subscriber.ReceivedAsync()).Count == 20, "the subscriber applied all 20");
        Assert.Equal(Enumerable.Range(1, 20).Select(i => (long)i).ToArray(), (await subscriber.ReceivedAsync()).Select(r => r.Number).ToArray());
        Assert.Equal(20, (await bus.MessagesAsync()).Count);
    }

    [Fact]
    public async Task A_subscriber_restart_resumes_where_it_stopped_without_applying_anything_twice()
    {
        var subscriberSettings = new TestAppSettings { Subscribe = true, HttpPort = Ctg.Testing.FreePort.Next() };
        await using var bus = await RunningBus.StartAsync(RunningBus.FastOptions(("reporting", new Uri($"http://127.0.0.1:{subscriberSettings.HttpPort}/"))));
        await using var publisher = await EventingTestApp.StartAsync("structures", new TestAppSettings { Bus = bus.Options });
        var subscriber = await EventingTestApp.StartAsync("reporting", subscriberSettings);

        for (var i = 1; i <= 10; i++)
        {
            await publisher.PublishAsync($"e{i}", i);
        }

        await Eventually.HoldsAsync(async () => (await subscriber.ReceivedAsync()).Count == 10, "the first 10 were applied");
        await subscriber.DisposeAsync();

        for (var i = 11; i <= 25; i++)
        {
            await publisher.PublishAsync($"e{i}", i);
        }

        await Eventually.HoldsAsync(async () => (await bus.MessagesAsync()).Count == 25, "the bus stored all 25 while the subscriber was down");
        await using var restarted = await EventingTestApp.StartAsync("reporting", subscriberSettings);

        await Eventually.HoldsAsync(async () => (await restarted.ReceivedAsync()).Count == 25, "the restarted subscriber caught up");
        Assert.Equal(Enumerable.Range(1, 25).Select(i => (long)i).ToArray(), (await restarted.ReceivedAsync()).Select(r => r.Number).ToArray());
        Assert.Empty(await bus.UndeliveredAsync());
    }
}
