using System.Net;
using System.Text;
using System.Text.Json;
using Ctg.Eventing.Subscriptions;
using Ctg.Eventing.Tests.Support;
using Ctg.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Ctg.Eventing.Tests;

/// <summary>The same outbox and inbox guarantees on PostgreSQL.</summary>
[Trait("Category", "Postgres")]
public sealed class PostgresEventingTests
{
    [PostgresFact]
    public async Task Outbox_rollback_leaves_nothing_and_commit_keeps_the_event()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        await using var app = await EventingTestApp.StartAsync("structures", new TestAppSettings { PostgresConnectionString = database.ConnectionString });
        await OutboxAssertions.RollbackLeavesNothingCommitKeepsEverything(app);
    }

    [PostgresFact]
    public async Task Publisher_and_subscriber_on_postgres_apply_each_event_once_through_the_bus()
    {
        await using var publisherDb = await PostgresDatabase.CreateAsync();
        await using var subscriberDb = await PostgresDatabase.CreateAsync();
        var subscriberSettings = new TestAppSettings { Subscribe = true, HttpPort = FreePort.Next(), PostgresConnectionString = subscriberDb.ConnectionString };
        await using var bus = await RunningBus.StartAsync(RunningBus.FastOptions(("reporting", new Uri($"http://127.0.0.1:{subscriberSettings.HttpPort}/"))));
        await using var subscriber = await EventingTestApp.StartAsync("reporting", subscriberSettings);
        await using var publisher = await EventingTestApp.StartAsync("structures", new TestAppSettings { Bus = bus.Options, PostgresConnectionString = publisherDb.ConnectionString });

        var first = await publisher.PublishAsync("p1", 1);
        await publisher.PublishAsync("p2", 2);
        await Eventually.HoldsAsync(async () => (await subscriber.ReceivedAsync()).Count == 2, "both events were applied");

        // A redelivery of the first event (same CloudEvent id) has no second effect.
        using var http = new HttpClient();
        using var content = new StringContent(SubscriptionEndpointTests.CloudEventFor(first), Encoding.UTF8, "application/cloudevents+json");
        using var response = await http.PostAsync(new Uri(subscriber.HttpAddress, "/events/" + SampleHappened.Topic), content);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("SUCCESS", JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("status").GetString());

        Assert.Equal(["p1", "p2"], (await subscriber.ReceivedAsync()).Select(r => r.Value).ToArray());
        Assert.Equal(2, subscriber.Settings.Behaviour.Calls);
        await Eventually.HoldsAsync(async () => (await publisher.OutboxAsync()).All(r => r.PublishedAt is not null), "the outbox rows are marked published");

        // Before a rebuild, the consumer forgets what it handled; another consumer prefix is left alone.
        await using var connection = await subscriber.Connections.OpenAsync(CancellationToken.None);
        await using var transaction = await connection.BeginTransactionAsync();
        var inbox = subscriber.Services.GetRequiredService<Inbox>();
        Assert.Equal(0, await inbox.ForgetAsync(transaction, "funding:", CancellationToken.None));
        Assert.Equal(2, await inbox.ForgetAsync(transaction, "reporting:", CancellationToken.None));
        await transaction.CommitAsync();
    }
}
