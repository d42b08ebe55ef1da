using Ctg.Eventing;

namespace Ctg.Signatories.Events;

// State events: each carries the whole current state of one part of a convention (its governance, its
// annexes, its action plan) at a version. A consumer replaces what it holds when the version is newer, so
// an event lost, replayed or delivered out of order never leaves a read model half-updated, and a new
// consumer needs only the latest event of each convention. Payloads are documented in EVENTS.md.

public sealed record GovernanceMemberData(string SignatoryId, string Role, string FullName);

public sealed record GovernanceBodyData(
    string BodyId,
    string Kind,
    string Name,
    string Thematique,
    int? MinMeetingsPerYear,
    int? MaxMeetingsPerYear,
    string FrequencyText,
    string Presidency,
    string Secretariat,
    IReadOnlyList<GovernanceMemberData> Members,
    IReadOnlyList<string> OtherParticipants,
    string Source);

public sealed record MeetingData(
    string MeetingId,
    string BodyId,
    DateOnly HeldOn,
    IReadOnlyList<string> AttendeeSignatoryIds,
    int? AttendanceCount,
    IReadOnlyList<string> Decisions,
    string MinutesUrl,
    string Source);

public sealed record CooperationOfficerData(string OfficerId, string SignatoryId, string FullName, double? Fte, DateOnly? AppointedOn, string Source);

/// <summary>The governance of a convention after a change: bodies, every meeting, chargés de coopération.</summary>
public sealed record GovernanceChanged(
    string ConventionId,
    string CafDepartement,
    string Name,
    DateOnly PeriodStart,
    DateOnly PeriodEnd,
    IReadOnlyList<GovernanceBodyData> Bodies,
    IReadOnlyList<MeetingData> Meetings,
    IReadOnlyList<CooperationOfficerData> CooperationOfficers,
    long Version) : IntegrationEvent;

public sealed record YearQuantityData(int Year, double? Quantity, string Source);

public sealed record InvestmentData(string ProjectType, string Description, long? EstimatedCostCents, string Calendar, string Source);

public sealed record ProjectionData(
    string ProjectionId,
    string AuthoritySignatoryId,
    string Mode,
    string Zone,
    IReadOnlyList<YearQuantityData> Years,
    string JobsAndSkills,
    double? VacantFte,
    double? FteToCreate,
    string OtherNeeds,
    IReadOnlyList<InvestmentData> Investments,
    string Source);

public sealed record CoFinancingData(
    string EntryId,
    string FunderSignatoryId,
    string FunderName,
    string FunderKind,
    string Beneficiary,
    string? StructureId,
    int Year,
    string FinancingType,
    long? AmountCents,
    long? InKindCents,
    double? BudgetSharePercent,
    int? Children,
    bool Estimated,
    string Source);

public sealed record CoordinationPostData(
    string PostId,
    string SignatoryId,
    string Description,
    int Year,
    double? Fte,
    long? AnnualCostCents,
    long? CafFundingCents,
    double? CafSharePercent,
    string Source);

public sealed record RenewalData(string? RenewsConventionId, string Description, int? RenewedStartYear, string Source);

public sealed record TerminationTermsData(int? DenunciationNoticeMonths, int? FormalNoticeMonths, bool ExpressRenewalOnly, string Source);

/// <summary>The annexes and terms of a convention after a change: the projection table, co-financing (the
/// CAF's 2018 payments included), coordination posts, the renewal link and the notice periods.</summary>
public sealed record AnnexesChanged(
    string ConventionId,
    string CafDepartement,
    string Name,
    DateOnly PeriodStart,
    DateOnly PeriodEnd,
    IReadOnlyList<ProjectionData> Projections,
    IReadOnlyList<CoFinancingData> CoFinancing,
    IReadOnlyList<CoordinationPostData> CoordinationPosts,
    RenewalData? Renewal,
    TerminationTermsData? TerminationTerms,
    bool SchemaStandIn,
    long Version) : IntegrationEvent;

public sealed record PlanIndicatorData(string IndicatorId, string Name, string Unit, double? Baseline, double? Target, int? TargetYear);

public sealed record PlanActionData(
    string ActionId,
    string Title,
    string Pilot,
    IReadOnlyList<string> Partners,
    string TargetPublic,
    string Content,
    string HumanResources,
    string FollowUpFrequency,
    IReadOnlyList<string> EvaluationCriteria,
    string Schedule,
    DateOnly? Deadline,
    string CurrentStatus,
    IReadOnlyList<PlanIndicatorData> Indicators);

public sealed record PlanObjectiveData(
    string ObjectiveId,
    string Title,
    string Level,
    string ParentObjectiveId,
    IReadOnlyList<PlanIndicatorData> Indicators,
    IReadOnlyList<PlanActionData> Actions);

public sealed record PlanAxisData(string AxisId, string Title, IReadOnlyList<PlanObjectiveData> Objectives);

public sealed record PlanReviewData(string Kind, DateOnly HeldOn, string Summary);

public sealed record DeclaredCountsData(int? Axes, int? GeneralObjectives, int? SpecificObjectives, int? Actions, string Source);

/// <summary>The action plan of a convention after a change: its axes, objectives, fiches action with their
/// indicators and current status, the reviews and points d'étape, the counts the source declares.</summary>
public sealed record ActionPlanChanged(
    string ConventionId,
    string CafDepartement,
    string ConventionName,
    DateOnly PeriodStart,
    DateOnly PeriodEnd,
    IReadOnlyList<PlanAxisData> Axes,
    IReadOnlyList<PlanReviewData> Reviews,
    DeclaredCountsData? Declared,
    long PlanVersion) : IntegrationEvent;
