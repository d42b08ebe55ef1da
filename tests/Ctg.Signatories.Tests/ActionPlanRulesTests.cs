using Ctg.Domain;
using Ctg.Signatories.ActionPlans;
using Ctg.Signatories.Conventions;
using Ctg.Signatories.Events;
using Ctg.Signatories.Shared;
using Ctg.Signatories.V1;

namespace Ctg.Signatories.Tests;

/// <summary>Host-free: the action plan's rules on the aggregate alone, against a convention 2025-2029, with the same
/// field paths and error kinds the API answers (ActionPlanTests goes through gRPC) and the events a change publishes.</summary>
public sealed class ActionPlanRulesTests
{
    private const string Id = "ctg-25-plan-regles";

    private static ActionPlanAggregate EmptyPlan()
    {
        var convention = ConventionAggregate.CreateDraft(Scenario.Draft(Id).ToCommand());
        return new ActionPlanAggregate(new ActionPlan { ConventionId = Id }, ConventionSnapshot.Of(convention.Record, DateOnly.MaxValue));
    }

    private static ActionSheet Fiche() => new()
    {
        ActionId = "act-rpe", Title = "Ouvrir un relais petite enfance", Pilot = Id + "-epci", Partners = { "CAF du Doubs" },
        Deadline = new Ctg.Common.V1.Date { Year = 2027, Month = 9, Day = 1 },
        Indicators = { new Indicator { Name = "Assistantes maternelles suivies", Unit = "personnes", Baseline = 0, Target = 40, TargetYear = 2027 } },
    };

    /// <summary>An axis, a general objective with an indicator and the fiche "act-rpe" under it.</summary>
    private static ActionPlanAggregate PlanWithFiche()
    {
        var plan = EmptyPlan();
        plan.AddAxis(new AddAxisCommand("axe-1", "  Petite enfance "));
        plan.AddObjective(new AddObjectiveCommand("axe-1", "obj-1", "Développer l'accueil individuel", ObjectiveLevel.General, "", "seed 004",
            [new IndicatorEntry("", "Places chez les assistantes maternelles", "", null, null, 0, "")]));
        plan.AddAction(new AddActionCommand("obj-1", Fiche().ToEntry()));
        return plan;
    }

    private static ActionStatusUpdate Update(int year, int quarter, ActionStatus status, DateOnly? recordedOn = null)
    {
        var update = new ActionStatusUpdate { Year = year, Quarter = quarter, Status = status };
        if (recordedOn is { } date)
        {
            update.RecordedOn = date.ToProto();
        }

        return update;
    }

    [Fact]
    public void Axes_objectives_and_fiches_are_kept_with_their_generated_indicator_ids_and_publish_the_plan_at_its_next_version()
    {
        var plan = PlanWithFiche();

        var axis = Assert.Single(plan.Plan.Axes);
        Assert.Equal(("axe-1", "Petite enfance"), (axis.AxisId, axis.Title));
        var objective = Assert.Single(axis.Objectives);
        Assert.Equal(("obj-1-ind1", "seed 004"), (Assert.Single(objective.Indicators).IndicatorId, objective.Source));
        var fiche = Assert.Single(objective.Actions);
        Assert.Equal(("act-rpe-ind1", 40d, 2027), (fiche.Indicators[0].IndicatorId, fiche.Indicators[0].Target, fiche.Indicators[0].TargetYear));
        var published = Assert.Single(plan.Events);
        Assert.Equal("signatories.action-plan-changed.v1", published.Topic);
        Assert.Equal(1, plan.NextVersion);
    }

