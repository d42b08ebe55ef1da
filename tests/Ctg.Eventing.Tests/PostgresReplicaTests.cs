using Ctg.Eventing.Tests.Support;
using Ctg.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Ctg.Eventing.Tests;

/// <summary>Several replicas on one PostgreSQL database: one publisher at a time (the outbox lease), and
/// sequences drawn in commit order (the writers' transaction lock).</summary>
[Trait("Category", "Postgres")]
public sealed class PostgresReplicaTests
{
    [PostgresFact]
    public async Task Two_instances_on_one_database_publish_each_event_exactly_once()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        await using var bus = await RunningBus.StartAsync(RunningBus.FastOptions());
        await using var first = await EventingTestApp.StartAsync("structures", new TestAppSettings { Bus = bus.Options, PostgresConnectionString = database.ConnectionString });
        await using var second = await EventingTestApp.StartAsync("structures", new TestAppSettings { Bus = bus.Options, PostgresConnectionString = database.ConnectionString });

        var written = new List<string>();
        for (var i = 0; i < 40; i++)
        {
            var instance = i % 2 == 0 ? first : second;
            written.Add((await instance.PublishAsync($"e{i}", i)).EventId.ToString());
        }

        await Eventually.HoldsAsync(async () => (await first.OutboxAsync()).All(r => r.PublishedAt is not null), "every event was published");
        await Task.Delay(500);
        // Without the lease both instances read the same unpublished rows and the bus gets duplicates.
        Assert.Equal(written, (await bus.MessagesAsync()).Select(m => m.EventId).ToList());
    }

    [PostgresFact]
    public async Task Sequences_follow_commit_order_when_transactions_overlap()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        await using var app = await EventingTestApp.StartAsync("structures", new TestAppSettings { PostgresConnectionString = database.ConnectionString });
        var writer = app.Services.GetRequiredService<OutboxWriter>();

        // T1 writes its event first but commits last...
        await using var c1 = await app.Connections.OpenAsync(CancellationToken.None);
        await using var t1 = await c1.BeginTransactionAsync();
        await writer.AddAsync(t1, SampleHappened.Topic, new SampleHappened("t1", 1), CancellationToken.None);

        var commits = new List<string>();
        var t2Done = Task.Run(async () =>
        {
            await using var c2 = await app.Connections.OpenAsync(CancellationToken.None);
            await using var t2 = await c2.BeginTransactionAsync();
            await writer.AddAsync(t2, SampleHappened.Topic, new SampleHappened("t2", 2), CancellationToken.None);
            await t2.CommitAsync();
            lock (commits)
            {
                commits.Add("t2");
            }
        });

        await Task.Delay(700);
        await t1.CommitAsync();
        lock (commits)
        {
            commits.Add("t1");
        }

        await t2Done;

        // ...so T2 waited for it: sequence order is commit order. Without the lock T2 commits first with the
        // higher sequence, and a publisher reading by sequence would send t1 after t2 had already gone.
        Assert.Equal(["t1", "t2"], commits);
        var rows = await app.ReceivedOrderOfOutboxAsync();
        Assert.Equal(["t1", "t2"], rows);
    }
}
