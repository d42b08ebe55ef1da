using Ctg.Common.V1;
using Ctg.Reporting.Tests.Support;
using Ctg.Reporting.V1;
using Ctg.ServiceDefaults;
using static Ctg.Reporting.Tests.Support.Scenario;

namespace Ctg.Reporting.Tests.Functional;

/// <summary>One CTG seen through events of the three services, delivered in an awkward order (an
/// approval before the run it approves, stale events after newer ones), and the read models queried
/// over gRPC with exact expected values. Shared by the SQLite and PostgreSQL tests.</summary>
internal static class ReportingScenario
{
    public const string Fraisans = "Mairie de Fraisans";

    public static readonly TopicEvent[] Events = Build();

    private static TopicEvent[] Build()
    {
        var s001v2 = Structure("s-001", Fraisans, version: 2, name: "Multi-accueil Fraisans");
        return
        [
            new("signatories.convention-signed.v1", new ConventionSigned(Convention, "39", "CTG Jura Nord", "2025-01-10", "2025-01-01", "2029-12-31",
                ["petite_enfance", "jeunesse"], [new("39100", "Fraisans", 2000, 2022), new("39200", "Orchamps", 5000, 2022), new("39300", "Dampierre", 12000, 2022), new("39400", "Ranchot", 4000, 2022)], 1)),
            new("signatories.competence-granted.v1", new CompetenceGranted(Convention, "c1", "PetiteEnfance", "RecenserBesoins", Epci, "CC Jura Nord", "epci",
                ["39100", "39200", "39300"], "2025-01-01", 2)),
            new("signatories.competence-granted.v1", new CompetenceGranted(Convention, "c2", "PetiteEnfance", "InformerAccompagner", Epci, "CC Jura Nord", "epci",
                ["39100", "39200", "39300"], "2025-01-01", 3)),
            new("signatories.competence-granted.v1", new CompetenceGranted(Convention, "c3", "PetiteEnfance", "planifier", Epci, "CC Jura Nord", "epci", ["39200"], "2025-01-01", 4)),
            new("signatories.competence-granted.v1", new CompetenceGranted(Convention, "c4", "Jeunesse", null, Epci, "CC Jura Nord", "Epci", ["39300"], "2025-01-01", 5)),
            // The whole field petite enfance: the holder exercises all four AO competences there.
            new("signatories.competence-granted.v1", new CompetenceGranted(Convention, "c6", "PetiteEnfance", null, "sig-sivu", "SIVU du Val", "Sivu", ["39400"], "2025-01-01", 7)),
            new("signatories.competence-transferred.v1", new CompetenceTransferred(Convention, "c5", "PetiteEnfance", "SoutenirQualite", "39300", Epci, "CC Jura Nord", "epci",
                "Whole", null, "2025-01-01", 6)),
            Registered("s-001", Fraisans),
            Registered("s-002", "CC Jura Nord", kind: "rpe", commune: "39100"),
            Registered("s-003", Fraisans, kind: "alsh", commune: "39200"),
            new("structures.structure-changed.v1", new StructureChanged(s001v2, 1, "renamed")),
            Reference("s-001", 8_244_200),
            new("funding.allocation-approved.v1", new AllocationApproved("run-2025a", Convention, 2025, "previsionnel", "agent-39", "2025-02-01T08:00:00Z", null, "inputs", 12_086_500, [])),
            new("funding.allocation-run-completed.v1", new AllocationRunCompleted("run-2024", Convention, 2024, "reel", "2025-04-10T10:00:00Z", "i", "p", 10_000_000, 10_000_000,
                [new(Epci, "eaje", 10_000_000, 10_000_000, 0, [])], [new("s-001", "eaje", Epci, 8_000_000, 8_000_000, 8_244_200, -244_200)])),
            new("funding.allocation-run-completed.v1", new AllocationRunCompleted("run-2025a", Convention, 2025, "previsionnel", "2025-01-20T09:00:00Z", "i", "p", 12_286_500, 12_086_500,
                [new(Epci, "eaje", 10_000_000, 9_800_000, -200_000, [new("lower_activity", -200_000)]), new(Epci, "rpe", 2_286_500, 2_286_500, 0, [])],
                [new("s-001", "eaje", Epci, 8_100_000, 8_100_000, 8_244_200, -144_200)])),
            new("funding.allocation-run-completed.v1", new AllocationRunCompleted("run-2025b", Convention, 2025, "actualise", "2025-06-15T09:00:00Z", "i", "p", 12_286_500, 12_386_500,
                [new(Epci, "eaje", 10_000_000, 10_100_000, 100_000, [new("new_activity", 150_000), new("lower_activity", -50_000)]), new(Epci, "rpe", 2_286_500, 2_286_500, 0, [])],
                [new("s-001", "eaje", Epci, 8_350_000, 8_350_000, 8_244_200, 105_800)])),
            Computation("comp-2024-reel", "s-001", 2024, "reel", "2025-04-01T10:00:00Z", 14_000_000),
            Computation("comp-2025-prev", "s-001", 2025, "previsionnel", "2025-01-15T10:00:00Z", 15_000_000),
            Computation("comp-2025-act", "s-001", 2025, "actualise", "2025-06-10T10:00:00Z", 15_500_000),
            // Each payment belongs to the computation that scheduled it: advances on the prévisionnel, the rest later.
            Payment("p0", "s-001", 2024, "balance", 300_000, "2025-04-30", "comp-2024-reel"),
            Payment("p1", "s-001", 2025, "advance", 4_200_000, "2025-03-01", "comp-2025-prev"),
            Payment("p2", "s-001", 2025, "advance", 4_200_000, "2025-10-02", "comp-2025-prev"),
            Payment("p3", "s-001", 2025, "indu", 150_000, "2026-04-30", "comp-2025-act"),
            new("signatories.action-status-updated.v1", new ActionStatusUpdated(Convention, "axe-1", "obj-1", "a1", "Recenser l'offre", "CC", 2025, 2, "Done", "",
                [new("i1", "Places recensées", "places", 10, 20, 15)], "2025-06-30", 1)),
            new("signatories.action-status-updated.v1", new ActionStatusUpdated(Convention, "axe-1", "obj-1", "a2", "Réduire l'attente", "CC", 2025, 3, "InProgress", "",
                [new("i2", "Délai d'attente", "jours", 100, 50, 75)], "2025-09-30", 2)),
            new("signatories.action-status-updated.v1", new ActionStatusUpdated(Convention, "axe-2", "obj-2", "a3", "Ouvrir un LAEP", "CC", 2025, 3, "Delayed", "", [], "2025-09-30", 3)),
        ];
    }

