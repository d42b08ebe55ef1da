using System.Text;
using Ctg.Reporting.Tests.Support;
using Ctg.Reporting.V1;
using Ctg.ServiceDefaults;
using Ctg.Testing;
using Grpc.Core;
using static Ctg.Reporting.Tests.Support.Scenario;

namespace Ctg.Reporting.Tests.Functional;

/// <summary>The read models and queries, on the service hosted on real loopback sockets and called
/// through a real gRPC channel; events delivered to its Dapr routes as the bus does.</summary>
public sealed class ReportingQueryTests
{
    [Fact]
    public async Task Read_models_built_from_events_answer_every_query_with_exact_values()
    {
        await using var service = await ServiceUnderTest.StartAsync(ReportingApp.Build);
        using var delivery = new DirectDelivery(service.HttpAddress);
        await ReportingScenario.DeliverAsync(delivery);
        await ReportingScenario.AssertQueriesAsync(new Reporting.V1.Reporting.ReportingClient(service.Channel));
    }

    [Fact]
    public async Task A_redelivered_event_is_acknowledged_and_applied_once()
    {
        await using var service = await ServiceUnderTest.StartAsync(ReportingApp.Build);
        using var delivery = new DirectDelivery(service.HttpAddress);
        var payment = Payment("p1", "s-001", 2025, "advance", 4_200_000, "2025-03-01");

        Assert.Equal("SUCCESS", await delivery.DeliverAsync(payment, sequence: 7));
        Assert.Equal("SUCCESS", await delivery.DeliverAsync(payment, sequence: 7));

        var stats = await new Reporting.V1.Reporting.ReportingClient(service.Channel).GetReadModelStatsAsync(new GetReadModelStatsRequest());
        Assert.Equal(["funding.payment-scheduled.v1=1"], stats.Applied.Select(a => $"{a.Topic}={a.Applied}"));
        Assert.Equal(1, stats.Tables.Single(t => t.Table == "rm_payments").Rows);
    }

    [Fact]
    public async Task Events_missing_what_a_read_model_needs_are_dropped_as_poison_and_leave_nothing()
    {
        await using var service = await ServiceUnderTest.StartAsync(ReportingApp.Build);
        using var delivery = new DirectDelivery(service.HttpAddress);

        Assert.Equal("DROP", await delivery.DeliverAsync(new("structures.structure-registered.v1", new BrokenStructureRegistered("no snapshot"))));
        Assert.Equal("DROP", await delivery.DeliverAsync(Payment("p9", "s-001", 2025, "bonus", 100, "2025-03-01")));

        var stats = await new Reporting.V1.Reporting.ReportingClient(service.Channel).GetReadModelStatsAsync(new GetReadModelStatsRequest());
        Assert.Empty(stats.Applied);
        Assert.All(stats.Tables, t => Assert.Equal(0, t.Rows));
    }

    [Fact]
    public async Task Subscriptions_declare_every_consumed_topic_with_its_route_and_the_reporting_dead_letter_topic()
    {
        await using var service = await ServiceUnderTest.StartAsync(ReportingApp.Build);
        using var http = new HttpClient();
        using var document = System.Text.Json.JsonDocument.Parse(await http.GetStringAsync(new Uri(service.HttpAddress, "/dapr/subscribe")));
        var declared = document.RootElement.EnumerateArray()
            .Select(e => $"{e.GetProperty("pubsubName").GetString()} {e.GetProperty("topic").GetString()} /{e.GetProperty("route").GetString()} {e.GetProperty("deadLetterTopic").GetString()}")
            .Order(StringComparer.Ordinal)
            .ToList();
        string[] topics =
        [
            "funding.allocation-approved.v1", "funding.allocation-run-completed.v1", "funding.funding-computed.v1", "funding.payment-scheduled.v1",
            "signatories.action-plan-changed.v1", "signatories.action-status-updated.v1", "signatories.annexes-changed.v1",
            "signatories.competence-granted.v1", "signatories.competence-transferred.v1",
            "signatories.convention-amended.v1", "signatories.convention-signed.v1", "signatories.convention-terminated.v1",
            "signatories.governance-changed.v1",
            "structures.declaration-submitted.v1", "structures.reference-recorded.v1", "structures.structure-changed.v1",
            "structures.structure-closed.v1", "structures.structure-registered.v1",
        ];
        Assert.Equal(topics.Select(t => $"pubsub {t} /events/{t} reporting.dead-letter.v1"), declared);
    }

