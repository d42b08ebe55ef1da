using Ctg.Signatories.V1;

namespace Ctg.Signatories.Tests;

/// <summary>Seed 001 (Jura Nord 2019-2023) beyond its parties: governance, co-financing, the CAF's 2018
/// funding, the coordination posts, the annex projection, the notice period and the 19 fiches.</summary>
public sealed class JuraNordSeedDataTests
{
    private const string Id = "ctg-39-jura-nord-2019";
    private const string Caf = "ctg-39-jura-nord-2019-caf-39";
    private const string Cc = "ctg-39-jura-nord-2019-cc-jura-nord";

    [Fact]
    public async Task Governance_has_the_bodies_of_annexe_3_and_alerts_for_every_year_without_a_recorded_meeting()
    {
        await using var harness = await SignatoriesHarness.StartSqliteAsync();
        await harness.Conventions.LoadDemoDataAsync(new LoadDemoDataRequest());

        var governance = await harness.Governance.GetGovernanceAsync(new GetGovernanceRequest { ConventionId = Id, AsOf = D.Of(2026, 12, 1) });

        Assert.Equal(6, governance.Bodies.Count);
        var copil = governance.Bodies[0];
        Assert.Equal(("Comité de pilotage CTG", GovernanceBodyKind.SteeringCommittee, 1, Presidency.CoChaired), (copil.Name, copil.Kind, copil.MinMeetingsPerYear, copil.Presidency));
        Assert.False(copil.HasMaxMeetingsPerYear);
        Assert.Equal(8, copil.Members.Count);
        Assert.Equal(new[] { Cc, Caf, Caf, Cc, Cc, Caf, Cc, Caf }, copil.Members.Select(m => m.SignatoryId));
        Assert.Equal(("Le Directeur de la Caisse d'Allocations Familiales du Jura", "Jean-Charles Chambost"), (copil.Members[2].Role, copil.Members[2].FullName));
        Assert.Equal("Le chargé de coopération CTG", copil.Secretariat);
        Assert.Equal(5, governance.Bodies[1].Members.Count);
        Assert.Equal(3, governance.Bodies.Count(b => b.Kind == GovernanceBodyKind.WorkingGroup && !b.HasMinMeetingsPerYear));
        Assert.Empty(governance.Meetings);
        var officer = Assert.Single(governance.CooperationOfficers);
        Assert.Equal((Cc, 1d, ""), (officer.SignatoryId, officer.Fte, officer.FullName));

        // Three bodies planned "a minima une fois par an" × the five years 2019-2023, no meeting recorded.
        Assert.Equal(15, governance.Alerts.Count);
        Assert.Equal(new[] { 2019, 2020, 2021, 2022, 2023 }, governance.Alerts.Where(a => a.BodyId == "jn-2019-copil").Select(a => a.Year));
        Assert.Equal("Comité de pilotage CTG met 0 time(s) in 2019, planned at least 1", governance.Alerts[0].Message);

        // A year that has not ended yet raises no alert.
        var during2019 = await harness.Governance.GetGovernanceAsync(new GetGovernanceRequest { ConventionId = Id, AsOf = D.Of(2019, 12, 30) });
        Assert.Empty(during2019.Alerts);
    }

    [Fact]
    public async Task Co_financing_and_the_CAF_funding_received_in_2018_are_the_seed_figures_in_cents()
    {
        await using var harness = await SignatoriesHarness.StartSqliteAsync();
        await harness.Conventions.LoadDemoDataAsync(new LoadDemoDataRequest());

        var annexes = await harness.Annexes.GetConventionAnnexesAsync(new GetConventionAnnexesRequest { ConventionId = Id });

        var byCc = annexes.CoFinancing.Where(e => e.FunderSignatoryId == Cc).ToList();
        Assert.Equal(new long[] { 2_058_500, 4_388_800, 3_400_000, 290_000, 112_374_300, 591_000 }, byCc.Select(e => e.AmountCents));
        Assert.All(byCc, e => Assert.True(e.Estimated));
        Assert.Equal(649_600, byCc[0].InKindCents);
        Assert.Equal((3, "Micro-crèche de Jallerange", ""), (byCc[3].Children, byCc[3].Beneficiary, byCc[3].StructureId));
        Assert.Equal(("ALSH péri et extrascolaires", "Gestion directe"), (byCc[4].Beneficiary, byCc[4].FinancingType));

        var byCaf = annexes.CoFinancing.Where(e => e.FunderSignatoryId == Caf).ToList();
        Assert.Equal(31, byCaf.Count);
        var fraisans = byCaf.Where(e => e.StructureId == "str-39-jn-multi-accueil-fraisans").ToList();
        Assert.Equal(new[] { ("CEJ", 8_244_200L, 20d), ("PSU - PSO", 18_980_800L, 46d) }, fraisans.Select(e => (e.FinancingType, e.AmountCents, e.BudgetSharePercent)));
        Assert.Equal((41_430_600L, "49 277 h facturées (taux d'occupation : 77%)"), (fraisans[0].BudgetCents, fraisans[0].Activity));
        var ougney = byCaf.Where(e => e.StructureId == "str-39-jn-alsh-ougney-vitreux").ToList();
        Assert.Equal(new[] { 0L, 563_200L, 132_500L }, ougney.Select(e => e.AmountCents));
        Assert.True(ougney[0].HasAmountCents);
        Assert.Equal(2018, ougney[0].Year);
        Assert.Equal("seed 001 l.737 (financements CAF perçus en 2018, l.726)", ougney[0].Source);
        Assert.Equal(1_099_200L, byCaf.Where(e => e.StructureId == "str-39-jn-secteur-jeunes").Sum(e => e.AmountCents));

        var post = Assert.Single(annexes.CoordinationPosts);
        Assert.Equal((1.70, 7_519_300L, 3_230_300L, 43d), (post.Fte, post.AnnualCostCents, post.CafFundingCents, post.CafSharePercent));
    }