    [Fact]
    public void An_id_is_used_once_in_the_whole_plan_and_a_specific_objectives_parent_is_a_general_objective_of_its_axis()
    {
        var plan = PlanWithFiche();

        Assert.Equal(new[] { "axis_id" }, Assert.Throws<AlreadyExistsError>(() => plan.AddAxis(new AddAxisCommand("obj-1", "Jeunesse"))).Violations.Select(v => v.Field));
        Assert.Equal(new[] { "parent_objective_id" }, Assert.Throws<RuleViolationError>(() => plan.AddObjective(
            new AddObjectiveCommand("axe-1", "obj-2", "Sous-objectif", ObjectiveLevel.General, "obj-1", "", []))).Violations.Select(v => v.Field));
        var parent = Assert.Throws<PreconditionFailedError>(() => plan.AddObjective(
            new AddObjectiveCommand("axe-1", "obj-2", "Sous-objectif", ObjectiveLevel.Specific, "act-rpe", "", [])));
        Assert.Equal("'act-rpe' is not a general objective of axis axe-1", Assert.Single(parent.Violations).Description);
        Assert.Throws<NotFoundError>(() => plan.AddObjective(new AddObjectiveCommand("axe-9", "obj-2", "Ailleurs", ObjectiveLevel.General, "", "", [])));

        plan.AddObjective(new AddObjectiveCommand("axe-1", "obj-2", "Sous-objectif", ObjectiveLevel.Specific, "obj-1", "", []));
        Assert.Equal(new[] { "obj-1", "obj-2" }, plan.Plan.Axes[0].Objectives.Select(o => o.ObjectiveId));
    }

    [Fact]
    public void A_fiche_without_pilot_or_deadline_is_invalid_and_one_due_after_the_convention_does_not_fit_it()
    {
        var plan = PlanWithFiche();
        var incomplete = Fiche();
        incomplete.ActionId = "act-2";
        incomplete.Pilot = " ";
        incomplete.Deadline = null;
        incomplete.Indicators[0].Name = "";

        var invalid = Assert.Throws<RuleViolationError>(() => plan.AddAction(new AddActionCommand("obj-1", incomplete.ToEntry())));
        Assert.Equal(new[] { "action.pilot", "action.deadline", "action.indicators[0].name" }, invalid.Violations.Select(v => v.Field));

        var late = Fiche();
        late.ActionId = "act-3";
        late.Deadline = new Ctg.Common.V1.Date { Year = 2030, Month = 1, Day = 1 };
        var outside = Assert.Throws<PreconditionFailedError>(() => plan.AddAction(new AddActionCommand("obj-1", late.ToEntry())));
        Assert.Equal(("action.deadline", "must fall within the convention (2025-01-01 to 2029-12-31)"), (outside.Violations[0].Field, outside.Violations[0].Description));

        // An échéance in words ("Sur la durée de la CTG") stands for the date.
        var ongoing = Fiche();
        ongoing.ActionId = "act-4";
        ongoing.Deadline = null;
        ongoing.Schedule = "Sur la durée de la CTG";
        plan.AddAction(new AddActionCommand("obj-1", ongoing.ToEntry()));
        Assert.Equal(new[] { "act-rpe", "act-4" }, plan.Plan.Axes[0].Objectives[0].Actions.Select(a => a.ActionId));
    }

    [Fact]
    public void A_quarterly_status_is_recorded_once_dated_today_when_not_given_and_published_with_its_indicator_values()
    {
        var plan = PlanWithFiche();
        var update = Update(2025, 3, ActionStatus.InProgress);
        update.IndicatorValues.Add(new IndicatorValue { IndicatorId = "act-rpe-ind1", Value = 12 });

        plan.RecordActionStatus(new RecordActionStatusCommand("act-rpe", update.ToEntry()), new DateOnly(2025, 10, 6));

        var stored = Assert.Single(plan.Plan.Axes[0].Objectives[0].Actions[0].StatusUpdates);
        Assert.Equal(new DateOnly(2025, 10, 6), stored.RecordedOn.Stored());
        var published = Assert.IsType<ActionStatusUpdated>(plan.Events[0].Event);
        Assert.Equal(("axe-1", "obj-1", "InProgress", 2025, 3), (published.AxisId, published.ObjectiveId, published.Status, published.Year, published.Quarter));
        Assert.Equal(new IndicatorValueData("act-rpe-ind1", "Assistantes maternelles suivies", "personnes", 0, 40, 12), Assert.Single(published.IndicatorValues));
        Assert.Equal(new[] { "signatories.action-status-updated.v1", "signatories.action-plan-changed.v1" }, plan.Events.Select(e => e.Topic));

        var again = Assert.Throws<AlreadyExistsError>(() => plan.RecordActionStatus(
            new RecordActionStatusCommand("act-rpe", Update(2025, 3, ActionStatus.Done).ToEntry()), new DateOnly(2025, 10, 7)));
        Assert.Equal(new[] { "update.quarter" }, again.Violations.Select(v => v.Field));
    }

