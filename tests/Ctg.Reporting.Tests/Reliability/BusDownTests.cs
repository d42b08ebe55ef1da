using Ctg.Reporting.Tests.Support;
using Xunit.Abstractions;
using static Ctg.Reporting.Tests.Support.Scenario;

namespace Ctg.Reporting.Tests.Reliability;

[Collection(ReliabilityCollection.Name)]
[Trait("Category", "Reliability")]
public sealed class BusDownTests(ITestOutputHelper output)
{
    /// <summary>The bus process is killed while the publisher keeps committing events to its outbox; the
    /// outbox holds them; once the bus is back (same SQLite file) the outbox drains and reporting converges.</summary>
    [Fact]
    public async Task Bus_killed_while_the_publisher_keeps_writing_then_restarted_outbox_drains_and_reporting_converges()
    {
        await using var rig = await BusRig.StartAsync();
        const int batches = 30;
        const int perBatch = 60;
        var killed = new TaskCompletionSource();
        var restarted = new TaskCompletionSource();
        long unpublishedWhileDown = 0;

        var writer = Task.Run(async () =>
        {
            for (var batch = 0; batch < batches; batch++)
            {
                var events = Enumerable.Range(batch * perBatch, perBatch)
                    .SelectMany(i => new[] { Registered($"s-{i:00000}", $"M{i % 5}"), Payment($"p-{i:00000}", $"s-{i:00000}", 2025, "advance", 100 + i, "2025-03-01") });
                await rig.Producer.WriteAsync(events, perTransaction: perBatch);
                if (batch == batches / 3)
                {
                    await killed.Task;
                }

                await Task.Delay(100);
            }
        });

        // Some events went through before the bus goes down.
        await Eventually.HoldsAsync(async () => (await rig.StatsAsync()).Applied.Sum(a => a.Applied) > 0, TimeSpan.FromSeconds(30), () => Task.FromResult("nothing applied"));
        rig.Bus.KillHard();
        output.WriteLine($"bus killed with {(await rig.StatsAsync()).Applied.Sum(a => a.Applied)} applied");
        killed.SetResult();

        // The publisher keeps committing: events pile up in its outbox, none is lost.
        await Task.Delay(2000);
        unpublishedWhileDown = await rig.Producer.UnpublishedAsync();
        output.WriteLine($"{unpublishedWhileDown} events waiting in the outbox while the bus is down");
        Assert.True(unpublishedWhileDown > 0, "events must wait in the outbox while the bus is down");

        await rig.Bus.StartAsync();
        restarted.SetResult();
        await writer;
        await rig.AppliedAsync(
            new Dictionary<string, long> { ["structures.structure-registered.v1"] = batches * perBatch, ["funding.payment-scheduled.v1"] = batches * perBatch },
            TimeSpan.FromSeconds(90));
        Assert.Equal(0, await rig.Producer.UnpublishedAsync());
        var stats = await rig.StatsAsync();
        Assert.Equal(["rm_payments=1800", "rm_structures=1800"], stats.Tables.Where(t => t.Rows > 0).Select(t => $"{t.Table}={t.Rows}").Order(StringComparer.Ordinal));
    }
}