    [Fact]
    public async Task Closing_the_only_rpe_raises_the_relais_petite_enfance_alert_from_2026_only()
    {
        await using var service = await ServiceUnderTest.StartAsync(ReportingApp.Build);
        using var delivery = new DirectDelivery(service.HttpAddress);
        await ReportingScenario.DeliverAsync(delivery);
        await delivery.DeliverAllAsync(
        [
            new("structures.structure-closed.v1", new StructureClosed(Structure("s-002", "CC Jura Nord", kind: "rpe", closingDate: "2025-12-31", version: 2), "2025-12-31", "fermeture")),
        ]);
        var client = new Reporting.V1.Reporting.ReportingClient(service.Channel);

        var in2026 = await client.ListAoComplianceAlertsAsync(new ListAoComplianceAlertsRequest { ConventionId = Convention, AsOf = new Common.V1.Date { Year = 2026, Month = 3, Day = 1 } });
        Assert.Equal(["39200:soutenir_qualite", "39300:planifier", "39300:relais_petite_enfance"], in2026.Communes.SelectMany(c => c.Alerts.Select(a => $"{c.InseeCode}:{a.Obligation}")));
        var in2025 = await client.ListAoComplianceAlertsAsync(new ListAoComplianceAlertsRequest { ConventionId = Convention, AsOf = new Common.V1.Date { Year = 2025, Month = 6, Day = 1 } });
        Assert.Equal(["39200:soutenir_qualite", "39300:planifier"], in2025.Communes.SelectMany(c => c.Alerts.Select(a => $"{c.InseeCode}:{a.Obligation}")));
        var closed = await client.GetStructureFundingAsync(new GetStructureFundingRequest { StructureId = "s-002", Year = 2025 });
        Assert.Equal((true, "2025-12-31", false), (closed.Structure.Closed, closed.Structure.ClosingDate, closed.YearN.Computed));
    }

    [Fact]
    public async Task Csv_exports_are_french_utf8_with_bom_semicolons_and_euros_with_a_comma()
    {
        await using var service = await ServiceUnderTest.StartAsync(ReportingApp.Build);
        using var delivery = new DirectDelivery(service.HttpAddress);
        await ReportingScenario.DeliverAsync(delivery);
        var client = new Reporting.V1.Reporting.ReportingClient(service.Channel);

        var payments = await ExportAsync(client, new ExportCsvRequest { Report = CsvReport.Payments, ConventionId = Convention, Year = 2025 });
        Assert.Equal([0xEF, 0xBB, 0xBF], payments.Bytes[..3]);
        Assert.Equal(
            "Structure;Nom;Gestionnaire;Année;Nature;Montant (€);Échéance;Paiement\r\n"
            + "s-001;Multi-accueil Fraisans;Mairie de Fraisans;2025;acompte;42000,00;01/03/2025;p1\r\n"
            + "s-001;Multi-accueil Fraisans;Mairie de Fraisans;2025;acompte;42000,00;02/10/2025;p2\r\n"
            + "s-001;Multi-accueil Fraisans;Mairie de Fraisans;2025;indu;1500,00;30/04/2026;p3\r\n",
            payments.Text);

        var summary = await ExportAsync(client, new ExportCsvRequest { Report = CsvReport.AllocationSummary, ConventionId = Convention, Year = 2025 });
        Assert.Equal(
            [
                "Collectivité compétente;Type;Enveloppe (€);Alloué (€);Écart (€);Causes de l'écart;Calcul;Approuvé",
                $"{Epci};eaje;100000,00;101000,00;1000,00;new_activity 1500,00, lower_activity -500,00;dernier calcul run-2025b;non",
                $"{Epci};rpe;22865,00;22865,00;0,00;;dernier calcul run-2025b;non",
                $"{Epci};eaje;100000,00;98000,00;-2000,00;lower_activity -2000,00;calcul approuvé run-2025a;oui",
                $"{Epci};rpe;22865,00;22865,00;0,00;;calcul approuvé run-2025a;oui",
            ],
            summary.Text.TrimEnd('\n', '\r').Split("\r\n"));
    }

