using Ctg.Reporting.Exports;
using Ctg.Reporting.Tests.Support;
using Ctg.Reporting.V1;
using Ctg.Testing;
using static Ctg.Reporting.Tests.Support.Scenario;

namespace Ctg.Reporting.Tests.Functional;

/// <summary>Payments counted once per computation, and "latest" decided by the source's outbox position
/// rather than by times written in the event body.</summary>
public sealed class PaymentsAndOrderingTests
{
    private static TopicEvent Computed(string id, string version, string computedAt, long total) =>
        Computation(id, "s-001", 2025, version, computedAt, total);

    [Fact]
    public async Task Computing_a_previsionnel_twice_shows_the_two_advances_of_the_latest_computation_not_four()
    {
        await using var service = await ServiceUnderTest.StartAsync(ReportingApp.Build);
        using var delivery = new DirectDelivery(service.HttpAddress);
        var client = new Reporting.V1.Reporting.ReportingClient(service.Channel);
        Assert.Equal("SUCCESS", await delivery.DeliverAsync(Registered("s-001", "Mairie de Fraisans"), sequence: 1));
        // As funding publishes them: the payments of a computation, then the computation.
        Assert.Equal("SUCCESS", await delivery.DeliverAsync(Payment("a1", "s-001", 2025, "advance", 4_200_000, "2025-03-01", "comp-a"), sequence: 10));
        Assert.Equal("SUCCESS", await delivery.DeliverAsync(Payment("a2", "s-001", 2025, "advance", 4_200_000, "2025-10-02", "comp-a"), sequence: 11));
        Assert.Equal("SUCCESS", await delivery.DeliverAsync(Computed("comp-a", "previsionnel", "2025-01-15T10:00:00Z", 15_000_000), sequence: 12));
        Assert.Equal("SUCCESS", await delivery.DeliverAsync(Payment("b1", "s-001", 2025, "advance", 4_500_000, "2025-03-01", "comp-b"), sequence: 20));
        Assert.Equal("SUCCESS", await delivery.DeliverAsync(Payment("b2", "s-001", 2025, "advance", 4_500_000, "2025-10-02", "comp-b"), sequence: 21));
        Assert.Equal("SUCCESS", await delivery.DeliverAsync(Computed("comp-b", "previsionnel", "2025-01-16T10:00:00Z", 16_000_000), sequence: 22));
        // The réel's balance comes from another version: it is counted beside the advances.
        Assert.Equal("SUCCESS", await delivery.DeliverAsync(Payment("r1", "s-001", 2025, "balance", 700_000, "2026-04-30", "comp-r"), sequence: 30));
        Assert.Equal("SUCCESS", await delivery.DeliverAsync(Computed("comp-r", "reel", "2026-04-01T10:00:00Z", 16_700_000), sequence: 31));

        var funding = await client.GetStructureFundingAsync(new GetStructureFundingRequest { StructureId = "s-001", Year = 2025 });
        Assert.Equal(["b1 advance 4500000", "b2 advance 4500000", "r1 balance 700000"], funding.Payments.Select(p => $"{p.PaymentId} {p.Kind} {p.Amount.Cents}"));
        Assert.Equal((9_000_000L, 700_000L), (funding.AdvancesN.Cents, funding.BalanceN.Cents));
        var csv = await ReportingQueryTests.ExportAsync(client, new ExportCsvRequest { Report = CsvReport.Payments, ConventionId = Convention, Year = 2025 });
        Assert.Equal(["b1", "b2", "r1"], csv.Text.TrimEnd('\r', '\n').Split("\r\n").Skip(1).Select(l => l.Split(';')[^1]));
    }

    [Fact]
    public async Task Payments_of_a_computation_not_yet_received_are_not_counted_until_it_arrives()
    {
        await using var service = await ServiceUnderTest.StartAsync(ReportingApp.Build);
        using var delivery = new DirectDelivery(service.HttpAddress);
        var client = new Reporting.V1.Reporting.ReportingClient(service.Channel);
        Assert.Equal("SUCCESS", await delivery.DeliverAsync(Registered("s-001", "Mairie de Fraisans"), sequence: 1));
        Assert.Equal("SUCCESS", await delivery.DeliverAsync(Payment("a1", "s-001", 2025, "advance", 4_200_000, "2025-03-01", "comp-a"), sequence: 10));

        var before = await client.GetStructureFundingAsync(new GetStructureFundingRequest { StructureId = "s-001", Year = 2025 });
        Assert.Equal("SUCCESS", await delivery.DeliverAsync(Computed("comp-a", "previsionnel", "2025-01-15T10:00:00Z", 15_000_000), sequence: 12));
        var after = await client.GetStructureFundingAsync(new GetStructureFundingRequest { StructureId = "s-001", Year = 2025 });

        Assert.Empty(before.Payments);
        Assert.Equal(["a1"], after.Payments.Select(p => p.PaymentId));
    }

