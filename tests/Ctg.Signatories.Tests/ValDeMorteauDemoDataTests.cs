using Ctg.Signatories.V1;

namespace Ctg.Signatories.Tests;

/// <summary>Seed 004: the CTG action plan of the Communauté de communes du Val de Morteau (2026-2030),
/// counts as transcribed in DemoData/05-val-de-morteau-2026.json.</summary>
public sealed class ValDeMorteauDemoDataTests
{
    private const string Id = "ctg-25-val-de-morteau-2026";

    [Fact]
    public async Task Loading_twice_creates_nothing_new_and_the_plan_has_the_seed_counts()
    {
        await using var harness = await SignatoriesHarness.StartSqliteAsync();
        await harness.Conventions.LoadDemoDataAsync(new LoadDemoDataRequest());
        var conventions = await harness.CountAsync("conventions");
        var plans = await harness.CountAsync("action_plans");
        var events = (await harness.OutboxAsync()).Count;
        var planBefore = await harness.ActionPlans.GetActionPlanAsync(new GetActionPlanRequest { ConventionId = Id });

        var second = await harness.Conventions.LoadDemoDataAsync(new LoadDemoDataRequest());

        Assert.Contains(Id, second.SkippedConventionIds);
        Assert.DoesNotContain(Id, second.LoadedConventionIds);
        Assert.Equal(conventions, await harness.CountAsync("conventions"));
        Assert.Equal(plans, await harness.CountAsync("action_plans"));
        Assert.Equal(events, (await harness.OutboxAsync()).Count);
        var plan = await harness.ActionPlans.GetActionPlanAsync(new GetActionPlanRequest { ConventionId = Id });
        Assert.Equal(planBefore, plan);

        var actions = plan.Axes.SelectMany(a => a.Objectives).SelectMany(o => o.Actions).ToList();
        Assert.Equal(7, plan.Axes.Count);
        Assert.Equal(new[] { 1, 5, 4, 2, 3, 3, 5 }, plan.Axes.Select(a => a.Objectives.Count));
        Assert.Equal(23, plan.Axes.Sum(a => a.Objectives.Count));
        Assert.Equal(23, actions.Count);
        Assert.Equal(67, actions.Sum(a => a.Indicators.Count));
        Assert.All(actions.SelectMany(a => a.Indicators), i => Assert.Equal((0d, 0d, ""), (i.Baseline, i.Target, i.Unit)));
        Assert.Equal(12, actions.Count(a => a.TargetPublic != ""));
    }

    [Fact]
    public async Task The_demandeurs_d_emploi_action_is_transcribed_exactly()
    {
        await using var harness = await SignatoriesHarness.StartSqliteAsync();
        await harness.Conventions.LoadDemoDataAsync(new LoadDemoDataRequest());
        var plan = await harness.ActionPlans.GetActionPlanAsync(new GetActionPlanRequest { ConventionId = Id });

        var axis = plan.Axes[3];
        Assert.Equal("Formation & Professionnalisation", axis.Title);
        var action = Assert.Single(axis.Objectives[1].Actions);
        Assert.Equal("vm-2026-axe-4-obj-2-act-1", action.ActionId);
        Assert.Equal("Faciliter l'accès des demandeurs d'emploi à l'accueil petite enfance et au métier d'assistant maternel", action.Title);
        Assert.Equal("Relais Petite Enfance du Val de Morteau (RPE)", action.Pilot);
        Assert.Equal(new[] { "RPE", "France Travail", "Crèche le Chat Perché AVIP", "Assistants maternels" }, action.Partners);
        Assert.Equal("demandeurs d'emploi", action.TargetPublic);
        Assert.Equal(D.Of(2030, 12, 31), action.Deadline);
        Assert.Equal(
            new[] { "Nombre de participants aux réunions d'information", "Nombre de demandes d'accueil en crèche", "Nombre de vocations d'assistants maternels déclenchées" },
            action.Indicators.Select(i => i.Name));
        Assert.Equal(new[] { "vm-2026-axe-4-obj-2-act-1-ind-1", "vm-2026-axe-4-obj-2-act-1-ind-2", "vm-2026-axe-4-obj-2-act-1-ind-3" },
            action.Indicators.Select(i => i.IndicatorId));
    }

    [Fact]
    public async Task The_convention_is_a_draft_of_the_caf_du_doubs_and_the_epci_over_the_three_communes_the_seed_names()
    {
        await using var harness = await SignatoriesHarness.StartSqliteAsync();
        await harness.Conventions.LoadDemoDataAsync(new LoadDemoDataRequest());

        var convention = await harness.Conventions.GetConventionAsync(new GetConventionRequest { ConventionId = Id, AsOf = D.Of(2026, 6, 1) });

        Assert.Equal(ConventionStatus.Draft, convention.Status);
        Assert.Equal("25", convention.CafDepartement);
        Assert.Equal((D.Of(2026, 1, 1), D.Of(2030, 12, 31)), (convention.Period.Start, convention.Period.End));
        Assert.Equal(new[] { ("25411", "Morteau", 6953L), ("25321", "Villers-le-Lac", 5292L), ("25403", "Montlebon", 2244L) },
            convention.Territory.Communes.Select(c => (c.InseeCode, c.Name, c.LegalPopulation)));
        Assert.Equal(new[] { (SignatoryKind.Caf, "Caisse d'allocations familiales du Doubs"), (SignatoryKind.Epci, "Communauté de communes du Val de Morteau") },
            convention.Signatories.Select(s => (s.Kind, s.Name)));
    }
}
