using Ctg.Common.V1;
using Ctg.Reporting.Tests.Support;
using Ctg.Reporting.V1;
using Ctg.ServiceDefaults;
using Ctg.Testing;
using Grpc.Core;
using static Ctg.Reporting.Tests.Functional.ConventionDocumentsScenario;

namespace Ctg.Reporting.Tests.Functional;

/// <summary>The governance calendar, the annex table beside the registry, co-financing beside the engine, the
/// 2018 reconciliation and the action-plan exports, built from signatories' state events; and the scoping
/// of managers and CAF staff on them, with real tokens of the development provider.</summary>
public sealed class ConventionDocumentsTests
{
    private static async Task<(ServiceUnderTest Service, DirectDelivery Delivery)> StartAsync()
    {
        var service = await ServiceUnderTest.StartAsync(ReportingApp.Build);
        var delivery = new DirectDelivery(service.HttpAddress);
        await delivery.DeliverAllAsync(AllEvents());
        return (service, delivery);
    }

    private static Reporting.V1.Reporting.ReportingClient Client(ServiceUnderTest service, string? login = null) =>
        new(login is null ? service.Channel : service.ChannelAs(login));

    private static Date Day(int year, int month, int day) => new() { Year = year, Month = month, Day = day };

    [Fact]
    public async Task The_governance_calendar_lists_every_year_and_alerts_on_bodies_that_met_less_than_planned()
    {
        var (service, delivery) = await StartAsync();
        await using var _ = service;
        using var __ = delivery;
        var client = Client(service);

        var calendar = await client.GetGovernanceCalendarAsync(new GetGovernanceCalendarRequest { ConventionId = JuraNord, AsOf = Day(2022, 6, 30) });

        Assert.Equal(new[] { 2019, 2020, 2021, 2022, 2023 }, calendar.Years.Select(y => y.Year));
        Assert.Equal(2, calendar.Version);
        var copil2020 = calendar.Years[1].Bodies[0];
        Assert.Equal(("Comité de pilotage CTG", 1, false, false), (copil2020.BodyName, copil2020.PlannedMinMeetings, copil2020.HasPlannedMaxMeetings, copil2020.UnderPlanned));
        var meeting = Assert.Single(copil2020.Meetings);
        Assert.Equal((Day(2020, 11, 5), 12, "Bilan de la première année"), (meeting.HeldOn, meeting.AttendanceCount, Assert.Single(meeting.Decisions)));
        // Years ended by 30/06/2022: 2019-2021. The working group has no planned frequency: never an alert.
        Assert.Equal(
            new[] { "2019 jn-2019-copil 0/1", "2019 jn-2019-comite-operationnel 0/1", "2020 jn-2019-comite-operationnel 0/1", "2021 jn-2019-copil 0/1", "2021 jn-2019-comite-operationnel 0/1" },
            calendar.Alerts.Select(a => $"{a.Year} {a.BodyId} {a.MeetingsHeld}/{a.PlannedMinMeetings}"));
        Assert.False(calendar.Years[2].Bodies[2].HasPlannedMinMeetings);

        // An older version delivered late changes nothing; a newer one replaces the calendar.
        Assert.Equal("SUCCESS", await delivery.DeliverAsync(Governance(1, []), sequence: 1));
        Assert.Equal(2, (await client.GetGovernanceCalendarAsync(new GetGovernanceCalendarRequest { ConventionId = JuraNord, AsOf = Day(2022, 6, 30) })).Version);
        Assert.Equal("SUCCESS", await delivery.DeliverAsync(Governance(5, [Copil2020, new("jn-copil-2021", "jn-2019-copil", "2021-03-02", null, [], "")])));
        var after = await client.GetGovernanceCalendarAsync(new GetGovernanceCalendarRequest { ConventionId = JuraNord, AsOf = Day(2022, 6, 30) });
        Assert.Equal((5L, 4), (after.Version, after.Alerts.Count));
        Assert.False(after.Years[2].Bodies[0].Meetings[0].HasAttendanceCount);
    }

