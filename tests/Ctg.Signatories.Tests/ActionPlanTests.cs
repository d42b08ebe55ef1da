using System.Text.Json;
using Ctg.Signatories.V1;
using Grpc.Core;

namespace Ctg.Signatories.Tests;

public sealed class ActionPlanTests
{
    private const string Id = "ctg-25-plan";

    private static ActionSheet MicroCreche() => new()
    {
        ActionId = "act-micro-creche",
        Title = "Optimiser le taux d'occupation réel de la micro-crèche",
        Pilot = Id + "-epci",
        Partners = { "CAF du Doubs", "PMI" },
        TargetPublic = "Familles avec enfants de moins de 3 ans",
        Deadline = D.Of(2029, 12, 31),
        Indicators = { new Indicator { IndicatorId = "taux-occupation", Name = "Taux d'occupation réel", Unit = "%", Baseline = 48, Target = 63 } },
    };

    private static async Task<ActionPlan> PlanWithOneActionAsync(SignatoriesHarness harness)
    {
        await Scenario.SignedAsync(harness, Id);
        await harness.ActionPlans.AddAxisAsync(new AddAxisRequest { ConventionId = Id, AxisId = "axe-2", Title = "Maintenir, optimiser et enrichir l'offre de service" });
        await harness.ActionPlans.AddObjectiveAsync(new AddObjectiveRequest { ConventionId = Id, AxisId = "axe-2", ObjectiveId = "obj-2-1", Title = "Optimiser le fonctionnement des services" });
        return await harness.ActionPlans.AddActionAsync(new AddActionRequest { ConventionId = Id, ObjectiveId = "obj-2-1", Action = MicroCreche() });
    }

    [Fact]
    public async Task Axes_objectives_and_actions_form_the_plan()
    {
        await using var harness = await SignatoriesHarness.StartSqliteAsync();

        var plan = await PlanWithOneActionAsync(harness);

        Assert.Equal(3, plan.Version);
        var action = plan.Axes.Single().Objectives.Single().Actions.Single();
        Assert.Equal(("act-micro-creche", Id + "-epci", 2, D.Of(2029, 12, 31)), (action.ActionId, action.Pilot, action.Partners.Count, action.Deadline));
        Assert.Equal((48d, 63d), (action.Indicators[0].Baseline, action.Indicators[0].Target));
        Assert.Equal(ActionStatus.NotStarted, action.CurrentStatus);
    }

    [Fact]
    public async Task Quarterly_updates_are_kept_and_answer_as_of_a_date()
    {
        await using var harness = await SignatoriesHarness.StartSqliteAsync();
        await PlanWithOneActionAsync(harness);

        await harness.ActionPlans.RecordActionStatusAsync(new RecordActionStatusRequest
        {
            ConventionId = Id, ActionId = "act-micro-creche",
            Update = new ActionStatusUpdate { Year = 2025, Quarter = 1, Status = ActionStatus.InProgress, Comment = "Commission d'attribution revue", RecordedOn = D.Of(2025, 4, 8),
                IndicatorValues = { new IndicatorValue { IndicatorId = "taux-occupation", Value = 52.5 } } },
        });
        await harness.ActionPlans.RecordActionStatusAsync(new RecordActionStatusRequest
        {
            ConventionId = Id, ActionId = "act-micro-creche",
            Update = new ActionStatusUpdate { Year = 2025, Quarter = 2, Status = ActionStatus.Delayed, RecordedOn = D.Of(2025, 7, 10) },
        });

        async Task<ActionSheet> ActionAsOf(int year, int month, int day) =>
            (await harness.ActionPlans.GetActionPlanAsync(new GetActionPlanRequest { ConventionId = Id, AsOf = D.Of(year, month, day) }))
            .Axes[0].Objectives[0].Actions[0];

        Assert.Equal(ActionStatus.NotStarted, (await ActionAsOf(2025, 4, 7)).CurrentStatus);
        var april = await ActionAsOf(2025, 4, 8);
        Assert.Equal(ActionStatus.InProgress, april.CurrentStatus);
        Assert.Equal(52.5, Assert.Single(april.StatusUpdates).IndicatorValues[0].Value);
        var july = await ActionAsOf(2025, 7, 10);
        Assert.Equal(ActionStatus.Delayed, july.CurrentStatus);
        Assert.Equal(2, july.StatusUpdates.Count);

        var events = (await harness.OutboxAsync()).Where(e => e.Topic == "signatories.action-status-updated.v1").ToList();
        Assert.Equal(2, events.Count);
        using var payload = JsonDocument.Parse(events[0].Data);
        var root = payload.RootElement;
        Assert.Equal(("axe-2", "obj-2-1", "act-micro-creche", 2025, 1, "InProgress"),
            (root.GetProperty("axisId").GetString(), root.GetProperty("objectiveId").GetString(), root.GetProperty("actionId").GetString(),
                root.GetProperty("year").GetInt32(), root.GetProperty("quarter").GetInt32(), root.GetProperty("status").GetString()));
        var value = root.GetProperty("indicatorValues")[0];
        Assert.Equal((48d, 63d, 52.5), (value.GetProperty("baseline").GetDouble(), value.GetProperty("target").GetDouble(), value.GetProperty("value").GetDouble()));
    }

