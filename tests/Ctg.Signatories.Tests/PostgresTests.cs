using System.Text.Json;
using Ctg.Signatories.V1;
using Ctg.Testing;
using Grpc.Core;

namespace Ctg.Signatories.Tests;

/// <summary>The core flows again on PostgreSQL (the production database), through the same gRPC API.</summary>
public sealed class PostgresTests
{
    private const string Id = "ctg-25-pg";

    [PostgresFact]
    public async Task Draft_sign_amend_and_terminate_with_their_events()
    {
        await using var harness = await SignatoriesHarness.StartPostgresAsync();
        await Scenario.SignedAsync(harness, Id);
        await harness.Conventions.AmendConventionAsync(new AmendConventionRequest
        {
            ConventionId = Id,
            Amendment = new Amendment
            {
                Number = 1, Dated = D.Of(2025, 6, 12), EffectiveOn = D.Of(2025, 7, 1), Description = "Ajout d'Audincourt",
                CommunesAdded = { Scenario.Commune("25031", "Audincourt", 14071) },
            },
        });
        var terminated = await harness.Conventions.TerminateConventionAsync(new TerminateConventionRequest
        {
            ConventionId = Id, Kind = TerminationKind.MutualConsent, NotifiedOn = D.Of(2026, 3, 15), Reason = "Fusion",
        });

        Assert.Equal(D.Of(2026, 9, 15), terminated.Termination.EffectiveOn);
        Assert.Equal(11, terminated.Version);
        var before = await harness.Conventions.GetConventionAsync(new GetConventionRequest { ConventionId = Id, AsOf = D.Of(2025, 6, 30) });
        Assert.Equal((ConventionStatus.Active, 3), (before.Status, before.Territory.Communes.Count));
        var after = await harness.Conventions.GetConventionAsync(new GetConventionRequest { ConventionId = Id, AsOf = D.Of(2026, 9, 15) });
        Assert.Equal((ConventionStatus.Terminated, 4), (after.Status, after.Territory.Communes.Count));
        var view = await harness.Directory.GetSignatoryAsync(new GetSignatoryRequest { SignatoryId = Id + "-caf", AsOf = D.Of(2026, 1, 1) });
        Assert.Equal(ConventionStatus.Active, view.ConventionStatus);

        Assert.Equal(new[] { "signatories.convention-signed.v1", "signatories.convention-amended.v1", "signatories.convention-terminated.v1" },
            (await harness.OutboxAsync()).Select(e => e.Topic));
        Assert.Equal(11, await harness.CountAsync("convention_versions"));

        Assert.Equal(new[] { "convention_id" }, await Expect.StatusAsync(StatusCode.FailedPrecondition,
            () => harness.Conventions.AmendConventionAsync(new AmendConventionRequest
            {
                ConventionId = Id,
                Amendment = new Amendment { Number = 2, Dated = D.Of(2026, 10, 1), EffectiveOn = D.Of(2026, 10, 1), Description = "trop tard" },
            }).ResponseAsync));
    }

    /// <summary>The CAF filter is a list condition, which PostgreSQL reads only as <c>= ANY(...)</c>: a CAF's staff
    /// member lists and reads on PostgreSQL exactly as on SQLite (see <see cref="CafScopingTests"/>).</summary>
    [PostgresFact]
    public async Task A_CAF_restricted_caller_sees_only_its_CAF_on_postgres()
    {
        await using var harness = await SignatoriesHarness.StartPostgresAsync();
        await harness.Conventions.LoadDemoDataAsync(new LoadDemoDataRequest());
        var jura = harness.As("ordonnateur2");

        var list = await jura.Conventions.ListConventionsAsync(new ListConventionsRequest());

        Assert.Equal(new[] { "ctg-39-jura-nord-2019", "ctg-39-val-damour-2025" }, list.Conventions.Select(c => c.ConventionId));
        Assert.Equal(2, list.Page.TotalSize);
        await Expect.StatusAsync(StatusCode.NotFound,
            () => jura.Conventions.GetConventionAsync(new GetConventionRequest { ConventionId = "ctg-25-pays-de-montbeliard-2023" }).ResponseAsync);
    }

