using System.Diagnostics;
using Ctg.Reporting.Tests.Support;
using Xunit.Abstractions;
using static Ctg.Reporting.Tests.Support.Scenario;

namespace Ctg.Reporting.Tests.Reliability;

[Collection(ReliabilityCollection.Name)]
[Trait("Category", "Reliability")]
public sealed class PoisonAndSlowSubscriberTests(ITestOutputHelper output)
{
    [Fact]
    public async Task A_poison_event_goes_to_the_reporting_dead_letter_topic_while_the_others_flow()
    {
        await using var deadLetters = await ObserverApp.StartAsync(["reporting.dead-letter.v1"]);
        await using var rig = await BusRig.StartAsync(deadLetters);
        var poison = new TopicEvent("structures.structure-registered.v1", new BrokenStructureRegistered("no snapshot"));
        var events = Enumerable.Range(0, 50).Select(i => Registered($"a-{i:000}", "M"))
            .Append(poison)
            .Concat(Enumerable.Range(0, 50).Select(i => Registered($"b-{i:000}", "M")));

        await rig.Producer.WriteAsync(events, perTransaction: 10);

        await rig.AppliedAsync(new Dictionary<string, long> { ["structures.structure-registered.v1"] = 100 }, TimeSpan.FromSeconds(60));
        await Eventually.HoldsAsync(() => Task.FromResult(!deadLetters.Received.IsEmpty), TimeSpan.FromSeconds(30), () => Task.FromResult("no dead letter"));
        await Task.Delay(500);
        Assert.Equal([("reporting.dead-letter.v1", poison.Event.EventId.ToString())], deadLetters.Received.ToArray());
        // total_size counts every structure of the manager, whatever the page size.
        var page = await rig.Reporting.Client.ListManagerStructuresAsync(new V1.ListManagerStructuresRequest { ManagerName = "M" });
        Assert.Equal(100, page.Page.TotalSize);
    }

    /// <summary>A subscriber that takes 15 ms per event: the bus never sends it more than one event at a
    /// time (back-pressure), keeps its backlog on disk rather than in memory, delivers it every event once
    /// and in order, and does not hold back the other subscriber of the same topic.</summary>
    [Fact]
    public async Task A_slow_subscriber_gets_every_event_once_in_order_one_at_a_time_without_memory_growth()
    {
        const int count = 1000;
        await using var slow = await ObserverApp.StartAsync(["structures.structure-registered.v1"], TimeSpan.FromMilliseconds(15));
        await using var rig = await BusRig.StartAsync(slow);
        await rig.Producer.WriteAsync([Registered("warm-up", "W")]);
        await Eventually.HoldsAsync(() => Task.FromResult(slow.Received.Count == 1), TimeSpan.FromSeconds(30), () => Task.FromResult("warm-up not delivered"));
        var baseline = rig.Bus.Process.WorkingSetBytes();

        var events = Enumerable.Range(0, count).Select(i => Registered($"s-{i:00000}", "M")).ToList();
        var clock = Stopwatch.StartNew();
        await rig.Producer.WriteAsync(events, perTransaction: 250);
        long peak = baseline;
        using var sampling = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!sampling.IsCancellationRequested)
            {
                peak = Math.Max(peak, rig.Bus.Process.WorkingSetBytes());
                await Task.Delay(100);
            }
        });

        await rig.AppliedAsync(new Dictionary<string, long> { ["structures.structure-registered.v1"] = count + 1 }, TimeSpan.FromSeconds(60));
        var slowAtFastDone = slow.Received.Count;
        output.WriteLine($"reporting applied all {count} at {clock.ElapsedMilliseconds} ms; the slow subscriber had {slowAtFastDone - 1}");
        await Eventually.HoldsAsync(() => Task.FromResult(slow.Received.Count >= count + 1), TimeSpan.FromSeconds(90),
            () => Task.FromResult($"slow subscriber received {slow.Received.Count - 1}"), pollMs: 200);
        await sampling.CancelAsync();
        await sampler;
        output.WriteLine($"slow subscriber got all {count} at {clock.ElapsedMilliseconds} ms; bus working set {baseline / 1048576} MiB -> peak {peak / 1048576} MiB");

        Assert.True(slowAtFastDone < count + 1, "the fast subscriber must not wait for the slow one");
        Assert.Equal(1, slow.MaxInFlight);
        var received = slow.Received.Skip(1).Select(r => r.EventId).ToList();
        Assert.Equal(events.Select(e => e.Event.EventId.ToString()), received);
        Assert.True(peak - baseline < 96L * 1024 * 1024, $"the bus grew by {(peak - baseline) / 1048576} MiB for a backlog of {count}");
    }
}
