using Ctg.Domain;
using Ctg.ServiceDefaults;
using Ctg.Signatories.Conventions;
using Ctg.Signatories.Events;
using Ctg.Signatories.Shared;
using Ctg.Signatories.V1;

namespace Ctg.Signatories.ActionPlans;

/// <summary>
/// The action plan of a convention (annexe 3): axes → objectives → actions (fiches action) with a
/// pilot, partners, a target public, a deadline and indicators (baseline, target). Followed quarterly,
/// closed by a mid-term review then a final review. Status updates are appended, never rewritten.
/// </summary>
public sealed class ActionPlanAggregate
{
    private readonly List<PendingEvent> _events = [];

    public ActionPlanAggregate(ActionPlan plan, ConventionSnapshot convention)
    {
        Plan = plan;
        Convention = convention;
    }

    public ActionPlan Plan { get; }

    /// <summary>The convention's terms (period) the plan is checked against.</summary>
    public ConventionSnapshot Convention { get; }

    public long Version => Plan.Version;

    public long NextVersion => Plan.Version + 1;

    /// <summary>The events of the change, then the plan's state event: every saved change changes the plan,
    /// and reporting replaces its copy of the plan with the newest version.</summary>
    public IReadOnlyList<PendingEvent> Events =>
        [.. _events, PendingEvent.Of(SignatoriesTopics.ActionPlanChanged, StateEventData.ActionPlan(Plan, Convention, NextVersion))];

    public void CheckExpectedVersion(long expectedVersion)
    {
        if (expectedVersion != 0 && expectedVersion != Plan.Version)
        {
            throw new ConflictError($"The action plan of {Plan.ConventionId} is at version {Plan.Version}, not {expectedVersion}: reload it and retry.");
        }
    }

    public void AddAxis(AddAxisCommand command)
    {
        var validation = new Violations();
        ValidateId(validation, command.AxisId, "axis_id");
        validation.Require(!string.IsNullOrWhiteSpace(command.Title), "title", "is required");
        validation.ThrowIfAny("The axis is invalid.");
        var id = string.IsNullOrEmpty(command.AxisId) ? FrenchCodes.NewId("axis") : command.AxisId;
        if (AllIds().Contains(id))
        {
            throw new AlreadyExistsError($"'{id}' is already used in this action plan.", new FieldViolation("axis_id", "is already used"));
        }

        Plan.Axes.Add(new Axis { AxisId = id, Title = command.Title.Trim() });
    }

    public void AddObjective(AddObjectiveCommand command)
    {
        var validation = new Violations();
        ValidateId(validation, command.ObjectiveId, "objective_id");
        validation.Require(!string.IsNullOrWhiteSpace(command.Title), "title", "is required");
        if (!Enum.IsDefined(command.Level))
        {
            validation.Add("level", "is not a known objective level");
        }

        validation.Require(string.IsNullOrEmpty(command.ParentObjectiveId) || command.Level == ObjectiveLevel.Specific, "parent_objective_id",
            "only a specific objective has a parent");
        ValidateIndicators(validation, command.Indicators, "indicators");
        validation.ThrowIfAny("The objective is invalid.");
        var axis = Plan.Axes.FirstOrDefault(a => a.AxisId == command.AxisId)
            ?? throw new NotFoundError($"Axis '{command.AxisId}' is not in the action plan of {Plan.ConventionId}.");
        if (!string.IsNullOrEmpty(command.ParentObjectiveId)
            && !axis.Objectives.Any(o => o.ObjectiveId == command.ParentObjectiveId && o.Level == ObjectiveLevel.General))
        {
            throw new PreconditionFailedError("The parent objective does not fit.",
                new FieldViolation("parent_objective_id", $"'{command.ParentObjectiveId}' is not a general objective of axis {axis.AxisId}"));
        }

        var id = string.IsNullOrEmpty(command.ObjectiveId) ? FrenchCodes.NewId("obj") : command.ObjectiveId;
        if (AllIds().Contains(id))
        {
            throw new AlreadyExistsError($"'{id}' is already used in this action plan.", new FieldViolation("objective_id", "is already used"));
        }

        var objective = new Objective
        {
            ObjectiveId = id, Title = command.Title.Trim(), Level = command.Level, ParentObjectiveId = command.ParentObjectiveId ?? string.Empty,
            Source = command.Source ?? string.Empty,
        };
        objective.Indicators.AddRange(Stored(command.Indicators, id));

        axis.Objectives.Add(objective);
    }

