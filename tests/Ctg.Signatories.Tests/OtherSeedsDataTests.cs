using Ctg.Signatories.V1;

namespace Ctg.Signatories.Tests;

/// <summary>Seeds 000, 002, 003 and 004: governance, renewal, notice periods and action plans as the seeds give them.</summary>
public sealed class OtherSeedsDataTests
{
    [Fact]
    public async Task Pays_de_Montbeliard_has_its_10_fiches_its_two_bodies_and_its_article_12_periods()
    {
        await using var harness = await SignatoriesHarness.StartSqliteAsync();
        await harness.Conventions.LoadDemoDataAsync(new LoadDemoDataRequest());
        const string id = "ctg-25-pays-de-montbeliard-2023";

        var plan = await harness.ActionPlans.GetActionPlanAsync(new GetActionPlanRequest { ConventionId = id });
        Assert.Equal(3, plan.Axes.Count);
        Assert.Equal((3, 10), (plan.Declared.Axes, plan.Declared.Actions));
        var actions = plan.Axes[2].Objectives.SelectMany(o => o.Actions).ToList();
        Assert.Equal(10, actions.Count);
        Assert.All(actions, a => Assert.Equal(("CAF, PMA", "Sur la durée de la CTG"), (a.Pilot, a.Schedule)));
        Assert.All(actions, a => Assert.Null(a.Deadline));
        Assert.Equal("Généraliser la mise en place des guichets uniques pour la petite enfance", actions[5].Title);
        Assert.Equal(new[] { "RPE", "EAJE", "Communes", "CPE" }, actions[5].Partners);
        Assert.Equal("Etat des lieux annuel de l'existant et des développements", Assert.Single(actions[5].Indicators).Name);

        var annexes = await harness.Annexes.GetConventionAnnexesAsync(new GetConventionAnnexesRequest { ConventionId = id });
        Assert.Equal((6, 1, true), (annexes.TerminationTerms.DenunciationNoticeMonths, annexes.TerminationTerms.FormalNoticeMonths, annexes.TerminationTerms.ExpressRenewalOnly));
        Assert.Empty(annexes.CoFinancing);

        var governance = await harness.Governance.GetGovernanceAsync(new GetGovernanceRequest { ConventionId = id, AsOf = D.Of(2026, 12, 1) });
        Assert.Equal(new[] { GovernanceBodyKind.SteeringCommittee, GovernanceBodyKind.TechnicalCommittee }, governance.Bodies.Select(b => b.Kind));
        Assert.Equal(Presidency.CoChaired, governance.Bodies[0].Presidency);
        Assert.Empty(governance.Alerts); // no frequency given: nothing to compare with

        var convention = await harness.Conventions.GetConventionAsync(new GetConventionRequest { ConventionId = id });
        Assert.Equal(33, convention.Signatories.Count(s => s.Kind == SignatoryKind.Commune));
        Assert.Equal(2, convention.Signatories.Count(s => s.Kind == SignatoryKind.Sivu));
        Assert.All(convention.Signatories.Where(s => s.Kind == SignatoryKind.Sivu), s => Assert.Empty(s.MemberCommunes));
    }

