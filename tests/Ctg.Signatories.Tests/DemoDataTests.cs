using Ctg.Signatories.V1;

namespace Ctg.Signatories.Tests;

public sealed class DemoDataTests
{
    private static readonly string[] AllIds =
        ["ctg-39-jura-nord-2019", "ctg-25-pays-de-montbeliard-2023", "ctg-38-bievre-isere-2022", "ctg-39-val-damour-2025", "ctg-25-val-de-morteau-2026"];

    [Fact]
    public async Task Loading_the_demo_data_twice_loads_it_once()
    {
        await using var harness = await SignatoriesHarness.StartSqliteAsync();

        var first = await harness.Conventions.LoadDemoDataAsync(new LoadDemoDataRequest());
        var eventsAfterFirst = (await harness.OutboxAsync()).Count;
        var second = await harness.Conventions.LoadDemoDataAsync(new LoadDemoDataRequest());

        Assert.Equal(AllIds, first.LoadedConventionIds);
        Assert.Empty(first.SkippedConventionIds);
        Assert.Empty(second.LoadedConventionIds);
        Assert.Equal(AllIds, second.SkippedConventionIds);
        Assert.Equal(5, await harness.CountAsync("conventions"));
        Assert.Equal(5, await harness.CountAsync("action_plans"));
        Assert.Equal(1, (await harness.ActionPlans.GetActionPlanAsync(new GetActionPlanRequest { ConventionId = "ctg-25-val-de-morteau-2026" })).Version);
        Assert.Equal(1, (await harness.ActionPlans.GetActionPlanAsync(new GetActionPlanRequest { ConventionId = "ctg-39-val-damour-2025" })).Version);
        Assert.Equal(eventsAfterFirst, (await harness.OutboxAsync()).Count);
        // 1 convention-signed and 5 competence-granted (Jura Nord), 4 governance-changed, 3 annexes-changed, 5 action-plan-changed.
        Assert.Equal(18, eventsAfterFirst);
    }

    [Fact]
    public async Task Jura_Nord_2019_is_signed_on_20_december_2019_active_then_expired()
    {
        await using var harness = await SignatoriesHarness.StartSqliteAsync();
        await harness.Conventions.LoadDemoDataAsync(new LoadDemoDataRequest());

        async Task<Convention> AsOf(int year, int month, int day) =>
            await harness.Conventions.GetConventionAsync(new GetConventionRequest { ConventionId = "ctg-39-jura-nord-2019", AsOf = D.Of(year, month, day) });

        Assert.Equal(ConventionStatus.Draft, (await AsOf(2019, 12, 19)).Status);
        var active = await AsOf(2020, 6, 1);
        Assert.Equal(ConventionStatus.Active, active.Status);
        Assert.Equal(D.Of(2019, 12, 20), active.SignedOn);
        Assert.Equal(ConventionStatus.Expired, (await AsOf(2024, 1, 1)).Status);
        Assert.Equal("39", active.CafDepartement);
        Assert.Equal(32, active.Territory.Communes.Count);
        Assert.Equal(new[] { SignatoryKind.Caf, SignatoryKind.Epci }, active.Signatories.Select(s => s.Kind));
        var caf = active.Signatories[0];
        Assert.Equal(new[] { "Eric GrosPierre", "Jean-Charles Chambost" }, caf.Representatives.Select(r => r.FullName));
        var epci = active.Signatories[1].Deliberation;
        Assert.Equal(("DCC2019_12_162", D.Of(2019, 12, 18), 44, 35, 4, 39), (epci.Number, epci.Date, epci.MembersInOffice, epci.MembersPresent, epci.MembersRepresented, epci.VotesFor));

        var holders = await harness.Competences.GetCompetenceHoldersAsync(new GetCompetenceHoldersRequest
        {
            ConventionId = "ctg-39-jura-nord-2019", Scope = new CompetenceScope { Field = FieldOfIntervention.PetiteEnfance },
            CommuneInseeCode = "39190", AsOf = D.Of(2020, 6, 1),
        });
        Assert.Equal("ctg-39-jura-nord-2019-cc-jura-nord", Assert.Single(holders.Holders).SignatoryId);
    }