    [PostgresFact]
    public async Task Competence_questions_of_many_CTGs_load_their_conventions_in_one_query_on_postgres()
    {
        await using var harness = await SignatoriesHarness.StartPostgresAsync();
        await Scenario.SignedAsync(harness, Id);
        var question = new ListCompetenceHoldersRequest
        {
            ConventionId = Id, Scope = new CompetenceScope { Field = FieldOfIntervention.Jeunesse }, AsOf = D.Of(2025, 3, 1),
            CommuneInseeCodes = { Scenario.Seloncourt },
        };
        var unknown = question.Clone();
        unknown.ConventionId = "ctg-99-inconnue";

        var answers = await harness.Competences.ListCompetenceHoldersOfManyAsync(new ListCompetenceHoldersOfManyRequest { Questions = { question, unknown } });
        var jura = await harness.As("ordonnateur2").Competences.ListCompetenceHoldersOfManyAsync(new ListCompetenceHoldersOfManyRequest { Questions = { question } });

        Assert.Equal([true, false], answers.Answers.Select(a => a.ConventionFound));
        Assert.Equal((await harness.Competences.ListCompetenceHoldersAsync(question)).Communes, answers.Answers[0].Communes);
        Assert.False(Assert.Single(jura.Answers).ConventionFound);
    }

    [PostgresFact]
    public async Task Bad_input_writes_nothing()
    {
        await using var harness = await SignatoriesHarness.StartPostgresAsync();
        var request = Scenario.Draft(Id);
        request.Territory.Communes[2].InseeCode = "2C004";

        Assert.Equal(new[] { "territory.communes[2].insee_code" }, await Expect.StatusAsync(StatusCode.InvalidArgument,
            () => harness.Conventions.CreateConventionDraftAsync(request).ResponseAsync));
        Assert.Equal(0, await harness.CountAsync("conventions"));

        await Scenario.DraftWithPartiesAsync(harness, Id);
        Assert.Equal(new[] { "signed_on" }, await Expect.StatusAsync(StatusCode.FailedPrecondition,
            () => harness.Conventions.SignConventionAsync(new SignConventionRequest { ConventionId = Id, SignatoryId = Id + "-caf", SignedOn = D.Of(2024, 1, 1) }).ResponseAsync));
        Assert.Equal(5, (await harness.Conventions.GetConventionAsync(new GetConventionRequest { ConventionId = Id })).Version);
        Assert.Empty(await harness.OutboxAsync());
    }

    [PostgresFact]
    public async Task Concurrent_edits_of_the_same_version_one_wins_the_others_are_aborted()
    {
        await using var harness = await SignatoriesHarness.StartPostgresAsync();
        await ConcurrencyScenario.RaceAsync(harness, Id);
    }

    [PostgresFact]
    public async Task Demo_data_loads_once_and_the_pma_ao_obligations_follow_the_2026_rpe_rule()
    {
        await using var harness = await SignatoriesHarness.StartPostgresAsync();
        Assert.Equal(5, (await harness.Conventions.LoadDemoDataAsync(new LoadDemoDataRequest())).LoadedConventionIds.Count);
        Assert.Equal(5, (await harness.Conventions.LoadDemoDataAsync(new LoadDemoDataRequest())).SkippedConventionIds.Count);

        var in2025 = await harness.Competences.GetAoObligationsAsync(new GetAoObligationsRequest { ConventionId = "ctg-25-pays-de-montbeliard-2023", AsOf = D.Of(2025, 12, 31) });
        var in2026 = await harness.Competences.GetAoObligationsAsync(new GetAoObligationsRequest { ConventionId = "ctg-25-pays-de-montbeliard-2023", AsOf = D.Of(2026, 1, 1) });

        Assert.Equal(3, in2025.Communes.Sum(c => c.Unmet.Count));
        Assert.Equal(6, in2026.Communes.Sum(c => c.Unmet.Count));
        Assert.Equal(12, in2026.Communes.Count(c => c.Obligations.Count == 4));
    }