    [Fact]
    public async Task The_annex_table_is_compared_with_the_places_the_registry_holds_each_year()
    {
        var (service, delivery) = await StartAsync();
        await using var _ = service;
        using var __ = delivery;

        var comparison = await Client(service).GetAnnexComparisonAsync(new GetAnnexComparisonRequest { ConventionId = JuraNord });

        // Fraisans 24 places since 2012, Salans 10 places from 2021; projected 30 (seed 001 l.615) and 40 (l.615, l.800).
        Assert.Equal(
            new[]
            {
                "EajePsu 2019 places 30 24 -6", "EajePsu 2020 places - 24 -", "EajePsu 2021 places 40 34 -6", "EajePsu 2022 places - 34 -", "EajePsu 2023 places - 34 -",
                "Rpe 2019 ETP 1.5 - -", "Rpe 2020 ETP - - -", "Rpe 2021 ETP - - -", "Rpe 2022 ETP - - -", "Rpe 2023 ETP - - -",
            },
            comparison.Rows.Select(r => string.Join(' ', r.Mode, r.Year, r.Unit, r.HasProjected ? r.Projected.ToString(System.Globalization.CultureInfo.InvariantCulture) : "-",
                r.HasRegisteredPlaces ? r.RegisteredPlaces.ToString(System.Globalization.CultureInfo.InvariantCulture) : "-",
                r.HasDifference ? r.Difference.ToString(System.Globalization.CultureInfo.InvariantCulture) : "-")));
        Assert.Equal("seed 001 l.615", comparison.Rows[0].Source);
    }

    [Fact]
    public async Task Co_financing_sits_beside_the_CAF_funding_and_the_reconciliation_beside_the_2018_payments()
    {
        var (service, delivery) = await StartAsync();
        await using var _ = service;
        using var __ = delivery;
        var client = Client(service);

        var cofinancing = await client.GetCoFinancingAsync(new GetCoFinancingRequest { ConventionId = JuraNord, Year = 2018 });
        Assert.Equal(new[] { "Multi-accueil Fraisans", "Multi-accueil de Moissey", "ALSH péri Dampierre" }, cofinancing.Beneficiaries.Select(b => b.Beneficiary));
        var fraisans = cofinancing.Beneficiaries[0];
        Assert.Equal(new[] { "Epci Gestion directe 4388800 estimé", "Caf CEJ 8244200 payé", "Caf PSU - PSO 18980800 payé" },
            fraisans.Lines.Select(l => $"{l.FunderKind} {l.FinancingType} {l.Amount.Cents} {(l.Estimated ? "estimé" : "payé")}"));
        Assert.Equal((18_900_000L, "fc-2018-fraisans"), (fraisans.CafFunding.Cents, fraisans.ComputationId));
        Assert.Null(cofinancing.Beneficiaries[1].CafFunding);
        var post = Assert.Single(cofinancing.CoordinationPosts);
        Assert.Equal((1.7, 7_519_300L, 3_230_300L), (post.Fte, post.AnnualCost.Cents, post.CafFunding.Cents));

        // Seed 001 l.729 and l.731: the PSU - PSO the CAF paid in 2018 beside the engine's PS (its bonuses left out).
        var reconciliation = await client.GetFundingReconciliationAsync(new GetFundingReconciliationRequest { ConventionId = JuraNord, Year = 2018 });
        Assert.Equal(
            new[] { $"{Dampierre} 1316900 1300000 -16900 fc-2018-dampierre 3", $"{Fraisans} 18980800 18500000 -480800 fc-2018-fraisans 2" },
            reconciliation.Rows.Select(r => $"{r.StructureId} {r.PaidPs.Cents} {r.EnginePs.Cents} {r.Difference.Cents} {r.ComputationId} {r.Paid.Count}"));
        Assert.Equal((20_297_700L, 19_800_000L), (reconciliation.TotalPaidPs.Cents, reconciliation.TotalEnginePs.Cents));
        Assert.Empty((await client.GetFundingReconciliationAsync(new GetFundingReconciliationRequest { ConventionId = JuraNord, Year = 2019 })).Rows);
    }

    [Fact]
    public async Task A_manager_sees_the_lines_of_their_structures_only_in_every_report_and_export()
    {
        var (service, delivery) = await StartAsync();
        await using var _ = service;
        using var __ = delivery;
        var manager = Client(service, "gestionnaire");

        var cofinancing = await manager.GetCoFinancingAsync(new GetCoFinancingRequest { ConventionId = JuraNord, Year = 2018 });
        Assert.Equal(new[] { "Multi-accueil Fraisans" }, cofinancing.Beneficiaries.Select(b => b.Beneficiary));
        var reconciliation = await manager.GetFundingReconciliationAsync(new GetFundingReconciliationRequest { ConventionId = JuraNord, Year = 2018 });
        Assert.Equal(new[] { Fraisans }, reconciliation.Rows.Select(r => r.StructureId));
        Assert.Equal((18_980_800L, 18_500_000L), (reconciliation.TotalPaidPs.Cents, reconciliation.TotalEnginePs.Cents));

        await Expect(StatusCode.NotFound, () => manager.GetStructureFundingAsync(new GetStructureFundingRequest { StructureId = Dampierre, Year = 2018 }).ResponseAsync);
        Assert.Equal(Fraisans, (await manager.GetStructureFundingAsync(new GetStructureFundingRequest { StructureId = Fraisans, Year = 2018 })).Structure.StructureId);
        var others = await manager.ListManagerStructuresAsync(new ListManagerStructuresRequest { ManagerName = Francas });
        Assert.Equal((0, 0), (others.Structures.Count, others.Page.TotalSize));
        var ownExact = await manager.ListManagerStructuresAsync(new ListManagerStructuresRequest { ManagerName = Cc });
        Assert.Equal(new[] { Fraisans, "str-39-jn-salans" }, ownExact.Structures.Select(s => s.StructureId));
        var export = await ReportingQueryTests.ExportAsync(manager, new ExportCsvRequest { Report = CsvReport.ManagerStructures, ManagerName = Francas });
        Assert.Equal("Identifiant;Nom;Type;Commune (INSEE);Commune;Collectivité compétente;CTG;Places agréées;Ouverture;Fermeture\r\n", export.Text);
    }