    [Fact]
    public void A_status_outside_the_convention_before_its_quarter_or_for_an_unknown_indicator_does_not_fit_and_changes_nothing()
    {
        var plan = PlanWithFiche();

        Assert.Equal(new[] { "update.quarter", "update.status" }, Assert.Throws<RuleViolationError>(() => plan.RecordActionStatus(
            new RecordActionStatusCommand("act-rpe", Update(2025, 5, ActionStatus.Unspecified).ToEntry()), new DateOnly(2025, 10, 6))).Violations.Select(v => v.Field));
        Assert.Equal(new[] { "update.year" }, Assert.Throws<PreconditionFailedError>(() => plan.RecordActionStatus(
            new RecordActionStatusCommand("act-rpe", Update(2030, 1, ActionStatus.Done, new DateOnly(2030, 2, 1)).ToEntry()), new DateOnly(2030, 2, 1))).Violations.Select(v => v.Field));
        Assert.Equal(new[] { "update.recorded_on" }, Assert.Throws<PreconditionFailedError>(() => plan.RecordActionStatus(
            new RecordActionStatusCommand("act-rpe", Update(2026, 2, ActionStatus.Done).ToEntry()), new DateOnly(2026, 3, 31))).Violations.Select(v => v.Field));
        var unknown = Update(2025, 3, ActionStatus.InProgress);
        unknown.IndicatorValues.Add(new IndicatorValue { IndicatorId = "obj-1-ind1", Value = 3 });
        Assert.Equal(new[] { "update.indicator_values[0].indicator_id" }, Assert.Throws<PreconditionFailedError>(() => plan.RecordActionStatus(
            new RecordActionStatusCommand("act-rpe", unknown.ToEntry()), new DateOnly(2025, 10, 6))).Violations.Select(v => v.Field));
        Assert.Throws<NotFoundError>(() => plan.RecordActionStatus(new RecordActionStatusCommand("act-inconnue", Update(2025, 3, ActionStatus.Done).ToEntry()), new DateOnly(2025, 10, 6)));

        Assert.Empty(plan.Plan.Axes[0].Objectives[0].Actions[0].StatusUpdates);
        Assert.Equal(new[] { "signatories.action-plan-changed.v1" }, plan.Events.Select(e => e.Topic));
    }

    [Fact]
    public void The_final_review_follows_the_mid_term_review_and_a_point_detape_is_held_once_a_year()
    {
        var plan = EmptyPlan();
        ReviewEntry Held(ReviewKind kind, int year, int month, int day) => new(kind, new DateOnly(year, month, day).ToProto(), "Bilan");

        Assert.Equal(new[] { "review.kind" }, Assert.Throws<PreconditionFailedError>(
            () => plan.RecordReview(new RecordReviewCommand(Held(ReviewKind.Final, 2030, 3, 1)))).Violations.Select(v => v.Field));
        plan.RecordReview(new RecordReviewCommand(Held(ReviewKind.AnnualCheckpoint, 2026, 1, 20)));
        Assert.Equal(new[] { "review.held_on" }, Assert.Throws<PreconditionFailedError>(
            () => plan.RecordReview(new RecordReviewCommand(Held(ReviewKind.AnnualCheckpoint, 2026, 11, 5)))).Violations.Select(v => v.Field));
        plan.RecordReview(new RecordReviewCommand(Held(ReviewKind.MidTerm, 2027, 6, 15)));
        Assert.Equal(new[] { "review.held_on" }, Assert.Throws<PreconditionFailedError>(
            () => plan.RecordReview(new RecordReviewCommand(Held(ReviewKind.Final, 2027, 6, 15)))).Violations.Select(v => v.Field));
        plan.RecordReview(new RecordReviewCommand(Held(ReviewKind.Final, 2030, 3, 1)));

        Assert.Equal(new[] { ReviewKind.AnnualCheckpoint, ReviewKind.MidTerm, ReviewKind.Final }, plan.Plan.Reviews.Select(r => r.Kind));
        Assert.Equal(new[] { "review" }, Assert.Throws<RuleViolationError>(() => plan.RecordReview(new RecordReviewCommand(null!))).Violations.Select(v => v.Field));
    }