    [Fact]
    public async Task An_event_claiming_a_later_time_in_its_body_does_not_replace_a_later_one_of_the_source()
    {
        await using var service = await ServiceUnderTest.StartAsync(ReportingApp.Build);
        using var delivery = new DirectDelivery(service.HttpAddress);
        var client = new Reporting.V1.Reporting.ReportingClient(service.Channel);
        Assert.Equal("SUCCESS", await delivery.DeliverAsync(Registered("s-001", "Mairie de Fraisans"), sequence: 1));
        Assert.Equal("SUCCESS", await delivery.DeliverAsync(Computed("comp-real", "actualise", "2025-06-10T10:00:00Z", 15_500_000), sequence: 40));
        Assert.Equal("SUCCESS", await delivery.DeliverAsync(Run("run-real", "2025-06-15T09:00:00Z", 12_386_500), sequence: 41));
        // Dated in 2099 in their bodies, but earlier in the source's outbox (or without a position at all).
        Assert.Equal("SUCCESS", await delivery.DeliverAsync(Computed("comp-forged", "actualise", "2099-01-01T00:00:00Z", 99_999_999), sequence: 5));
        Assert.Equal("SUCCESS", await delivery.DeliverAsync(Run("run-forged", "2099-01-01T00:00:00Z", 99_999_999), sequence: 6));
        Assert.Equal("SUCCESS", await delivery.DeliverAsync(Payment("f1", "s-001", 2025, "advance", 99_999_999, "2025-03-01", "comp-forged"), sequence: 7));

        var funding = await client.GetStructureFundingAsync(new GetStructureFundingRequest { StructureId = "s-001", Year = 2025 });
        var summary = await client.GetAllocationSummaryAsync(new GetAllocationSummaryRequest { ConventionId = Convention, Year = 2025 });

        Assert.Equal(("comp-real", 15_500_000L), (funding.YearN.ComputationId, funding.YearN.Total.Cents));
        Assert.Empty(funding.Payments);
        Assert.Equal(("run-real", 12_386_500L), (summary.LatestRun.RunId, summary.LatestRun.TotalAllocated.Cents));
    }

    [Fact]
    public async Task Text_cells_that_a_spreadsheet_would_run_as_formulas_are_exported_as_text_and_amounts_stay_numbers()
    {
        await using var service = await ServiceUnderTest.StartAsync(ReportingApp.Build);
        using var delivery = new DirectDelivery(service.HttpAddress);
        var client = new Reporting.V1.Reporting.ReportingClient(service.Channel);
        const string manager = "@Gestionnaire";
        string[] names = ["=HYPERLINK(\"http://x\";\"clic\")", "+33 3 84 00 00 00", "-Crèche", "\tTabulée", "Crèche ordinaire"];
        for (var i = 0; i < names.Length; i++)
        {
            var snapshot = Structure($"s-{i}", manager, name: names[i]);
            Assert.Equal("SUCCESS", await delivery.DeliverAsync(new("structures.structure-registered.v1", new StructureRegistered(snapshot))));
        }

        var export = await ReportingQueryTests.ExportAsync(client, new ExportCsvRequest { Report = CsvReport.ManagerStructures, ManagerName = manager });

        Assert.Equal(
            [
                "'=HYPERLINK(\"\"http://x\"\";\"\"clic\"\")",
                "'+33 3 84 00 00 00",
                "'-Crèche",
                "'\tTabulée",
                "Crèche ordinaire",
            ],
            export.Text.TrimEnd('\r', '\n').Split("\r\n").Skip(1).Select(l => SecondCell(l)));
        Assert.Equal("-123456,78", FrenchCsv.NeutraliseFormula("-123456,78"));
        Assert.Equal("'-1+2", FrenchCsv.NeutraliseFormula("-1+2"));
        Assert.Equal("'\r=1", FrenchCsv.NeutraliseFormula("\r=1"));
    }

    /// <summary>The name column as written (quotes included when the cell needed them).</summary>
    private static string SecondCell(string line)
    {
        var start = line.IndexOf(';', StringComparison.Ordinal) + 1;
        if (line[start] != '"')
        {
            return line[start..line.IndexOf(';', start)];
        }

        var end = start + 1;
        while (!(line[end] == '"' && (end + 1 == line.Length || line[end + 1] == ';')))
        {
            end += line[end] == '"' ? 2 : 1;
        }

        return line[(start + 1)..end];
    }

    private static TopicEvent Run(string runId, string computedAt, long allocated) =>
        new("funding.allocation-run-completed.v1", new AllocationRunCompleted(runId, Convention, 2025, "actualise", computedAt, "i", "p", 12_286_500, allocated,
            [new(Epci, "eaje", 12_286_500, allocated, allocated - 12_286_500, [])], [new("s-001", "eaje", Epci, 8_350_000, 8_350_000, 8_244_200, 105_800)]));
}
