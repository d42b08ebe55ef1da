using Ctg.Signatories.V1;
using Grpc.Core;

namespace Ctg.Signatories.Tests;

/// <summary>Two objective levels, fiches whose échéance is not a date, and the annual points d'étape.</summary>
public sealed class ActionPlanLevelsAndCheckpointsTests
{
    private const string Id = "ctg-25-plan-niveaux";

    [Fact]
    public async Task A_specific_objective_hangs_under_a_general_one_of_its_axis_and_a_fiche_may_keep_its_echeance_in_words()
    {
        await using var harness = await SignatoriesHarness.StartSqliteAsync();
        await harness.Conventions.CreateConventionDraftAsync(Scenario.Draft(Id));
        await harness.ActionPlans.AddAxisAsync(new AddAxisRequest { ConventionId = Id, AxisId = "axe-1", Title = "Maintenir, optimiser et enrichir l'offre de service" });
        await harness.ActionPlans.AddObjectiveAsync(new AddObjectiveRequest { ConventionId = Id, AxisId = "axe-1", ObjectiveId = "og-1", Title = "Optimiser le fonctionnement des services", Level = ObjectiveLevel.General });

        Assert.Equal(new[] { "parent_objective_id" }, await Expect.StatusAsync(StatusCode.InvalidArgument, () => harness.ActionPlans.AddObjectiveAsync(new AddObjectiveRequest
        {
            ConventionId = Id, AxisId = "axe-1", ObjectiveId = "x", Title = "Général avec parent", Level = ObjectiveLevel.General, ParentObjectiveId = "og-1",
        }).ResponseAsync));
        Assert.Equal(new[] { "parent_objective_id" }, await Expect.StatusAsync(StatusCode.FailedPrecondition, () => harness.ActionPlans.AddObjectiveAsync(new AddObjectiveRequest
        {
            ConventionId = Id, AxisId = "axe-1", ObjectiveId = "x", Title = "Parent inconnu", Level = ObjectiveLevel.Specific, ParentObjectiveId = "og-9",
        }).ResponseAsync));

        var plan = await harness.ActionPlans.AddObjectiveAsync(new AddObjectiveRequest
        {
            ConventionId = Id, AxisId = "axe-1", ObjectiveId = "os-1", Title = "Optimiser le taux d'occupation réel de la micro-crèche", Level = ObjectiveLevel.Specific,
            ParentObjectiveId = "og-1", Indicators = { new Indicator { Name = "Taux d'occupation réel", Unit = "%", Target = 63, TargetYear = 2029 } },
        });
        var specific = plan.Axes[0].Objectives[1];
        Assert.Equal((ObjectiveLevel.Specific, "og-1", "os-1-ind1"), (specific.Level, specific.ParentObjectiveId, specific.Indicators[0].IndicatorId));

        Assert.Equal(new[] { "action.deadline" }, await Expect.StatusAsync(StatusCode.InvalidArgument, () => harness.ActionPlans.AddActionAsync(new AddActionRequest
        {
            ConventionId = Id, ObjectiveId = "os-1", Action = new ActionSheet { Title = "Sans échéance", Pilot = "CCVA" },
        }).ResponseAsync));
        plan = await harness.ActionPlans.AddActionAsync(new AddActionRequest
        {
            ConventionId = Id, ObjectiveId = "os-1", Action = new ActionSheet { ActionId = "a-1", Title = "Formation des équipes", Pilot = "CCVA", Schedule = "annuelle" },
        });
        Assert.Null(plan.Axes[0].Objectives[1].Actions[0].Deadline);
    }

    [Fact]
    public async Task One_point_d_etape_a_year_within_the_period_beside_the_mid_term_and_final_reviews()
    {
        await using var harness = await SignatoriesHarness.StartSqliteAsync();
        await harness.Conventions.CreateConventionDraftAsync(Scenario.Draft(Id));

        Review Checkpoint(int year, int month) => new() { Kind = ReviewKind.AnnualCheckpoint, HeldOn = D.Of(year, month, 15), Summary = $"Point d'étape {year}" };
        await harness.ActionPlans.RecordReviewAsync(new RecordReviewRequest { ConventionId = Id, Review = Checkpoint(2025, 12) });
        await harness.ActionPlans.RecordReviewAsync(new RecordReviewRequest { ConventionId = Id, Review = Checkpoint(2026, 11) });
        await harness.ActionPlans.RecordReviewAsync(new RecordReviewRequest
        {
            ConventionId = Id, Review = new Review { Kind = ReviewKind.MidTerm, HeldOn = D.Of(2027, 6, 1), Summary = "Bilan intermédiaire" },
        });

        Assert.Equal(new[] { "review.held_on" }, await Expect.StatusAsync(StatusCode.FailedPrecondition, () =>
            harness.ActionPlans.RecordReviewAsync(new RecordReviewRequest { ConventionId = Id, Review = Checkpoint(2026, 12) }).ResponseAsync));
        Assert.Equal(new[] { "review.held_on" }, await Expect.StatusAsync(StatusCode.FailedPrecondition, () =>
            harness.ActionPlans.RecordReviewAsync(new RecordReviewRequest { ConventionId = Id, Review = Checkpoint(2030, 3) }).ResponseAsync));
        var plan = await harness.ActionPlans.GetActionPlanAsync(new GetActionPlanRequest { ConventionId = Id, AsOf = D.Of(2028, 1, 1) });
        Assert.Equal(new[] { ReviewKind.AnnualCheckpoint, ReviewKind.AnnualCheckpoint, ReviewKind.MidTerm }, plan.Reviews.Select(r => r.Kind));
        Assert.Equal(3, plan.Version);
    }

    [Fact]
    public async Task Declared_counts_need_a_source_and_are_never_negative()
    {
        await using var harness = await SignatoriesHarness.StartSqliteAsync();
        await harness.Conventions.CreateConventionDraftAsync(Scenario.Draft(Id));

        Assert.Equal(new[] { "declared.actions", "declared.source" }, await Expect.StatusAsync(StatusCode.InvalidArgument, () =>
            harness.ActionPlans.SetDeclaredCountsAsync(new SetDeclaredCountsRequest { ConventionId = Id, Declared = new DeclaredCounts { Axes = 3, Actions = -1 } }).ResponseAsync));
        var plan = await harness.ActionPlans.SetDeclaredCountsAsync(new SetDeclaredCountsRequest
        {
            ConventionId = Id, Declared = new DeclaredCounts { Axes = 3, GeneralObjectives = 7, SpecificObjectives = 20, Actions = 31, Source = "seed 000 l.92" },
        });
        Assert.Equal((3, 7, 20, 31, 1L), (plan.Declared.Axes, plan.Declared.GeneralObjectives, plan.Declared.SpecificObjectives, plan.Declared.Actions, plan.Version));
    }
}