    [Fact]
    public void An_indicators_figures_year_and_id_are_checked_on_the_record_and_an_absent_baseline_or_target_is_not_zero()
    {
        var plan = PlanWithFiche();

        var refused = Assert.Throws<RuleViolationError>(() => plan.AddObjective(new AddObjectiveCommand("axe-1", "obj-2", "Accueil", ObjectiveLevel.General, "", "", [
            new IndicatorEntry("ind-a", "Places", "places", double.NaN, double.PositiveInfinity, 1850, ""),
            new IndicatorEntry("ind-a", " ", "", null, null, 0, ""),
            new IndicatorEntry("ind b", "Familles", "", 0, 0, 2029, ""),
        ])));

        Assert.Equal(
            new[] { "indicators[0].baseline", "indicators[0].target", "indicators[0].target_year", "indicators[1].name", "indicators[1].indicator_id", "indicators[2].indicator_id" },
            refused.Violations.Select(v => v.Field));
        Assert.Equal(("is listed twice", "letters, digits, '.', '_' and '-' only, 128 characters at most"), (refused.Violations[4].Description, refused.Violations[5].Description));
        plan.AddObjective(new AddObjectiveCommand("axe-1", "obj-2", "Accueil", ObjectiveLevel.General, "", "",
            [new IndicatorEntry("", "Places", "places", null, 0, 0, "")]));
        var stored = Assert.Single(plan.Plan.Axes[0].Objectives[1].Indicators);
        Assert.Equal(("obj-2-ind1", false, true, 0d), (stored.IndicatorId, stored.HasBaseline, stored.HasTarget, stored.Target));
    }

    [Fact]
    public void A_fiches_empty_partner_and_indicator_a_measure_that_is_no_number_and_a_review_without_date_or_summary_are_refused_on_their_fields()
    {
        var plan = PlanWithFiche();
        var fiche = Fiche();
        fiche.ActionId = "act-2";
        fiche.Partners.Add(" ");
        fiche.Indicators.Add(new Indicator { Name = "Ateliers", Target = double.NaN });

        var action = Assert.Throws<RuleViolationError>(() => plan.AddAction(new AddActionCommand("obj-1", fiche.ToEntry())));
        var measure = Assert.Throws<PreconditionFailedError>(() => plan.RecordActionStatus(new RecordActionStatusCommand("act-rpe",
            new ActionStatusUpdateEntry(2025, 3, ActionStatus.InProgress, "", [new IndicatorMeasure("act-rpe-ind1", double.NaN)], null)), new DateOnly(2025, 10, 6)));
        var review = Assert.Throws<RuleViolationError>(() => plan.RecordReview(new RecordReviewCommand(new ReviewEntry(ReviewKind.MidTerm, null, " "))));

        Assert.Equal(new[] { "action.partners[1]", "action.indicators[1].target" }, action.Violations.Select(v => v.Field));
        Assert.Equal(("update.indicator_values[0].value", "is not a number"), (Assert.Single(measure.Violations).Field, measure.Violations[0].Description));
        Assert.Equal(new[] { "review.held_on", "review.summary" }, review.Violations.Select(v => v.Field));
        Assert.Single(plan.Plan.Axes[0].Objectives[0].Actions);
        Assert.Empty(plan.Plan.Reviews);
    }
}