    public static async Task DeliverAsync(DirectDelivery delivery)
    {
        await delivery.DeliverAllAsync(Events);
        // Stale events, older in their source than what was applied: they count as handled but change nothing.
        Assert.Equal("SUCCESS", await delivery.DeliverAsync(
            new("structures.structure-registered.v1", new StructureRegistered(Structure("s-001", "Someone else", name: "Old name"))), sequence: 1));
        Assert.Equal("SUCCESS", await delivery.DeliverAsync(
            new("signatories.action-status-updated.v1", new ActionStatusUpdated(Convention, "axe-1", "obj-1", "a1", "Recenser l'offre", "CC", 2025, 1, "InProgress", "",
                [new("i1", "Places recensées", "places", 10, 20, 12)], "2025-03-31", 0)), sequence: 1));
    }

    public static async Task AssertQueriesAsync(Reporting.V1.Reporting.ReportingClient client)
    {
        // 1. Allocation summary: the latest run against the approved one (approved before it was computed).
        var summary = await client.GetAllocationSummaryAsync(new GetAllocationSummaryRequest { ConventionId = Convention, Year = 2025 });
        Assert.Equal("run-2025b", summary.LatestRun.RunId);
        Assert.False(summary.LatestRun.Approved);
        Assert.Equal("actualise", summary.LatestRun.DeclarationVersion);
        Assert.Equal(12_286_500, summary.LatestRun.TotalEnvelope.Cents);
        Assert.Equal(12_386_500, summary.LatestRun.TotalAllocated.Cents);
        var eaje = summary.LatestRun.Groups.Single(g => g.Kind == "eaje");
        Assert.Equal((Epci, 10_000_000L, 10_100_000L, 100_000L), (eaje.SupportingCollectivityId, eaje.Envelope.Cents, eaje.Allocated.Cents, eaje.Difference.Cents));
        Assert.Equal(["new_activity:150000", "lower_activity:-50000"], eaje.Causes.Select(c => $"{c.Cause}:{c.Amount.Cents}"));
        Assert.Equal("run-2025a", summary.ApprovedRun.RunId);
        Assert.True(summary.ApprovedRun.Approved);
        Assert.Equal("2025-02-01T08:00:00Z", summary.ApprovedRun.ApprovedAt);
        Assert.Equal(["lower_activity:-200000"], summary.ApprovedRun.Groups.Single(g => g.Kind == "eaje").Causes.Select(c => $"{c.Cause}:{c.Amount.Cents}"));
        Assert.Equal(
            [$"{Epci}/eaje 9800000 -> 10100000 (+300000)", $"{Epci}/rpe 2286500 -> 2286500 (+0)"],
            summary.ApprovedVsLatest.Select(c => $"{c.SupportingCollectivityId}/{c.Kind} {c.ApprovedAllocated.Cents} -> {c.LatestAllocated.Cents} (+{c.Change.Cents})"));

        // 2. Structure funding: N (the approved run), N-1, the CEJ reference, payments.
        var funding = await client.GetStructureFundingAsync(new GetStructureFundingRequest { StructureId = "s-001", Year = 2025 });
        Assert.Equal("Multi-accueil Fraisans", funding.Structure.Name);
        Assert.Equal(2, funding.Structure.Version);
        Assert.Equal(Fraisans, funding.Structure.ManagerName);
        // Funding N: the latest computation's total; the bonus territoire of the approved run.
        Assert.Equal((true, "comp-2025-act", "actualise", true, 15_500_000L),
            (funding.YearN.Computed, funding.YearN.ComputationId, funding.YearN.DeclarationVersion, funding.YearN.Complete, funding.YearN.Total.Cents));
        Assert.Equal(("run-2025a", true, 8_100_000L, 8_244_200L), (funding.YearN.RunId, funding.YearN.Approved, funding.YearN.BonusTerritoire.Cents, funding.YearN.Reference.Cents));
        Assert.Equal((2024, true, "comp-2024-reel", 14_000_000L, "run-2024", false, 8_000_000L),
            (funding.YearNMinus1.Year, funding.YearNMinus1.Computed, funding.YearNMinus1.ComputationId, funding.YearNMinus1.Total.Cents,
             funding.YearNMinus1.RunId, funding.YearNMinus1.Approved, funding.YearNMinus1.BonusTerritoire.Cents));
        Assert.Equal((true, 2018, 8_244_200L, "place", 24d),
            (funding.CejReference.Recorded, funding.CejReference.ReferenceYear, funding.CejReference.Amount.Cents, funding.CejReference.Unit, funding.CejReference.ReferenceUnits));
        Assert.Equal(["p0 2024 balance 300000 2025-04-30", "p1 2025 advance 4200000 2025-03-01", "p2 2025 advance 4200000 2025-10-02", "p3 2025 indu 150000 2026-04-30"],
            funding.Payments.Select(p => $"{p.PaymentId} {p.Year} {p.Kind} {p.Amount.Cents} {p.DueOn.Year:0000}-{p.DueOn.Month:00}-{p.DueOn.Day:00}"));
        Assert.Equal((8_400_000L, 0L, 150_000L), (funding.AdvancesN.Cents, funding.BalanceN.Cents, funding.InduN.Cents));

        // 3. A manager's structures, paged; the token is the shared cursor of the last structure served.
        var first = await client.ListManagerStructuresAsync(new ListManagerStructuresRequest { ManagerName = Fraisans, Page = new PageRequest { PageSize = 1 } });
        Assert.Equal((2, PageCursor.Encode("s-001")), (first.Page.TotalSize, first.Page.NextPageToken));
        Assert.Equal(["s-001"], first.Structures.Select(s => s.StructureId));
        var second = await client.ListManagerStructuresAsync(new ListManagerStructuresRequest { ManagerName = Fraisans, Page = new PageRequest { PageSize = 1, PageToken = first.Page.NextPageToken } });
        Assert.Equal(["s-003"], second.Structures.Select(s => s.StructureId));
        Assert.Equal("", second.Page.NextPageToken);

        // 4. AO compliance alerts.
        var alerts = await client.ListAoComplianceAlertsAsync(new ListAoComplianceAlertsRequest { ConventionId = Convention, AsOf = new Date { Year = 2026, Month = 3, Day = 1 } });
        Assert.Equal(4, alerts.CommunesChecked);
        Assert.Equal(["39200:soutenir_qualite", "39300:planifier"], alerts.Communes.SelectMany(c => c.Alerts.Select(a => $"{c.InseeCode}:{a.Obligation}")));
        Assert.Equal(
            "Aucune collectivité n'exerce la compétence « Soutenir la qualité des modes d'accueil », obligatoire au-delà de 3 500 habitants.",
            alerts.Communes[0].Alerts[0].Message);
        Assert.Equal((2, ""), (alerts.Page.TotalSize, alerts.Page.NextPageToken));
        // Paged by the service, by INSEE code: one commune a page, then the next from the token.
        var firstAlerts = await client.ListAoComplianceAlertsAsync(new ListAoComplianceAlertsRequest { ConventionId = Convention, AsOf = new Date { Year = 2026, Month = 3, Day = 1 }, Page = new PageRequest { PageSize = 1 } });
        Assert.Equal(("39200", 2, 4), (string.Join(",", firstAlerts.Communes.Select(c => c.InseeCode)), firstAlerts.Page.TotalSize, firstAlerts.CommunesChecked));
        var secondAlerts = await client.ListAoComplianceAlertsAsync(new ListAoComplianceAlertsRequest { ConventionId = Convention, AsOf = new Date { Year = 2026, Month = 3, Day = 1 }, Page = new PageRequest { PageSize = 1, PageToken = firstAlerts.Page.NextPageToken } });
        Assert.Equal(("39300", ""), (string.Join(",", secondAlerts.Communes.Select(c => c.InseeCode)), secondAlerts.Page.NextPageToken));

        // 5. Action plan progress (the stale a1 update did not overwrite the newer one).
        var plan = await client.GetActionPlanProgressAsync(new GetActionPlanProgressRequest { ConventionId = Convention });
        Assert.Equal((2025, 3), (plan.LastYear, plan.LastQuarter));
        Assert.Equal(["axe-1 2/1/1/0 0.5", "axe-2 1/0/0/1 0"],
            plan.Axes.Select(a => $"{a.AxisId} {a.Actions}/{a.ActionsDone}/{a.ActionsInProgress}/{a.ActionsLate} {a.IndicatorProgress.ToString(System.Globalization.CultureInfo.InvariantCulture)}"));
        Assert.Equal(["i1 15 0.5", "i2 75 0.5"], plan.Axes[0].Indicators.Select(i => $"{i.IndicatorId} {i.Value} {i.Progress.ToString(System.Globalization.CultureInfo.InvariantCulture)}"));

        var stats = await client.GetReadModelStatsAsync(new GetReadModelStatsRequest());
        // Every distinct event is applied once, the two stale ones included (they are handled, and change nothing).
        var expectedApplied = Events.GroupBy(e => e.Topic).ToDictionary(g => g.Key, g => (long)g.Count());
        expectedApplied["structures.structure-registered.v1"]++;
        expectedApplied["signatories.action-status-updated.v1"]++;
        Assert.Equal(expectedApplied.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key}={kv.Value}"), stats.Applied.Select(a => $"{a.Topic}={a.Applied}"));
        Assert.Equal(3, stats.Tables.Single(t => t.Table == "rm_structures").Rows);
        Assert.Equal(64, stats.Digest.Length);
    }
}