    [Fact]
    public async Task Bad_status_updates_are_refused()
    {
        await using var harness = await SignatoriesHarness.StartSqliteAsync();
        await PlanWithOneActionAsync(harness);
        var update = new ActionStatusUpdate { Year = 2025, Quarter = 1, Status = ActionStatus.InProgress, RecordedOn = D.Of(2025, 4, 8) };
        await harness.ActionPlans.RecordActionStatusAsync(new RecordActionStatusRequest { ConventionId = Id, ActionId = "act-micro-creche", Update = update });

        Assert.Equal(new[] { "update.quarter" }, await Expect.StatusAsync(StatusCode.AlreadyExists,
            () => harness.ActionPlans.RecordActionStatusAsync(new RecordActionStatusRequest { ConventionId = Id, ActionId = "act-micro-creche", Update = update }).ResponseAsync));
        Assert.Equal(new[] { "update.quarter", "update.status" }, await Expect.StatusAsync(StatusCode.InvalidArgument,
            () => harness.ActionPlans.RecordActionStatusAsync(new RecordActionStatusRequest
            {
                ConventionId = Id, ActionId = "act-micro-creche", Update = new ActionStatusUpdate { Year = 2025, Quarter = 5 },
            }).ResponseAsync));
        Assert.Equal(new[] { "update.year" }, await Expect.StatusAsync(StatusCode.FailedPrecondition,
            () => harness.ActionPlans.RecordActionStatusAsync(new RecordActionStatusRequest
            {
                ConventionId = Id, ActionId = "act-micro-creche", Update = new ActionStatusUpdate { Year = 2030, Quarter = 1, Status = ActionStatus.Done, RecordedOn = D.Of(2030, 4, 1) },
            }).ResponseAsync));
        Assert.Equal(new[] { "update.indicator_values[0].indicator_id" }, await Expect.StatusAsync(StatusCode.FailedPrecondition,
            () => harness.ActionPlans.RecordActionStatusAsync(new RecordActionStatusRequest
            {
                ConventionId = Id, ActionId = "act-micro-creche",
                Update = new ActionStatusUpdate { Year = 2025, Quarter = 2, Status = ActionStatus.Done, RecordedOn = D.Of(2025, 7, 1), IndicatorValues = { new IndicatorValue { IndicatorId = "nope", Value = 1 } } },
            }).ResponseAsync));
        await Expect.StatusAsync(StatusCode.NotFound,
            () => harness.ActionPlans.RecordActionStatusAsync(new RecordActionStatusRequest { ConventionId = Id, ActionId = "unknown", Update = update }).ResponseAsync);

        Assert.Single(await harness.OutboxAsync(), e => e.Topic == "signatories.action-status-updated.v1");
    }