    public void AddAction(AddActionCommand command)
    {
        var action = command.Action;
        var validation = new Violations();
        if (action is null)
        {
            validation.Add("action", "is required");
            validation.ThrowIfAny();
        }

        ValidateId(validation, action!.ActionId, "action.action_id");
        validation.Require(!string.IsNullOrWhiteSpace(action.Title), "action.title", "is required");
        validation.Require(!string.IsNullOrWhiteSpace(action.Pilot), "action.pilot", "an action has a pilot");
        // target_public may be empty: many fiches action (seed 004) name no public, and inventing one is worse.
        // A fiche whose échéance is not a date ("annuelle", "Sur la durée de la CTG") keeps it in schedule, deadline empty.
        var deadline = string.IsNullOrWhiteSpace(action.Schedule)
            ? validation.Required(action.Deadline, "action.deadline")
            : validation.Optional(action.Deadline, "action.deadline");
        validation.Require(action.StatusUpdates.Count == 0, "action.status_updates", "are recorded with RecordActionStatus");
        validation.Require(action.CurrentStatus == ActionStatus.Unspecified, "action.current_status", "is derived from the status updates");
        for (var i = 0; i < action.Partners.Count; i++)
        {
            validation.Require(!string.IsNullOrWhiteSpace(action.Partners[i]), $"action.partners[{i}]", "is empty");
        }

        ValidateIndicators(validation, action.Indicators, "action.indicators");

        validation.ThrowIfAny("The action is invalid.");
        var objective = Plan.Axes.SelectMany(a => a.Objectives).FirstOrDefault(o => o.ObjectiveId == command.ObjectiveId)
            ?? throw new NotFoundError($"Objective '{command.ObjectiveId}' is not in the action plan of {Plan.ConventionId}.");
        if (deadline is { } date && (date < Convention.Start || date > Convention.End))
        {
            throw new PreconditionFailedError("The deadline is outside the convention.",
                new FieldViolation("action.deadline", $"must fall within the convention ({Convention.Start:yyyy-MM-dd} to {Convention.End:yyyy-MM-dd})"));
        }

        var actionId = string.IsNullOrEmpty(action.ActionId) ? FrenchCodes.NewId("act") : action.ActionId;
        if (AllIds().Contains(actionId))
        {
            throw new AlreadyExistsError($"'{actionId}' is already used in this action plan.", new FieldViolation("action.action_id", "is already used"));
        }

        objective.Actions.Add(Stored(action, actionId));
    }

    /// <summary>The fiche as the plan keeps it (the stored message), under its final id, its indicators' empty ids generated.
    /// It has no status yet: statuses come with RecordActionStatus, and a fiche sent with one is refused above.</summary>
    private static ActionSheet Stored(ActionSheetEntry action, string actionId)
    {
        var stored = new ActionSheet
        {
            ActionId = actionId, Title = action.Title, Pilot = action.Pilot, TargetPublic = action.TargetPublic, Deadline = action.Deadline?.Clone(),
            Content = action.Content, ServiceOffer = action.ServiceOffer, HumanResources = action.HumanResources,
            FollowUpFrequency = action.FollowUpFrequency, EvaluationPeriodicity = action.EvaluationPeriodicity, Schedule = action.Schedule,
            InitialDiagnosis = action.InitialDiagnosis, OperationalObjectives = action.OperationalObjectives, Implementation = action.Implementation,
            ExpectedResults = action.ExpectedResults, Source = action.Source,
        };
        stored.Partners.AddRange(action.Partners);
        stored.Indicators.AddRange(Stored(action.Indicators, actionId));
        stored.EvaluationCriteria.AddRange(action.EvaluationCriteria);
        return stored;
    }

