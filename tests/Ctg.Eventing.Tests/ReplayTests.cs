using System.Net;
using System.Text.Json;
using Ctg.Eventing.Subscriptions;
using Ctg.Eventing.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Ctg.Eventing.Tests;

/// <summary>A service replays its published events so that a consumer can rebuild a read model.</summary>
public sealed class ReplayTests
{
    // Calls to the app channel carry the app token its bus would send (RunningBus.FastOptions).
    private static readonly HttpClient Http = new() { DefaultRequestHeaders = { { "dapr-api-token", "test-app-api-token" } } };

    [Fact]
    public async Task Replay_is_a_no_op_for_a_consumer_that_has_the_events_and_rebuilds_one_that_forgot_them()
    {
        var subscriberSettings = new TestAppSettings { Subscribe = true, HttpPort = Ctg.Testing.FreePort.Next() };
        await using var bus = await RunningBus.StartAsync(RunningBus.FastOptions(("reporting", new Uri($"http://127.0.0.1:{subscriberSettings.HttpPort}/"))));
        await using var publisher = await EventingTestApp.StartAsync("structures", new TestAppSettings { Bus = bus.Options });
        await using var subscriber = await EventingTestApp.StartAsync("reporting", subscriberSettings);
        for (var i = 1; i <= 5; i++)
        {
            await publisher.PublishAsync($"e{i}", i);
        }

        await Eventually.HoldsAsync(async () => (await subscriber.ReceivedAsync()).Count == 5, "the 5 events were applied");
        var live = await subscriber.ReceivedAsync();

        var replay = await ReplayAsync(publisher, "");
        Assert.Equal((HttpStatusCode.OK, 5, 5L, true), replay);
        await Eventually.HoldsAsync(async () => (await bus.MessagesAsync()).Count == 10, "the bus got the 5 replayed events");
        await Eventually.HoldsAsync(async () => subscriber.Settings.Behaviour.Calls == 5 && await BusDeliveredThroughAsync(bus) == 10, "the replay was delivered");
        Assert.Equal(live, await subscriber.ReceivedAsync());

        // Rebuild: empty the read model and forget the inbox, in one transaction, then replay from event 3.
        await using (var connection = await subscriber.Connections.OpenAsync(CancellationToken.None))
        await using (var transaction = await connection.BeginTransactionAsync())
        {
            await Dapper.SqlMapper.ExecuteAsync(connection, "DELETE FROM received WHERE number >= 3", transaction: transaction);
            var inbox = subscriber.Services.GetRequiredService<Inbox>();
            Assert.Equal(5, await inbox.ForgetAsync(transaction, "reporting:", CancellationToken.None));
            await transaction.CommitAsync();
        }

        var partial = await ReplayAsync(publisher, $"?topic={SampleHappened.Topic}&fromSequence=3");
        Assert.Equal((HttpStatusCode.OK, 3, 5L, true), partial);
        await Eventually.HoldsAsync(async () => (await subscriber.ReceivedAsync()).Count == 5, "the read model was rebuilt");
        Assert.Equal(live.Select(r => (r.EventId, r.Value, r.Number)), (await subscriber.ReceivedAsync()).Select(r => (r.EventId, r.Value, r.Number)));

        var otherTopic = await ReplayAsync(publisher, "?topic=nothing.here.v1");
        Assert.Equal((HttpStatusCode.OK, 0, 0L, true), otherTopic);
    }

    [Fact]
    public async Task Replay_without_a_bus_answers_503_with_what_it_managed()
    {
        await using var bus = await RunningBus.StartAsync(RunningBus.FastOptions());
        await using var publisher = await EventingTestApp.StartAsync("structures", new TestAppSettings { Bus = bus.Options });
        await publisher.PublishAsync("one", 1);
        await Eventually.HoldsAsync(async () => (await publisher.OutboxAsync()).All(r => r.PublishedAt is not null), "the event was published");
        await bus.StopAsync();

        var replay = await ReplayAsync(publisher, "");

        Assert.Equal((HttpStatusCode.ServiceUnavailable, 0, 0L, false), replay);
    }

    private static async Task<long> BusDeliveredThroughAsync(RunningBus bus)
    {
        await using var connection = await bus.Connections.OpenAsync(CancellationToken.None);
        return await Dapper.SqlMapper.ExecuteScalarAsync<long>(connection, "SELECT delivered_through FROM subscriptions WHERE app = 'reporting'");
    }

    private static async Task<(HttpStatusCode, int, long, bool)> ReplayAsync(EventingTestApp app, string query)
    {
        using var response = await Http.PostAsync(new Uri(app.HttpAddress, "/events/replay" + query), null);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = json.RootElement;
        return (response.StatusCode, root.GetProperty("replayed").GetInt32(), root.GetProperty("lastSequence").GetInt64(), root.GetProperty("completed").GetBoolean());
    }
}