    [Fact]
    public async Task The_other_seed_conventions_are_drafts_with_the_parties_and_counts_of_the_seeds()
    {
        await using var harness = await SignatoriesHarness.StartSqliteAsync();
        await harness.Conventions.LoadDemoDataAsync(new LoadDemoDataRequest());
        var all = (await harness.Conventions.ListConventionsAsync(new ListConventionsRequest { AsOf = D.Of(2025, 6, 1) })).Conventions
            .ToDictionary(c => c.ConventionId);

        var pma = all["ctg-25-pays-de-montbeliard-2023"];
        Assert.Equal(ConventionStatus.Draft, pma.Status);
        Assert.Equal(33, pma.Territory.Communes.Count);
        Assert.Equal(37, pma.Signatories.Count);
        Assert.Equal(2, pma.Signatories.Count(s => s.Kind == SignatoryKind.Sivu));
        Assert.Equal(33, pma.Signatories.Count(s => s.Kind == SignatoryKind.Commune));
        var valentigney = pma.Signatories.Single(s => s.CommuneInseeCode == "25580").Deliberation;
        Assert.Equal(("2023-32", 33, 27, 4, 31), (valentigney.Number, valentigney.MembersInOffice, valentigney.MembersPresent, valentigney.MembersRepresented, valentigney.VotesFor));

        var bievre = all["ctg-38-bievre-isere-2022"];
        Assert.Equal(new[] { SignatoryKind.Caf, SignatoryKind.Departement, SignatoryKind.Msa, SignatoryKind.Epci, SignatoryKind.Commune }, bievre.Signatories.Select(s => s.Kind));
        Assert.Equal(D.Of(2026, 12, 31), bievre.Period.End);

        var valDAmour = all["ctg-39-val-damour-2025"];
        var deliberation = valDAmour.Signatories.Single(s => s.Kind == SignatoryKind.Epci).Deliberation;
        Assert.Equal(("12/2025", D.Of(2025, 2, 10), 40, 38, 1, 39, 0, 0),
            (deliberation.Number, deliberation.Date, deliberation.MembersInOffice, deliberation.MembersPresent, deliberation.MembersRepresented,
                deliberation.VotesFor, deliberation.VotesAgainst, deliberation.VotesAbstaining));
        Assert.Contains(valDAmour.Signatories, s => s.Kind == SignatoryKind.Msa);

        var valDAmourPlan = await harness.ActionPlans.GetActionPlanAsync(new GetActionPlanRequest { ConventionId = "ctg-39-val-damour-2025" });
        Assert.Equal(new[] { 5, 18, 4 }, valDAmourPlan.Axes.Select(a => a.Objectives.Count));
        Assert.Equal("Optimiser le taux d'occupation réel de la micro-crèche pour atteindre 63% d'ici 2029", valDAmourPlan.Axes[1].Objectives[3].Title);
        var bievrePlan = await harness.ActionPlans.GetActionPlanAsync(new GetActionPlanRequest { ConventionId = "ctg-38-bievre-isere-2022" });
        Assert.Equal(12, bievrePlan.Axes.Count);
        Assert.Equal(22, bievrePlan.Axes.Sum(a => a.Objectives.Count));

        var jura = (await harness.Conventions.ListConventionsAsync(new ListConventionsRequest { CafDepartement = "39" })).Conventions;
        Assert.Equal(new[] { "ctg-39-jura-nord-2019", "ctg-39-val-damour-2025" }, jura.Select(c => c.ConventionId));
    }

    [Fact]
    public async Task The_demo_data_can_be_loaded_on_start()
    {
        await using var service = await Ctg.Testing.ServiceUnderTest.StartAsync(SignatoriesApp.Build, new() { ["Signatories:LoadDemoDataOnStart"] = "true" });
        var client = new Ctg.Signatories.V1.Conventions.ConventionsClient(service.Channel);

        var list = await client.ListConventionsAsync(new ListConventionsRequest());

        Assert.Equal(5, list.Conventions.Count);
    }
}

public sealed class ConcurrentDemoDataTests
{
    [Fact]
    public async Task Concurrent_demo_data_loads_load_each_convention_once()
    {
        await using var harness = await SignatoriesHarness.StartSqliteAsync();

        var responses = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => harness.Conventions.LoadDemoDataAsync(new LoadDemoDataRequest()).ResponseAsync));

        Assert.Equal(5, responses.SelectMany(r => r.LoadedConventionIds).Distinct().Count());
        Assert.Equal(5, responses.SelectMany(r => r.LoadedConventionIds).Count());
        Assert.Equal(5, await harness.CountAsync("conventions"));
        Assert.Equal(5, await harness.CountAsync("action_plans"));
        Assert.Equal(1, (await harness.ActionPlans.GetActionPlanAsync(new GetActionPlanRequest { ConventionId = "ctg-25-val-de-morteau-2026" })).Version);
    }
}