    /// <summary>Indicators as an objective or an action keeps them: an empty id becomes the owner's id and the
    /// indicator's rank (<c>obj-1-ind2</c>), an absent figure stays absent.</summary>
    private static IEnumerable<Indicator> Stored(IReadOnlyList<IndicatorEntry> indicators, string ownerId) =>
        indicators.Select((indicator, i) =>
        {
            var stored = new Indicator
            {
                IndicatorId = string.IsNullOrEmpty(indicator.IndicatorId) ? $"{ownerId}-ind{i + 1}" : indicator.IndicatorId,
                Name = indicator.Name, Unit = indicator.Unit, TargetYear = indicator.TargetYear, Source = indicator.Source,
            };
            if (indicator.Baseline is { } baseline)
            {
                stored.Baseline = baseline;
            }

            if (indicator.Target is { } target)
            {
                stored.Target = target;
            }

            return stored;
        });

    /// <summary>A quarterly status update: one per action and quarter, within the convention's period.</summary>
    public void RecordActionStatus(RecordActionStatusCommand command, DateOnly today)
    {
        var update = command.Update;
        var validation = new Violations();
        if (update is null)
        {
            validation.Add("update", "is required");
            validation.ThrowIfAny();
        }

        validation.Require(update!.Quarter is >= 1 and <= 4, "update.quarter", "is 1, 2, 3 or 4");
        validation.Require(update.Year is >= 1900 and <= 2200, "update.year", "is required");
        if (update.Status == ActionStatus.Unspecified || !Enum.IsDefined(update.Status))
        {
            validation.Add("update.status", "is required");
        }

        var recordedOn = validation.Optional(update.RecordedOn, "update.recorded_on") ?? today;
        validation.ThrowIfAny("The status update is invalid.");

        var (axis, objective, action) = FindAction(command.ActionId);
        var quarterStart = new DateOnly(update.Year, (update.Quarter * 3) - 2, 1);
        var quarterEnd = quarterStart.AddMonths(3).AddDays(-1);
        var preconditions = new Violations();
        preconditions.Require(quarterEnd >= Convention.Start && quarterStart <= Convention.End, "update.year",
            $"Q{update.Quarter} {update.Year} is outside the convention ({Convention.Start:yyyy-MM-dd} to {Convention.End:yyyy-MM-dd})");
        preconditions.Require(recordedOn >= quarterStart, "update.recorded_on", "a quarter's status is recorded once the quarter has started");
        for (var i = 0; i < update.IndicatorValues.Count; i++)
        {
            var value = update.IndicatorValues[i];
            preconditions.Require(action.Indicators.Any(ind => ind.IndicatorId == value.IndicatorId), $"update.indicator_values[{i}].indicator_id",
                $"'{value.IndicatorId}' is not an indicator of action {action.ActionId}");
            preconditions.Require(double.IsFinite(value.Value), $"update.indicator_values[{i}].value", "is not a number");
        }

        preconditions.ThrowIfAnyAsPrecondition("The status update does not fit the action.");
        if (action.StatusUpdates.Any(u => u.Year == update.Year && u.Quarter == update.Quarter))
        {
            throw new AlreadyExistsError($"Action {action.ActionId} already has a status for Q{update.Quarter} {update.Year}.",
                new FieldViolation("update.quarter", "already recorded for this action"));
        }

        action.StatusUpdates.Add(Stored(update, recordedOn.ToProto()));
        _events.Add(PendingEvent.Of(SignatoriesTopics.ActionStatusUpdated, new ActionStatusUpdated(
            Plan.ConventionId, axis.AxisId, objective.ObjectiveId, action.ActionId, action.Title, action.Pilot, update.Year, update.Quarter,
            update.Status.ToString(), update.Comment ?? string.Empty,
            update.IndicatorValues.Select(v =>
            {
                var indicator = action.Indicators.First(ind => ind.IndicatorId == v.IndicatorId);
                return new IndicatorValueData(indicator.IndicatorId, indicator.Name, indicator.Unit, indicator.HasBaseline ? indicator.Baseline : null, indicator.HasTarget ? indicator.Target : null, v.Value);
            }).ToList(),
            recordedOn, NextVersion)));
    }

