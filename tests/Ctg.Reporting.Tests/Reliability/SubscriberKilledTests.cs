using System.Diagnostics;
using Ctg.Reporting.Tests.Support;
using Ctg.Reporting.V1;
using Xunit.Abstractions;
using static Ctg.Reporting.Tests.Support.Scenario;

namespace Ctg.Reporting.Tests.Reliability;

[Collection(ReliabilityCollection.Name)]
// Over a minute on this machine (the bus delivers about 150 events a second): kept out of `make test`,
// run by `make test-reliability`.
[Trait("Category", "LongReliability")]
public sealed class SubscriberKilledTests(ITestOutputHelper output)
{
    /// <summary>10,000 events over four topics, through the real bus process; reporting (a real process)
    /// is killed with SIGKILL while they flow, then started again on the same database.</summary>
    [Fact]
    public async Task Reporting_killed_mid_stream_of_10000_events_ends_with_every_event_applied_exactly_once()
    {
        await using var rig = await BusRig.StartAsync();
        // Topics interleaved as a busy service would write them, so that the bus delivers four topics at once.
        var events = new List<TopicEvent>(10_000);
        for (var i = 0; i < 4000; i++)
        {
            events.Add(Registered($"s-{i:00000}", $"M{i % 10:00}"));
            if (i < 2000)
            {
                events.Add(Declaration($"d-{i:00000}", $"s-{i:00000}", 2025));
                events.Add(Reference($"s-{i:00000}", 100_000 + i));
                events.Add(Payment($"p-{i:00000}", $"s-{i:00000}", 2025, "advance", 1_000 + i, "2025-03-01"));
            }
        }

        var clock = Stopwatch.StartNew();
        await rig.Producer.WriteAsync(events, perTransaction: 500);
        output.WriteLine($"10,000 events written to the outbox in {clock.ElapsedMilliseconds} ms");

        // Kill while the stream is in full flow: some applied, most not yet.
        ReadModelStats? seen = null;
        await Eventually.HoldsAsync(
            async () => (seen = await rig.StatsAsync()).Applied.Sum(a => a.Applied) >= 1500,
            TimeSpan.FromSeconds(60),
            () => Task.FromResult(BusRig.Describe(seen)),
            pollMs: 50);
        rig.Reporting.KillHard();
        var appliedAtKill = seen!.Applied.Sum(a => a.Applied);
        output.WriteLine($"killed reporting (SIGKILL) at {clock.ElapsedMilliseconds} ms with {appliedAtKill} applied");
        Assert.True(appliedAtKill < 10_000, "the kill must happen mid-stream");

        await Task.Delay(500);
        await rig.Reporting.StartAsync();
        await rig.AppliedAsync(
            new Dictionary<string, long>
            {
                ["structures.structure-registered.v1"] = 4000,
                ["structures.declaration-submitted.v1"] = 2000,
                ["structures.reference-recorded.v1"] = 2000,
                ["funding.payment-scheduled.v1"] = 2000,
            },
            TimeSpan.FromSeconds(150));
        output.WriteLine($"all 10,000 applied at {clock.ElapsedMilliseconds} ms");

        var stats = await rig.StatsAsync();
        Assert.Equal(
            ["rm_cej_references=2000", "rm_declarations=2000", "rm_payments=2000", "rm_structures=4000"],
            stats.Tables.Where(t => t.Rows > 0).Select(t => $"{t.Table}={t.Rows}").Order(StringComparer.Ordinal));
        for (var manager = 0; manager < 10; manager++)
        {
            // 400 structures a manager: eight pages of the default size, followed to the end.
            var served = new List<string>();
            var token = "";
            do
            {
                var page = await rig.Reporting.Client.ListManagerStructuresAsync(new ListManagerStructuresRequest { ManagerName = $"M{manager:00}", Page = new() { PageToken = token } });
                Assert.Equal(400, page.Page.TotalSize);
                served.AddRange(page.Structures.Select(s => s.StructureId));
                token = page.Page.NextPageToken;
            }
            while (token != "");

            Assert.Equal(Enumerable.Range(0, 4000).Where(i => i % 10 == manager).Select(i => $"s-{i:00000}"), served);
        }

        var funding = await rig.Reporting.Client.GetStructureFundingAsync(new GetStructureFundingRequest { StructureId = "s-01999", Year = 2025 });
        // Every payment is stored (rm_payments above); none is counted in the advances, because this stream carries
        // no funding-computed event and a payment counts only once its computation arrived (FundingQueries.CountedPayments).
        Assert.Equal((100_000L + 1999, 0L), (funding.CejReference.Amount.Cents, funding.AdvancesN.Cents));
        Assert.Equal(0, await rig.Producer.UnpublishedAsync());
    }
}
