using System.Diagnostics;
using Ctg.Reporting.Tests.Functional;
using Ctg.Reporting.Tests.Support;
using Ctg.Reporting.V1;
using Xunit.Abstractions;
using static Ctg.Reporting.Tests.Support.Scenario;

namespace Ctg.Reporting.Tests.Reliability;

[Collection(ReliabilityCollection.Name)]
[Trait("Category", "Reliability")]
public sealed class LatencyAndRebuildTests(ITestOutputHelper output)
{
    /// <summary>Done-when criterion of the event backbone: a change committed by a service shows up in a
    /// reporting query, through the outbox, the bus and the subscription, in under a second.</summary>
    [Fact]
    public async Task A_committed_change_is_visible_in_reporting_through_the_bus_in_under_one_second()
    {
        await using var rig = await BusRig.StartAsync();
        await rig.Producer.WriteAsync([Registered("warm-up", "W")]);
        await rig.AppliedAsync(new Dictionary<string, long> { ["structures.structure-registered.v1"] = 1 }, TimeSpan.FromSeconds(30));

        var samples = new List<double>();
        for (var i = 0; i < 20; i++)
        {
            var manager = $"Latence {i}";
            var clock = Stopwatch.StartNew();
            await rig.Producer.WriteAsync([Registered($"lat-{i:00}", manager)]);
            while (clock.Elapsed < TimeSpan.FromSeconds(5))
            {
                var page = await rig.Reporting.Client.ListManagerStructuresAsync(new ListManagerStructuresRequest { ManagerName = manager });
                if (page.Page.TotalSize == 1)
                {
                    break;
                }

                await Task.Delay(5);
            }

            samples.Add(clock.Elapsed.TotalMilliseconds);
        }

        samples.Sort();
        var all = string.Join(", ", samples.Select(s => s.ToString("0", System.Globalization.CultureInfo.InvariantCulture)));
        output.WriteLine($"commit → visible in reporting: median {samples[samples.Count / 2]:0} ms, 95th percentile {samples[18]:0} ms, max {samples[^1]:0} ms: {all}");
        // The machine is shared (two cores, other builds running): 19 changes out of 20 must take under a
        // second, and even the worst one under two, so that one scheduling hiccup does not fail the build.
        Assert.True(samples[18] < 1000, $"95th percentile {samples[18]:0} ms: {all}");
        Assert.True(samples[^1] < 2000, $"slowest change took {samples[^1]:0} ms: {all}");
    }

    /// <summary>A rebuild wipes the read models and the sources replay their events through the bus:
    /// the result is identical, row for row, to the read models built live.</summary>
    [Fact]
    public async Task A_rebuilt_read_model_equals_the_live_one()
    {
        await using var rig = await BusRig.StartAsync();
        var events = ReportingScenario.Events.Concat(Enumerable.Range(0, 300).Select(i => Registered($"r-{i:000}", $"M{i % 3}"))).ToList();
        var expected = events.GroupBy(e => e.Topic).ToDictionary(g => g.Key, g => (long)g.Count());
        await rig.Producer.WriteAsync(events, perTransaction: 50);
        await rig.AppliedAsync(expected, TimeSpan.FromSeconds(60));
        var live = await rig.StatsAsync();

        var all = await rig.Reporting.Client.RebuildReadModelAsync(new RebuildReadModelRequest { ReadModel = ReadModel.All });
        Assert.Equal(15, all.TablesWiped.Count); // rm_convention_documents is the fifteenth
        Assert.Equal(
            [
                $"funding 4 topics {expected.Where(kv => kv.Key.StartsWith("funding.", StringComparison.Ordinal)).Sum(kv => kv.Value)} replayed",
                $"signatories 9 topics {expected.Where(kv => kv.Key.StartsWith("signatories.", StringComparison.Ordinal)).Sum(kv => kv.Value)} replayed",
                $"structures 5 topics {expected.Where(kv => kv.Key.StartsWith("structures.", StringComparison.Ordinal)).Sum(kv => kv.Value)} replayed",
            ],
            all.Sources.Select(s => $"{s.Service} {s.Topics.Count} topics {s.Replayed} replayed"));
        Assert.All(all.Sources, s => Assert.True(s.Completed, s.Error));
        await rig.AppliedAsync(expected, TimeSpan.FromSeconds(60));
        var rebuilt = await rig.StatsAsync();
        Assert.Equal(live.Tables.Select(t => $"{t.Table}={t.Rows}"), rebuilt.Tables.Select(t => $"{t.Table}={t.Rows}"));
        Assert.Equal(live.Digest, rebuilt.Digest);

        var summary = await rig.Reporting.Client.GetAllocationSummaryAsync(new GetAllocationSummaryRequest { ConventionId = Convention, Year = 2025 });
        Assert.Equal(("run-2025b", "run-2025a", 300_000L), (summary.LatestRun.RunId, summary.ApprovedRun.RunId, summary.ApprovedVsLatest.Single(c => c.Kind == "eaje").Change.Cents));

        // One read model alone: only its tables are wiped, only the topics feeding them replayed.
        var managers = await rig.Reporting.Client.RebuildReadModelAsync(new RebuildReadModelRequest { ReadModel = ReadModel.ManagerStructures });
        Assert.Equal(["rm_structures"], managers.TablesWiped);
        Assert.Equal(
            [$"structures structures.structure-changed.v1,structures.structure-closed.v1,structures.structure-registered.v1 {expected["structures.structure-registered.v1"] + expected["structures.structure-changed.v1"]}"],
            managers.Sources.Select(s => $"{s.Service} {string.Join(",", s.Topics)} {s.Replayed}"));
        await rig.AppliedAsync(expected, TimeSpan.FromSeconds(60));
        Assert.Equal(live.Digest, (await rig.StatsAsync()).Digest);
    }

    [Fact]
    public async Task A_rebuild_whose_source_is_unreachable_fails_with_unavailable_and_says_which()
    {
        await using var rig = await BusRig.StartAsync();
        await rig.Producer.DisposeAsync();

        var failure = await Assert.ThrowsAsync<Grpc.Core.RpcException>(() =>
            rig.Reporting.Client.RebuildReadModelAsync(new RebuildReadModelRequest { ReadModel = ReadModel.ActionPlan }).ResponseAsync);
        Assert.Equal(Grpc.Core.StatusCode.Unavailable, failure.StatusCode);
        Assert.Contains("signatories", failure.Status.Detail, StringComparison.Ordinal);
    }
}