    /// <summary>The status update as the action keeps it (the stored message), dated <paramref name="recordedOn"/>.</summary>
    private static ActionStatusUpdate Stored(ActionStatusUpdateEntry update, Ctg.Common.V1.Date recordedOn)
    {
        var stored = new ActionStatusUpdate { Year = update.Year, Quarter = update.Quarter, Status = update.Status, Comment = update.Comment, RecordedOn = recordedOn };
        stored.IndicatorValues.AddRange(update.IndicatorValues.Select(v => new IndicatorValue { IndicatorId = v.IndicatorId, Value = v.Value }));
        return stored;
    }

    /// <summary>The bilan intermédiaire (within the period), then the bilan final (after it); one of each.</summary>
    public void RecordReview(RecordReviewCommand command)
    {
        var review = command.Review;
        var validation = new Violations();
        if (review is null)
        {
            validation.Add("review", "is required");
            validation.ThrowIfAny();
        }

        if (review!.Kind == ReviewKind.Unspecified || !Enum.IsDefined(review.Kind))
        {
            validation.Add("review.kind", "is required");
        }

        var heldOn = validation.Required(review.HeldOn, "review.held_on");
        validation.Require(!string.IsNullOrWhiteSpace(review.Summary), "review.summary", "is required");
        validation.ThrowIfAny("The review is invalid.");

        var preconditions = new Violations();
        preconditions.Require(review.Kind == ReviewKind.AnnualCheckpoint || Plan.Reviews.All(r => r.Kind != review.Kind), "review.kind", $"the {review.Kind} review is already recorded");
        var midTerm = Plan.Reviews.FirstOrDefault(r => r.Kind == ReviewKind.MidTerm);
        if (review.Kind == ReviewKind.AnnualCheckpoint)
        {
            // One point d'étape a year (CNAF model article 9), any number of years.
            preconditions.Require(heldOn!.Value >= Convention.Start && heldOn.Value <= Convention.End, "review.held_on",
                $"a point d'étape is held during the convention ({Convention.Start:yyyy-MM-dd} to {Convention.End:yyyy-MM-dd})");
            preconditions.Require(!Plan.Reviews.Any(r => r.Kind == ReviewKind.AnnualCheckpoint && r.HeldOn.Year == heldOn.Value.Year), "review.held_on",
                $"the point d'étape of {heldOn.Value.Year} is already recorded");
        }
        else if (review.Kind == ReviewKind.MidTerm)
        {
            preconditions.Require(heldOn!.Value >= Convention.Start && heldOn.Value <= Convention.End, "review.held_on",
                $"a mid-term review is held during the convention ({Convention.Start:yyyy-MM-dd} to {Convention.End:yyyy-MM-dd})");
        }
        else
        {
            preconditions.Require(midTerm is not null, "review.kind", "the final review follows the mid-term review");
            preconditions.Require(midTerm is null || heldOn!.Value > midTerm.HeldOn.Stored(), "review.held_on", "is not after the mid-term review");
            preconditions.Require(heldOn!.Value >= Convention.Start, "review.held_on", "is before the convention starts");
        }

        preconditions.ThrowIfAnyAsPrecondition("The review does not fit the action plan.");
        Plan.Reviews.Add(new Review { Kind = review.Kind, HeldOn = review.HeldOn!.Clone(), Summary = review.Summary });
    }