    [Fact]
    public async Task Bad_actions_are_refused()
    {
        await using var harness = await SignatoriesHarness.StartSqliteAsync();
        await PlanWithOneActionAsync(harness);

        var incomplete = new ActionSheet { Title = "Sans pilote", Deadline = D.Of(2026, 2, 30), Indicators = { new Indicator { Name = "" } } };
        Assert.Equal(new[] { "action.pilot", "action.deadline", "action.indicators[0].name" }, await Expect.StatusAsync(StatusCode.InvalidArgument,
            () => harness.ActionPlans.AddActionAsync(new AddActionRequest { ConventionId = Id, ObjectiveId = "obj-2-1", Action = incomplete }).ResponseAsync));

        var late = MicroCreche();
        late.ActionId = "late";
        late.Deadline = D.Of(2030, 6, 30);
        Assert.Equal(new[] { "action.deadline" }, await Expect.StatusAsync(StatusCode.FailedPrecondition,
            () => harness.ActionPlans.AddActionAsync(new AddActionRequest { ConventionId = Id, ObjectiveId = "obj-2-1", Action = late }).ResponseAsync));

        Assert.Equal(new[] { "action.action_id" }, await Expect.StatusAsync(StatusCode.AlreadyExists,
            () => harness.ActionPlans.AddActionAsync(new AddActionRequest { ConventionId = Id, ObjectiveId = "obj-2-1", Action = MicroCreche() }).ResponseAsync));
        await Expect.StatusAsync(StatusCode.NotFound,
            () => harness.ActionPlans.AddObjectiveAsync(new AddObjectiveRequest { ConventionId = Id, AxisId = "axe-9", Title = "x" }).ResponseAsync);
        await Expect.StatusAsync(StatusCode.Aborted,
            () => harness.ActionPlans.AddAxisAsync(new AddAxisRequest { ConventionId = Id, ExpectedVersion = 1, Title = "stale" }).ResponseAsync);
        Assert.Equal(3, (await harness.ActionPlans.GetActionPlanAsync(new GetActionPlanRequest { ConventionId = Id })).Version);
    }

    [Fact]
    public async Task The_final_review_follows_the_mid_term_review()
    {
        await using var harness = await SignatoriesHarness.StartSqliteAsync();
        await PlanWithOneActionAsync(harness);
        var final = new Review { Kind = ReviewKind.Final, HeldOn = D.Of(2029, 11, 20), Summary = "Bilan final" };

        Assert.Equal(new[] { "review.kind" }, await Expect.StatusAsync(StatusCode.FailedPrecondition,
            () => harness.ActionPlans.RecordReviewAsync(new RecordReviewRequest { ConventionId = Id, Review = final }).ResponseAsync));

        await harness.ActionPlans.RecordReviewAsync(new RecordReviewRequest
        {
            ConventionId = Id, Review = new Review { Kind = ReviewKind.MidTerm, HeldOn = D.Of(2027, 6, 15), Summary = "Bilan intermédiaire : 12 actions sur 31 engagées" },
        });
        Assert.Equal(new[] { "review.kind" }, await Expect.StatusAsync(StatusCode.FailedPrecondition,
            () => harness.ActionPlans.RecordReviewAsync(new RecordReviewRequest
            {
                ConventionId = Id, Review = new Review { Kind = ReviewKind.MidTerm, HeldOn = D.Of(2027, 7, 1), Summary = "again" },
            }).ResponseAsync));
        var plan = await harness.ActionPlans.RecordReviewAsync(new RecordReviewRequest { ConventionId = Id, Review = final });

        Assert.Equal(new[] { ReviewKind.MidTerm, ReviewKind.Final }, plan.Reviews.Select(r => r.Kind));
        var asOf2028 = await harness.ActionPlans.GetActionPlanAsync(new GetActionPlanRequest { ConventionId = Id, AsOf = D.Of(2028, 1, 1) });
        Assert.Equal(ReviewKind.MidTerm, Assert.Single(asOf2028.Reviews).Kind);
    }

    [Fact]
    public async Task The_plan_of_an_unknown_convention_is_not_found()
    {
        await using var harness = await SignatoriesHarness.StartSqliteAsync();

        await Expect.StatusAsync(StatusCode.NotFound,
            () => harness.ActionPlans.GetActionPlanAsync(new GetActionPlanRequest { ConventionId = "nope" }).ResponseAsync);
        await Expect.StatusAsync(StatusCode.NotFound,
            () => harness.ActionPlans.AddAxisAsync(new AddAxisRequest { ConventionId = "nope", Title = "x" }).ResponseAsync);
    }
}
