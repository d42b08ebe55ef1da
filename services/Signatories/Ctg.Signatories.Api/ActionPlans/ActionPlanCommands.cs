using Ctg.Signatories.V1;
using Date = Ctg.Common.V1.Date;

namespace Ctg.Signatories.ActionPlans;

// The commands of an action plan as the domain takes them (mapped from the requests in Shared/CommandMapping.ActionPlans.cs);
// the convention id and expected version belong to the store. Null = absent in the request.

public sealed record AddAxisCommand(string AxisId, string Title);

public sealed record AddObjectiveCommand(
    string AxisId, string ObjectiveId, string Title, ObjectiveLevel Level, string ParentObjectiveId, string Source, IReadOnlyList<IndicatorEntry> Indicators);

public sealed record AddActionCommand(string ObjectiveId, ActionSheetEntry? Action);

public sealed record RecordActionStatusCommand(string ActionId, ActionStatusUpdateEntry? Update);

public sealed record RecordReviewCommand(ReviewEntry? Review);

/// <summary>A fiche action as the caller gives it, field for field the request's <c>action</c> (the violations name those
/// fields): an empty string is "not given" (every column empty = non renseigné). The status updates and the current status
/// are kept because a caller may send them, and is told they are not set this way. The deadline stays the wire date,
/// because an impossible one is a violation of the aggregate's checks among the others, not a failure before them.</summary>
public sealed record ActionSheetEntry(
    string ActionId,
    string Title,
    string Pilot,
    IReadOnlyList<string> Partners,
    string TargetPublic,
    Date? Deadline,
    IReadOnlyList<IndicatorEntry> Indicators,
    IReadOnlyList<ActionStatusUpdateEntry> StatusUpdates,
    ActionStatus CurrentStatus,
    string Content,
    string ServiceOffer,
    string HumanResources,
    string FollowUpFrequency,
    string EvaluationPeriodicity,
    IReadOnlyList<string> EvaluationCriteria,
    string Schedule,
    string InitialDiagnosis,
    string OperationalObjectives,
    string Implementation,
    string ExpectedResults,
    string Source);

/// <summary>An indicator of an objective or an action, field for field the request's: a null baseline or target is
/// "non renseigné" (the source gives no figure; 0 is a real value), a target year 0 too; an empty id is generated.</summary>
public sealed record IndicatorEntry(
    string IndicatorId, string Name, string Unit, double? Baseline, double? Target, int TargetYear, string Source);

/// <summary>A quarter's status of an action, field for field the request's <c>update</c>; the recording date stays the
/// wire date (see <see cref="ActionSheetEntry"/>), null = today.</summary>
public sealed record ActionStatusUpdateEntry(
    int Year, int Quarter, ActionStatus Status, string Comment, IReadOnlyList<IndicatorMeasure> IndicatorValues, Date? RecordedOn);

/// <summary>The value an indicator of the action measured that quarter, in the indicator's unit.</summary>
public sealed record IndicatorMeasure(string IndicatorId, double Value);

/// <summary>A review (point d'étape, bilan intermédiaire, bilan final), field for field the request's <c>review</c>; the
/// date stays the wire date (see <see cref="ActionSheetEntry"/>).</summary>
public sealed record ReviewEntry(ReviewKind Kind, Date? HeldOn, string Summary);