    /// <summary>The counts the source declares for the plan (kept beside what is entered, so a reader
    /// sees what is missing).</summary>
    public void SetDeclaredCounts(DeclaredCounts? declared)
    {
        var validation = new Violations();
        if (declared is null)
        {
            validation.Add("declared", "is required");
            validation.ThrowIfAny();
        }

        validation.Require(!declared!.HasAxes || declared.Axes >= 0, "declared.axes", "must not be negative");
        validation.Require(!declared.HasGeneralObjectives || declared.GeneralObjectives >= 0, "declared.general_objectives", "must not be negative");
        validation.Require(!declared.HasSpecificObjectives || declared.SpecificObjectives >= 0, "declared.specific_objectives", "must not be negative");
        validation.Require(!declared.HasActions || declared.Actions >= 0, "declared.actions", "must not be negative");
        validation.Require(!string.IsNullOrWhiteSpace(declared.Source), "declared.source", "say where the counts come from");
        validation.ThrowIfAny("The declared counts are invalid.");
        Plan.Declared = declared.Clone();
    }

    /// <summary>The plan as of a date (everything recorded when null): updates recorded and reviews held
    /// after it are left out, and each action's current status is its latest quarter's.</summary>
    public ActionPlan ViewAsOf(DateOnly? asOfDate)
    {
        var view = Plan.Clone();
        var asOf = asOfDate ?? DateOnly.MaxValue;
        view.AsOf = asOfDate?.ToProto();
        foreach (var action in view.Axes.SelectMany(a => a.Objectives).SelectMany(o => o.Actions))
        {
            var kept = action.StatusUpdates.Where(u => u.RecordedOn.Stored() <= asOf).OrderBy(u => u.Year).ThenBy(u => u.Quarter).ToList();
            action.StatusUpdates.Clear();
            action.StatusUpdates.AddRange(kept);
            action.CurrentStatus = kept.Count == 0 ? ActionStatus.NotStarted : kept[^1].Status;
        }

        var reviews = view.Reviews.Where(r => r.HeldOn.Stored() <= asOf).ToList();
        view.Reviews.Clear();
        view.Reviews.AddRange(reviews);
        return view;
    }

    private (Axis Axis, Objective Objective, ActionSheet Action) FindAction(string actionId)
    {
        foreach (var axis in Plan.Axes)
        {
            foreach (var objective in axis.Objectives)
            {
                var action = objective.Actions.FirstOrDefault(a => a.ActionId == actionId);
                if (action is not null)
                {
                    return (axis, objective, action);
                }
            }
        }

        throw new NotFoundError($"Action '{actionId}' is not in the action plan of {Plan.ConventionId}.");
    }

    private HashSet<string> AllIds() =>
        Plan.Axes.Select(a => a.AxisId)
            .Concat(Plan.Axes.SelectMany(a => a.Objectives).Select(o => o.ObjectiveId))
            .Concat(Plan.Axes.SelectMany(a => a.Objectives).SelectMany(o => o.Actions).Select(a => a.ActionId))
            .ToHashSet();

    private static void ValidateIndicators(Violations validation, IReadOnlyList<IndicatorEntry> indicators, string prefix)
    {
        var indicatorIds = new HashSet<string>();
        for (var i = 0; i < indicators.Count; i++)
        {
            var indicator = indicators[i];
            validation.Require(!string.IsNullOrWhiteSpace(indicator.Name), $"{prefix}[{i}].name", "is required");
            validation.Require(indicator.Baseline is not { } baseline || double.IsFinite(baseline), $"{prefix}[{i}].baseline", "is not a number");
            validation.Require(indicator.Target is not { } target || double.IsFinite(target), $"{prefix}[{i}].target", "is not a number");
            validation.Require(indicator.TargetYear == 0 || indicator.TargetYear is >= 1900 and <= 2200, $"{prefix}[{i}].target_year",
                "is not a plausible year");
            ValidateId(validation, indicator.IndicatorId, $"{prefix}[{i}].indicator_id");
            if (!string.IsNullOrEmpty(indicator.IndicatorId) && !indicatorIds.Add(indicator.IndicatorId))
            {
                validation.Add($"{prefix}[{i}].indicator_id", "is listed twice");
            }
        }
    }

    private static void ValidateId(Violations validation, string id, string field)
    {
        if (!string.IsNullOrEmpty(id) && !FrenchCodes.IsValidId(id))
        {
            validation.Add(field, "letters, digits, '.', '_' and '-' only, 128 characters at most");
        }
    }
}