    [Fact]
    public async Task A_large_export_streams_in_several_chunks_that_concatenate_to_every_row()
    {
        await using var service = await ServiceUnderTest.StartAsync(ReportingApp.Build);
        using var delivery = new DirectDelivery(service.HttpAddress);
        const int count = 1200;
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (i, _) =>
            Assert.Equal("SUCCESS", await delivery.DeliverAsync(Registered($"big-{i:00000}", "Grand gestionnaire; « associatif »"))));

        var export = await ExportAsync(new Reporting.V1.Reporting.ReportingClient(service.Channel),
            new ExportCsvRequest { Report = CsvReport.ManagerStructures, ManagerName = "Grand gestionnaire; « associatif »" });
        Assert.True(export.Chunks >= 2, $"expected several chunks, got {export.Chunks}");
        var lines = export.Text.TrimEnd('\n', '\r').Split("\r\n");
        Assert.Equal(count + 1, lines.Length);
        Assert.Equal(Enumerable.Range(0, count).Select(i => $"big-{i:00000}"), lines.Skip(1).Select(l => l.Split(';')[0]));
        Assert.Equal($"big-00000;Structure big-00000;eaje_psu;39100;Commune 39100;{Epci};{Convention};24;01/01/2015;", lines[1]);
    }

    [Fact]
    public async Task Bad_requests_fail_with_invalid_argument_and_field_violations_and_unknowns_with_not_found()
    {
        await using var service = await ServiceUnderTest.StartAsync(ReportingApp.Build);
        var client = new Reporting.V1.Reporting.ReportingClient(service.Channel);

        var invalid = await Assert.ThrowsAsync<RpcException>(() => client.GetAllocationSummaryAsync(new GetAllocationSummaryRequest { Year = 1999 }).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, invalid.StatusCode);
        Assert.Equal(["convention_id", "year"], invalid.FieldViolations().Select(v => v.Field));

        var unknown = await Assert.ThrowsAsync<RpcException>(() => client.GetAllocationSummaryAsync(new GetAllocationSummaryRequest { ConventionId = "ctg-x", Year = 2025 }).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, unknown.StatusCode);

        var structure = await Assert.ThrowsAsync<RpcException>(() => client.GetStructureFundingAsync(new GetStructureFundingRequest { StructureId = "s-404", Year = 2025 }).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, structure.StatusCode);

        var page = await Assert.ThrowsAsync<RpcException>(() => client.ListManagerStructuresAsync(
            new ListManagerStructuresRequest { Page = new Common.V1.PageRequest { PageSize = 5000 } }).ResponseAsync);
        Assert.Equal(["manager_name", "page.page_size"], page.FieldViolations().Select(v => v.Field));

        var date = await Assert.ThrowsAsync<RpcException>(() => client.ListAoComplianceAlertsAsync(
            new ListAoComplianceAlertsRequest { ConventionId = Convention, AsOf = new Common.V1.Date { Year = 2025, Month = 2, Day = 30 } }).ResponseAsync);
        Assert.Equal(["as_of"], date.FieldViolations().Select(v => v.Field));

        var export = await Assert.ThrowsAsync<RpcException>(() => ExportAsync(client, new ExportCsvRequest()));
        Assert.Equal(StatusCode.InvalidArgument, export.StatusCode);
        Assert.Equal(["report"], export.FieldViolations().Select(v => v.Field));

        var rebuild = await Assert.ThrowsAsync<RpcException>(() => client.RebuildReadModelAsync(new RebuildReadModelRequest()).ResponseAsync);
        Assert.Equal(["read_model"], rebuild.FieldViolations().Select(v => v.Field));
    }

    internal static async Task<(byte[] Bytes, string Text, int Chunks)> ExportAsync(Reporting.V1.Reporting.ReportingClient client, ExportCsvRequest request)
    {
        using var call = client.ExportCsv(request);
        using var bytes = new MemoryStream();
        var chunks = 0;
        while (await call.ResponseStream.MoveNext(CancellationToken.None))
        {
            chunks++;
            call.ResponseStream.Current.Data.WriteTo(bytes);
        }

        var all = bytes.ToArray();
        return (all, Encoding.UTF8.GetString(all, 3, all.Length - 3), chunks);
    }
}