    [Fact]
    public async Task A_CAFs_staff_read_only_their_CAFs_CTGs_and_structures()
    {
        var (service, delivery) = await StartAsync();
        await using var _ = service;
        using var __ = delivery;
        var jura = Client(service, "ordonnateur");

        await Expect(StatusCode.NotFound, () => jura.GetGovernanceCalendarAsync(new GetGovernanceCalendarRequest { ConventionId = Pma }).ResponseAsync);
        await Expect(StatusCode.NotFound, () => jura.GetStructureFundingAsync(new GetStructureFundingRequest { StructureId = "str-25-pma-creche", Year = 2018 }).ResponseAsync);
        await Expect(StatusCode.NotFound, () => jura.GetActionPlanProgressAsync(new GetActionPlanProgressRequest { ConventionId = Pma }).ResponseAsync);
        Assert.Equal(5, (await jura.GetGovernanceCalendarAsync(new GetGovernanceCalendarRequest { ConventionId = JuraNord })).Years.Count);
        var francas = await jura.ListManagerStructuresAsync(new ListManagerStructuresRequest { ManagerName = Francas });
        Assert.Equal(new[] { Dampierre }, francas.Structures.Select(s => s.StructureId));
        Assert.Equal(1, francas.Page.TotalSize);

        var auditor = Client(service, "auditeur");
        Assert.Equal("CTG PMA", (await auditor.GetGovernanceCalendarAsync(new GetGovernanceCalendarRequest { ConventionId = Pma })).ConventionName);
        Assert.Equal(2, (await auditor.ListManagerStructuresAsync(new ListManagerStructuresRequest { ManagerName = Francas })).Page.TotalSize);
    }

    [Fact]
    public async Task The_action_plan_exports_as_french_csv_and_as_the_COPIL_report()
    {
        var (service, delivery) = await StartAsync();
        await using var _ = service;
        using var __ = delivery;
        var client = Client(service);

        var csv = await ReportingQueryTests.ExportAsync(client, new ExportCsvRequest { Report = CsvReport.ActionPlan, ConventionId = JuraNord });
        const string none = "non renseigné";
        Assert.Equal(
            [
                "Axe;Objectif;Niveau;Action;Pilote;Partenaires;Public visé;Moyens humains;Fréquence de suivi;Critères d'évaluation;Échéancier;Échéance;État;Indicateur;Unité;Valeur de départ;Cible;Année cible",
                $"Petite enfance;Adapter l'offre d'accueil <0-3 ans>;objectif général;Ouvrir la micro-crèche de Salans;CCJN;CAF du Jura, PMI;familles;Service enfance;annuelle;places ouvertes;rentrée 2020/2021;01/09/2021;réalisée;Places ouvertes;places;{none};10;2021",
                $"Petite enfance;Adapter l'offre d'accueil <0-3 ans>;objectif général;'=Recenser les besoins;{none};{none};{none};{none};{none};{none};{none};{none};non commencée;{none};{none};{none};{none};{none}",
                $"Parentalité;Soutenir les parents;{none};{none};{none};{none};{none};{none};{none};{none};{none};{none};{none};{none};{none};{none};{none};{none}",
            ],
            csv.Text.TrimEnd('\r', '\n').Split("\r\n"));

        var report = await client.GetCopilReportAsync(new GetCopilReportRequest { ConventionId = JuraNord, AsOf = Day(2022, 6, 30) });
        Assert.Equal("plan-action-ctg-39-jura-nord-2019.html", report.FileName);
        Assert.StartsWith("<!DOCTYPE html>\n<html lang=\"fr\">", report.Html);
        Assert.Contains("<h3>Adapter l&#x27;offre d&#x27;accueil &lt;0-3 ans&gt;</h3>", report.Html);
        Assert.Contains("<td>rentrée 2020/2021</td><td>01/09/2021</td><td>réalisée</td>", report.Html);
        Assert.Contains("<td>Places ouvertes</td><td>places</td><td>non renseigné</td><td>10</td><td>2021</td>", report.Html);
        Assert.Contains("<strong>Bilan intermédiaire du 15/06/2021</strong> : Bilan à mi-parcours", report.Html);
        Assert.Contains("Comité opérationnel : 0 réunion(s) en 2019, au moins 1 prévue(s).", report.Html);
    }