    [PostgresFact]
    public async Task Concurrent_demo_data_loads_load_each_convention_once()
    {
        await using var harness = await SignatoriesHarness.StartPostgresAsync();

        var responses = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => harness.Conventions.LoadDemoDataAsync(new LoadDemoDataRequest()).ResponseAsync));

        Assert.Equal(5, responses.SelectMany(r => r.LoadedConventionIds).Count());
        Assert.Equal(5, responses.SelectMany(r => r.LoadedConventionIds).Distinct().Count());
        Assert.All(responses, r => Assert.Equal(5, r.LoadedConventionIds.Count + r.SkippedConventionIds.Count));
        Assert.Equal(5, await harness.CountAsync("conventions"));
        Assert.Equal(5, await harness.CountAsync("action_plans"));
        Assert.Single(await harness.OutboxAsync(), e => e.Topic == "signatories.convention-signed.v1");
    }

    [PostgresFact]
    public async Task Competences_and_action_plan_on_postgres()
    {
        await using var harness = await SignatoriesHarness.StartPostgresAsync();
        await Scenario.SignedAsync(harness, Id);
        await harness.Competences.TransferCompetenceAsync(new TransferCompetenceRequest
        {
            ConventionId = Id, Scope = new CompetenceScope { AoCompetence = AoCompetence.InformerAccompagner }, CommuneInseeCode = Scenario.Arbouans,
            ToSignatoryId = Id + "-epci", Extent = TransferExtent.Whole, EffectiveOn = D.Of(2025, 9, 1),
        });
        var holders = await harness.Competences.GetCompetenceHoldersAsync(new GetCompetenceHoldersRequest
        {
            ConventionId = Id, Scope = new CompetenceScope { AoCompetence = AoCompetence.InformerAccompagner }, CommuneInseeCode = Scenario.Arbouans, AsOf = D.Of(2025, 9, 1),
        });
        Assert.Equal(Id + "-epci", Assert.Single(holders.Holders).SignatoryId);

        await harness.ActionPlans.AddAxisAsync(new AddAxisRequest { ConventionId = Id, AxisId = "axe-1", Title = "Axe 1" });
        await harness.ActionPlans.AddObjectiveAsync(new AddObjectiveRequest { ConventionId = Id, AxisId = "axe-1", ObjectiveId = "obj-1", Title = "Objectif 1" });
        await harness.ActionPlans.AddActionAsync(new AddActionRequest
        {
            ConventionId = Id, ObjectiveId = "obj-1",
            Action = new ActionSheet { ActionId = "act-1", Title = "Action 1", Pilot = "CAF", TargetPublic = "Familles", Deadline = D.Of(2027, 12, 31) },
        });
        var plan = await harness.ActionPlans.RecordActionStatusAsync(new RecordActionStatusRequest
        {
            ConventionId = Id, ActionId = "act-1", ExpectedVersion = 3,
            Update = new ActionStatusUpdate { Year = 2025, Quarter = 3, Status = ActionStatus.Done, RecordedOn = D.Of(2025, 10, 2) },
        });
        Assert.Equal(4, plan.Version);

        var topics = (await harness.OutboxAsync()).Select(e => e.Topic).ToList();
        Assert.Contains("signatories.competence-transferred.v1", topics);
        var statusEvent = (await harness.OutboxAsync()).Single(e => e.Topic == "signatories.action-status-updated.v1");
        using var payload = JsonDocument.Parse(statusEvent.Data);
        Assert.Equal("Done", payload.RootElement.GetProperty("status").GetString());
    }
}
