using Ctg.Eventing;

namespace Ctg.Reporting.Tests.Support;

// signatories' state events as services/Signatories/EVENTS.md documents them (governance-changed,
// annexes-changed, action-plan-changed), only the fields the tests give; the test's own records so that
// the tests exercise the JSON contract.

public sealed record BodyData(string BodyId, string Kind, string Name, string Thematique, int? MinMeetingsPerYear, int? MaxMeetingsPerYear, string FrequencyText);

public sealed record MeetingData(string MeetingId, string BodyId, string HeldOn, int? AttendanceCount, IReadOnlyList<string> Decisions, string MinutesUrl);

public sealed record GovernanceChanged(
    string ConventionId, string CafDepartement, string Name, string PeriodStart, string PeriodEnd,
    IReadOnlyList<BodyData> Bodies, IReadOnlyList<MeetingData> Meetings, long Version) : IntegrationEvent;

public sealed record YearQuantityData(int Year, double? Quantity, string Source);

public sealed record ProjectionData(string ProjectionId, string AuthoritySignatoryId, string Mode, IReadOnlyList<YearQuantityData> Years, string Source);

public sealed record CoFinancingData(
    string EntryId, string FunderSignatoryId, string FunderName, string FunderKind, string Beneficiary, string? StructureId, int Year,
    string FinancingType, long? AmountCents, bool Estimated, string Source);

public sealed record CoordinationPostData(string PostId, string SignatoryId, string Description, int Year, double? Fte, long? AnnualCostCents, long? CafFundingCents, string Source);

public sealed record AnnexesChanged(
    string ConventionId, string CafDepartement, string Name, string PeriodStart, string PeriodEnd, IReadOnlyList<ProjectionData> Projections,
    IReadOnlyList<CoFinancingData> CoFinancing, IReadOnlyList<CoordinationPostData> CoordinationPosts, long Version) : IntegrationEvent;

public sealed record PlanIndicatorData(string IndicatorId, string Name, string Unit, double? Baseline, double? Target, int? TargetYear);

public sealed record PlanActionData(
    string ActionId, string Title, string Pilot, IReadOnlyList<string> Partners, string TargetPublic, string HumanResources, string FollowUpFrequency,
    IReadOnlyList<string> EvaluationCriteria, string Schedule, string? Deadline, string CurrentStatus, IReadOnlyList<PlanIndicatorData> Indicators);

public sealed record PlanObjectiveData(string ObjectiveId, string Title, string Level, IReadOnlyList<PlanIndicatorData> Indicators, IReadOnlyList<PlanActionData> Actions);

public sealed record PlanAxisData(string AxisId, string Title, IReadOnlyList<PlanObjectiveData> Objectives);

public sealed record PlanReviewData(string Kind, string HeldOn, string Summary);

public sealed record ActionPlanChanged(
    string ConventionId, string CafDepartement, string ConventionName, string PeriodStart, string PeriodEnd,
    IReadOnlyList<PlanAxisData> Axes, IReadOnlyList<PlanReviewData> Reviews, long PlanVersion) : IntegrationEvent;