    [Fact]
    public async Task Projection_notice_period_and_the_19_fiches_are_as_the_seed_gives_them()
    {
        await using var harness = await SignatoriesHarness.StartSqliteAsync();
        await harness.Conventions.LoadDemoDataAsync(new LoadDemoDataRequest());

        var annexes = await harness.Annexes.GetConventionAnnexesAsync(new GetConventionAnnexesRequest { ConventionId = Id });
        var eaje = annexes.Projections.Single(p => p.Mode == CareMode.EajePsu);
        Assert.Equal(new[] { (2019, 30d), (2021, 40d) }, eaje.Years.Select(y => (y.Year, y.Quantity)));
        Assert.Equal("Micro-crèche de 10 places à Salans (EAJE PSU)", Assert.Single(eaje.Investments).Description);
        Assert.Equal(1.5, annexes.Projections.Single(p => p.Mode == CareMode.Rpe).Years.Single().Quantity);
        Assert.False(Assert.Single(annexes.Projections.Single(p => p.Mode == CareMode.Mam).Investments).HasEstimatedCostCents);
        Assert.Equal(3, annexes.TerminationTerms.DenunciationNoticeMonths);
        Assert.False(annexes.TerminationTerms.HasFormalNoticeMonths);
        Assert.Null(annexes.Renewal);

        var plan = await harness.ActionPlans.GetActionPlanAsync(new GetActionPlanRequest { ConventionId = Id });
        Assert.Equal(new[] { "Petite Enfance", "Enfance", "Jeunesse", "Parentalité", "Handicap", "Accès au droit", "Logement", "Pilotage" }, plan.Axes.Select(a => a.Title));
        var actions = plan.Axes.SelectMany(a => a.Objectives).SelectMany(o => o.Actions).ToList();
        Assert.Equal(19, actions.Count);
        Assert.Equal(19, plan.Declared.Actions);
        var salans = actions[0];
        Assert.Equal(("Micro-crèche de Salans", "Offrir 10 places d'accueil en horaires décalés"), (salans.Title, plan.Axes[0].Objectives[0].Title));
        Assert.Equal(("Fin des travaux : 26/06/2020 Ouverture de la structure : rentrée 2020/2021", "annuelle", "fin de CTG"),
            (salans.Schedule, salans.FollowUpFrequency, salans.EvaluationPeriodicity));
        Assert.Null(salans.Deadline);
        var officer = actions[18];
        Assert.Equal(("Chargé de coopération CTG", "1 ETP", "Responsable RH", "bi-annuelle", D.Of(2020, 12, 31)),
            (officer.Title, officer.HumanResources, officer.Pilot, officer.FollowUpFrequency, officer.Deadline));
        Assert.Equal(D.Of(2021, 12, 31), actions[3].Deadline); // "2021"
        Assert.Equal(D.Of(2020, 12, 31), actions[4].Deadline); // "Fin 2020"
        Assert.Null(actions[5].Deadline);                       // "annuelle"
        Assert.All(actions.SelectMany(a => a.Indicators), i => Assert.False(i.HasBaseline || i.HasTarget));
    }

    [Fact]
    public async Task Terminating_Jura_Nord_takes_effect_after_its_own_three_months_not_the_model_six()
    {
        await using var harness = await SignatoriesHarness.StartSqliteAsync();
        await harness.Conventions.LoadDemoDataAsync(new LoadDemoDataRequest());

        var terminated = await harness.Conventions.TerminateConventionAsync(new TerminateConventionRequest
        {
            ConventionId = Id, Kind = TerminationKind.MutualConsent, NotifiedOn = D.Of(2022, 3, 15), Reason = "Dénonciation par lettre recommandée",
        });

        Assert.Equal(D.Of(2022, 6, 15), terminated.Termination.EffectiveOn);
    }
}
