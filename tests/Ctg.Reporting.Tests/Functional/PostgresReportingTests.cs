using Ctg.Reporting.Tests.Support;
using Ctg.Reporting.V1;
using Ctg.Testing;
using Grpc.Core;
using static Ctg.Reporting.Tests.Functional.ConventionDocumentsScenario;

namespace Ctg.Reporting.Tests.Functional;

/// <summary>The same read models and queries on PostgreSQL, the server dialect.</summary>
[Trait("Category", "Postgres")]
public sealed class PostgresReportingTests
{
    [PostgresFact]
    public async Task Read_models_on_postgres_answer_every_query_with_exact_values()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        await using var service = await StartAsync(database);
        using var delivery = new DirectDelivery(service.HttpAddress);
        await ReportingScenario.DeliverAsync(delivery);
        await ReportingScenario.AssertQueriesAsync(new Reporting.V1.Reporting.ReportingClient(service.Channel));
    }

    /// <summary>The CAF and manager filters are list conditions in SQL, which PostgreSQL reads only as <c>= ANY(...)</c>:
    /// a CAF's staff member (ordonnateur, CAF du Jura) and a structure manager (gestionnaire, the CC Jura Nord) read on
    /// PostgreSQL exactly what they read on SQLite (see <see cref="ConventionDocumentsTests"/>). Les Francas manage one
    /// structure in each CAF, so every list the Jura sees would have two entries without the scoping.</summary>
    [PostgresFact]
    public async Task A_CAF_restricted_caller_and_a_manager_see_only_their_read_models_on_postgres()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        await using var service = await StartAsync(database);
        using var delivery = new DirectDelivery(service.HttpAddress);
        await delivery.DeliverAllAsync([
            .. AllEvents(),
            Scenario.Payment("pay-2018-fraisans", Fraisans, 2018, "balance", 18_900_000, "2019-04-30", "fc-2018-fraisans"),
            Scenario.Payment("pay-2018-dampierre", Dampierre, 2018, "balance", 1_300_000, "2019-04-30", "fc-2018-dampierre"),
        ]);

        var jura = new Reporting.V1.Reporting.ReportingClient(service.ChannelAs("ordonnateur"));
        var francas = await jura.ListManagerStructuresAsync(new ListManagerStructuresRequest { ManagerName = Francas });
        Assert.Equal(new[] { Dampierre }, francas.Structures.Select(s => s.StructureId));
        Assert.Equal(1, francas.Page.TotalSize);
        var export = await ReportingQueryTests.ExportAsync(jura, new ExportCsvRequest { Report = CsvReport.ManagerStructures, ManagerName = Francas });
        Assert.Equal(new[] { "Identifiant", Dampierre }, export.Text.TrimEnd('\r', '\n').Split("\r\n").Select(line => line.Split(';')[0]));
        await Expect(StatusCode.NotFound, () => jura.GetGovernanceCalendarAsync(new GetGovernanceCalendarRequest { ConventionId = Pma }).ResponseAsync);
        await Expect(StatusCode.NotFound, () => jura.GetStructureFundingAsync(new GetStructureFundingRequest { StructureId = "str-25-pma-creche", Year = 2018 }).ResponseAsync);
        Assert.Equal(5, (await jura.GetGovernanceCalendarAsync(new GetGovernanceCalendarRequest { ConventionId = JuraNord })).Years.Count);

        var manager = new Reporting.V1.Reporting.ReportingClient(service.ChannelAs("gestionnaire"));
        var cofinancing = await manager.GetCoFinancingAsync(new GetCoFinancingRequest { ConventionId = JuraNord, Year = 2018 });
        Assert.Equal(new[] { "Multi-accueil Fraisans" }, cofinancing.Beneficiaries.Select(b => b.Beneficiary));
        var reconciliation = await manager.GetFundingReconciliationAsync(new GetFundingReconciliationRequest { ConventionId = JuraNord, Year = 2018 });
        Assert.Equal(new[] { Fraisans }, reconciliation.Rows.Select(r => r.StructureId));
        Assert.Equal((18_980_800L, 18_500_000L), (reconciliation.TotalPaidPs.Cents, reconciliation.TotalEnginePs.Cents));
        var payments = await ReportingQueryTests.ExportAsync(manager, new ExportCsvRequest { Report = CsvReport.Payments, ConventionId = JuraNord, Year = 2018 });
        Assert.Equal(
            ["Structure;Nom;Gestionnaire;Année;Nature;Montant (€);Échéance;Paiement",
             $"{Fraisans};Structure {Fraisans};{Cc};2018;solde;189000,00;30/04/2019;pay-2018-fraisans"],
            payments.Text.TrimEnd('\r', '\n').Split("\r\n"));
        await Expect(StatusCode.NotFound, () => manager.GetStructureFundingAsync(new GetStructureFundingRequest { StructureId = Dampierre, Year = 2018 }).ResponseAsync);
        Assert.Equal(0, (await manager.ListManagerStructuresAsync(new ListManagerStructuresRequest { ManagerName = Francas })).Page.TotalSize);

        // Unrestricted, the same reads list both CAFs' and both managers' lines.
        var auditor = new Reporting.V1.Reporting.ReportingClient(service.ChannelAs("auditeur"));
        Assert.Equal(2, (await auditor.ListManagerStructuresAsync(new ListManagerStructuresRequest { ManagerName = Francas })).Page.TotalSize);
        var allPayments = await ReportingQueryTests.ExportAsync(auditor, new ExportCsvRequest { Report = CsvReport.Payments, ConventionId = JuraNord, Year = 2018 });
        Assert.Equal(3, allPayments.Text.TrimEnd('\r', '\n').Split("\r\n").Length);
    }

    private static Task<ServiceUnderTest> StartAsync(PostgresDatabase database) => ServiceUnderTest.StartAsync(ReportingApp.Build, new()
    {
        ["Database:Provider"] = "postgres",
        ["Database:ConnectionString"] = database.ConnectionString,
    });

    private static async Task Expect(StatusCode code, Func<Task> call)
    {
        var exception = await Assert.ThrowsAsync<RpcException>(call);
        Assert.True(code == exception.StatusCode, $"Expected {code} but got {exception.StatusCode}: {exception.Status.Detail}");
    }
}
