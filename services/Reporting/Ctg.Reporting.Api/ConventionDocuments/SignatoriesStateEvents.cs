using Ctg.Reporting.Shared;

namespace Ctg.Reporting.ConventionDocuments;

// Consumer-side views of signatories' state events (services/Signatories/EVENTS.md): governance-changed,
// annexes-changed and action-plan-changed carry the whole current state of a convention's governance,
// annexes or action plan. Reporting keeps each payload as it came (rm_convention_documents) and reads it
// back through these tolerant views: every field optional, unknown fields ignored.

/// <summary>What every state event has: the projection cannot keep a document without them.</summary>
public sealed class StateEventHeaderView
{
    public string? ConventionId { get; init; }
    public string? CafDepartement { get; init; }
    public long? Version { get; init; }
    public long? PlanVersion { get; init; }
}

public sealed class GovernanceDocument
{
    public string? ConventionId { get; init; }
    public string? Name { get; init; }
    public string? PeriodStart { get; init; }
    public string? PeriodEnd { get; init; }
    public IReadOnlyList<GovernanceBodyDocument>? Bodies { get; init; }
    public IReadOnlyList<MeetingDocument>? Meetings { get; init; }
    public long? Version { get; init; }
}

public sealed class GovernanceBodyDocument
{
    public string? BodyId { get; init; }
    public string? Kind { get; init; }
    public string? Name { get; init; }
    public string? Thematique { get; init; }
    public int? MinMeetingsPerYear { get; init; }
    public int? MaxMeetingsPerYear { get; init; }
    public string? FrequencyText { get; init; }
}

public sealed class MeetingDocument
{
    public string? MeetingId { get; init; }
    public string? BodyId { get; init; }
    public string? HeldOn { get; init; }
    public int? AttendanceCount { get; init; }
    public IReadOnlyList<string>? Decisions { get; init; }
    public string? MinutesUrl { get; init; }
}

public sealed class AnnexesDocument
{
    public string? ConventionId { get; init; }
    public string? Name { get; init; }
    public string? PeriodStart { get; init; }
    public string? PeriodEnd { get; init; }
    public IReadOnlyList<ProjectionDocument>? Projections { get; init; }
    public IReadOnlyList<CoFinancingDocument>? CoFinancing { get; init; }
    public IReadOnlyList<CoordinationPostDocument>? CoordinationPosts { get; init; }
    public long? Version { get; init; }
}

public sealed class ProjectionDocument
{
    public string? Mode { get; init; }
    public IReadOnlyList<YearQuantityDocument>? Years { get; init; }
    public string? Source { get; init; }
}

public sealed class YearQuantityDocument
{
    public int? Year { get; init; }
    public double? Quantity { get; init; }
    public string? Source { get; init; }
}

public sealed class CoFinancingDocument
{
    public string? FunderSignatoryId { get; init; }
    public string? FunderName { get; init; }
    public string? FunderKind { get; init; }
    public string? Beneficiary { get; init; }
    public string? StructureId { get; init; }
    public int? Year { get; init; }
    public string? FinancingType { get; init; }
    public long? AmountCents { get; init; }
    public bool? Estimated { get; init; }
    public string? Source { get; init; }
}

public sealed class CoordinationPostDocument
{
    public string? SignatoryId { get; init; }
    public string? Description { get; init; }
    public int? Year { get; init; }
    public double? Fte { get; init; }
    public long? AnnualCostCents { get; init; }
    public long? CafFundingCents { get; init; }
    public string? Source { get; init; }
}

public sealed class ActionPlanDocument
{
    public string? ConventionId { get; init; }
    public string? ConventionName { get; init; }
    public string? PeriodStart { get; init; }
    public string? PeriodEnd { get; init; }
    public IReadOnlyList<PlanAxisDocument>? Axes { get; init; }
    public IReadOnlyList<PlanReviewDocument>? Reviews { get; init; }
    public long? PlanVersion { get; init; }
}

public sealed class PlanAxisDocument
{
    public string? AxisId { get; init; }
    public string? Title { get; init; }
    public IReadOnlyList<PlanObjectiveDocument>? Objectives { get; init; }
}

public sealed class PlanObjectiveDocument
{
    public string? ObjectiveId { get; init; }
    public string? Title { get; init; }
    public string? Level { get; init; }
    public IReadOnlyList<PlanIndicatorDocument>? Indicators { get; init; }
    public IReadOnlyList<PlanActionDocument>? Actions { get; init; }
}

public sealed class PlanActionDocument
{
    public string? ActionId { get; init; }
    public string? Title { get; init; }
    public string? Pilot { get; init; }
    public IReadOnlyList<string>? Partners { get; init; }
    public string? TargetPublic { get; init; }
    public string? HumanResources { get; init; }
    public string? FollowUpFrequency { get; init; }
    public IReadOnlyList<string>? EvaluationCriteria { get; init; }
    public string? Schedule { get; init; }
    public string? Deadline { get; init; }
    public string? CurrentStatus { get; init; }
    public IReadOnlyList<PlanIndicatorDocument>? Indicators { get; init; }
}

public sealed class PlanIndicatorDocument
{
    public string? Name { get; init; }
    public string? Unit { get; init; }
    public double? Baseline { get; init; }
    public double? Target { get; init; }
    public int? TargetYear { get; init; }
}

public sealed class PlanReviewDocument
{
    public string? Kind { get; init; }
    public string? HeldOn { get; init; }
    public string? Summary { get; init; }
}