    [Fact]
    public async Task The_action_plan_progress_lists_every_fiche_of_the_published_plan_with_its_status_and_counts()
    {
        var (service, delivery) = await StartAsync();
        await using var _ = service;
        using var __ = delivery;
        var client = Client(service);

        // No follow-up recorded: the plan's fiches are all there, with the status the plan gives them.
        var progress = await client.GetActionPlanProgressAsync(new GetActionPlanProgressRequest { ConventionId = JuraNord });
        Assert.Equal(
            ["jn-fiche-1|Ouvrir la micro-crèche de Salans|jn-axe-1|Petite enfance|Adapter l'offre d'accueil <0-3 ans>|CCJN|2021-09-01|Done|0",
             "jn-fiche-2|=Recenser les besoins|jn-axe-1|Petite enfance|Adapter l'offre d'accueil <0-3 ans>||none|NotStarted|0"],
            progress.Actions.Select(f => $"{f.ActionId}|{f.Title}|{f.AxisId}|{f.AxisTitle}|{f.ObjectiveTitle}|{f.Pilot}|" +
                $"{(f.Deadline is null ? "none" : $"{f.Deadline.Year:0000}-{f.Deadline.Month:00}-{f.Deadline.Day:00}")}|{f.Status}|{f.StatusYear}"));
        var indicator = Assert.Single(progress.Actions[0].Indicators);
        Assert.Equal(("Places ouvertes", "places", false, 10d, 2021), (indicator.Name, indicator.Unit, indicator.HasBaseline, indicator.Target, indicator.TargetYear));
        Assert.Equal(["NotStarted=1", "Done=1"], progress.StatusCounts.Select(c => $"{c.Status}={c.Actions}"));
        Assert.Equal(["jn-axe-1 2/1/0/0"], progress.Axes.Select(a => $"{a.AxisId} {a.Actions}/{a.ActionsDone}/{a.ActionsInProgress}/{a.ActionsLate}"));
        Assert.Equal((0, 0), (progress.LastYear, progress.LastQuarter));
    }

    [Fact]
    public async Task Bad_requests_are_invalid_argument_with_their_fields_and_unknown_CTGs_not_found()
    {
        var (service, delivery) = await StartAsync();
        await using var _ = service;
        using var __ = delivery;
        var client = Client(service);

        Assert.Equal(new[] { "convention_id", "year" }, await Expect(StatusCode.InvalidArgument, () => client.GetCoFinancingAsync(new GetCoFinancingRequest()).ResponseAsync));
        Assert.Equal(new[] { "year" }, await Expect(StatusCode.InvalidArgument,
            () => client.GetFundingReconciliationAsync(new GetFundingReconciliationRequest { ConventionId = JuraNord, Year = 1800 }).ResponseAsync));
        Assert.Equal(new[] { "as_of" }, await Expect(StatusCode.InvalidArgument,
            () => client.GetGovernanceCalendarAsync(new GetGovernanceCalendarRequest { ConventionId = JuraNord, AsOf = Day(2022, 13, 1) }).ResponseAsync));
        Assert.Equal(new[] { "convention_id" }, await Expect(StatusCode.InvalidArgument, () => client.GetAnnexComparisonAsync(new GetAnnexComparisonRequest()).ResponseAsync));
        Assert.Equal(new[] { "page.page_size", "page.page_token" }, await Expect(StatusCode.InvalidArgument, () => client.ListAoComplianceAlertsAsync(
            new ListAoComplianceAlertsRequest { ConventionId = JuraNord, Page = new PageRequest { PageSize = 501, PageToken = "forged" } }).ResponseAsync));
        Assert.Equal(new[] { "convention_id" }, await Expect(StatusCode.InvalidArgument,
            () => ReportingQueryTests.ExportAsync(client, new ExportCsvRequest { Report = CsvReport.ActionPlan })));
        await Expect(StatusCode.NotFound, () => client.GetCopilReportAsync(new GetCopilReportRequest { ConventionId = "ctg-inconnue" }).ResponseAsync);
        await Expect(StatusCode.NotFound, () => client.GetAnnexComparisonAsync(new GetAnnexComparisonRequest { ConventionId = Pma }).ResponseAsync);
    }

    private static async Task<IReadOnlyList<string>> Expect(StatusCode code, Func<Task> call)
    {
        var exception = await Assert.ThrowsAsync<RpcException>(call);
        Assert.True(code == exception.StatusCode, $"Expected {code} but got {exception.StatusCode}: {exception.Status.Detail}");
        return exception.FieldViolations().Select(v => v.Field).ToList();
    }
}