    [Fact]
    public async Task Bievre_Isere_has_its_copil_of_7_june_2022_and_comites_techniques_planned_three_times_a_year()
    {
        await using var harness = await SignatoriesHarness.StartSqliteAsync();
        await harness.Conventions.LoadDemoDataAsync(new LoadDemoDataRequest());

        var governance = await harness.Governance.GetGovernanceAsync(new GetGovernanceRequest { ConventionId = "ctg-38-bievre-isere-2022", AsOf = D.Of(2024, 1, 1) });

        Assert.Equal(8, governance.Bodies.Count);
        Assert.Equal((1, 2, "1 à 2 fois par an"), (governance.Bodies[0].MinMeetingsPerYear, governance.Bodies[0].MaxMeetingsPerYear, governance.Bodies[0].FrequencyText));
        Assert.Equal(new[] { "petite enfance", "enfance / jeunesse", "parentalité", "animation de la vie sociale, logement et accès aux droits" },
            governance.Bodies.Where(b => b.Kind == GovernanceBodyKind.TechnicalCommittee).Select(b => b.Thematique));
        var meeting = Assert.Single(governance.Meetings);
        Assert.Equal(("bi-2022-copil", D.Of(2022, 6, 7)), (meeting.BodyId, meeting.HeldOn));
        Assert.False(meeting.HasAttendanceCount);
        // 2022: the COPIL met once (planned 1 to 2): no alert; 2023: none. Each comité technique: 0 of 3, in 2022 and 2023.
        Assert.Equal(new[] { 2023 }, governance.Alerts.Where(a => a.BodyId == "bi-2022-copil").Select(a => a.Year));
        Assert.Equal(9, governance.Alerts.Count);
        Assert.All(governance.Alerts.Where(a => a.BodyId != "bi-2022-copil"), a => Assert.Equal((3, 0), (a.PlannedMinMeetings, a.MeetingsHeld)));
    }

    [Fact]
    public async Task Val_d_Amour_renews_its_2020_CTG_declares_7_general_and_20_specific_objectives_and_targets_63_percent_by_2029()
    {
        await using var harness = await SignatoriesHarness.StartSqliteAsync();
        await harness.Conventions.LoadDemoDataAsync(new LoadDemoDataRequest());
        const string id = "ctg-39-val-damour-2025";

        var annexes = await harness.Annexes.GetConventionAnnexesAsync(new GetConventionAnnexesRequest { ConventionId = id });
        Assert.Equal(("", 2020, "seed 000 l.77-79"), (annexes.Renewal.RenewsConventionId, annexes.Renewal.RenewedStartYear, annexes.Renewal.Source[..16]));

        var plan = await harness.ActionPlans.GetActionPlanAsync(new GetActionPlanRequest { ConventionId = id });
        Assert.Equal((3, 7, 20, 31), (plan.Declared.Axes, plan.Declared.GeneralObjectives, plan.Declared.SpecificObjectives, plan.Declared.Actions));
        var objectives = plan.Axes.SelectMany(a => a.Objectives).ToList();
        Assert.Equal(27, objectives.Count);
        Assert.All(objectives, o => Assert.Equal(ObjectiveLevel.Unspecified, o.Level)); // the seed does not say which is which
        Assert.Equal("seed 000 l.114", objectives[8].Source);
        var indicator = Assert.Single(objectives[8].Indicators);
        Assert.Equal((63d, 2029, "%"), (indicator.Target, indicator.TargetYear, indicator.Unit));
        Assert.False(indicator.HasBaseline);
        Assert.Single(objectives.SelectMany(o => o.Indicators));
    }

    [Fact]
    public async Task Val_de_Morteau_has_the_model_bodies_and_the_model_notice_periods()
    {
        await using var harness = await SignatoriesHarness.StartSqliteAsync();
        await harness.Conventions.LoadDemoDataAsync(new LoadDemoDataRequest());

        var governance = await harness.Governance.GetGovernanceAsync(new GetGovernanceRequest { ConventionId = "ctg-25-val-de-morteau-2026", AsOf = D.Of(2028, 1, 1) });

        Assert.Equal(new[] { "Comité de pilotage", "Comité Technique", "Commissions de travail" }, governance.Bodies.Select(b => b.Name));
        Assert.Equal(Presidency.Unspecified, governance.Bodies[0].Presidency);
        Assert.Equal(new[] { 2026, 2027 }, governance.Alerts.Select(a => a.Year));
        var annexes = await harness.Annexes.GetConventionAnnexesAsync(new GetConventionAnnexesRequest { ConventionId = "ctg-25-val-de-morteau-2026" });
        Assert.Null(annexes.TerminationTerms);
        Assert.Empty(annexes.Projections);
    }
}
