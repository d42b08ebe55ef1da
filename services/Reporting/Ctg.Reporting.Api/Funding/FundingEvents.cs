using Ctg.Reporting.Shared;

namespace Ctg.Reporting.Funding;

// Consumer-side views of the funding service's events (services/Funding/Ctg.Funding.Api/Events/FundingEvents.cs):
// camelCase JSON, amounts in integer cents.

public sealed class DifferenceCauseView
{
    public string? Cause { get; init; }
    public long? AmountCents { get; init; }
}

public sealed class FundingGroupView
{
    public string? SupportingCollectivityId { get; init; }
    public string? Kind { get; init; }
    public long? EnvelopeCents { get; init; }
    public long? AllocatedCents { get; init; }
    public long? DifferenceCents { get; init; }
    public IReadOnlyList<DifferenceCauseView>? Causes { get; init; }
}

public sealed class FundedStructureView
{
    public string? StructureId { get; init; }
    public string? Kind { get; init; }
    public string? SupportingCollectivityId { get; init; }
    public long? TotalCents { get; init; }
    public long? BonusTerritoireCents { get; init; }
    public long? ReferenceCents { get; init; }
}

/// <summary>funding.allocation-run-completed.v1: a bonus territoire allocation run of a CTG and year.</summary>
public sealed class AllocationRunCompletedView
{
    public string? RunId { get; init; }
    public string? ConventionId { get; init; }
    public int? Year { get; init; }
    public string? DeclarationVersion { get; init; }
    public string? ComputedAt { get; init; }
    public IReadOnlyList<FundingGroupView>? Groups { get; init; }
    public IReadOnlyList<FundedStructureView>? Structures { get; init; }
}

public sealed class AllocationApprovedView
{
    public string? RunId { get; init; }
    public string? ConventionId { get; init; }
    public int? Year { get; init; }
    public string? ApprovedAt { get; init; }
}

public sealed class PaymentScheduledView
{
    public string? PaymentId { get; init; }
    public string? StructureId { get; init; }
    public int? Year { get; init; }
    public string? Kind { get; init; }
    public long? AmountCents { get; init; }
    public string? DueOn { get; init; }
    public string? ComputationId { get; init; }
}

/// <summary>funding.funding-computed.v1: one structure's funding (prestations and bonuses) for a year and declaration revision.</summary>
public sealed class FundingComputedView
{
    public string? ComputationId { get; init; }
    public string? StructureId { get; init; }
    public string? ConventionId { get; init; }
    public string? ComputedAt { get; init; }
    public int? Year { get; init; }
    public string? DeclarationVersion { get; init; }
    public int? DeclarationRevision { get; init; }
    public long? TotalCents { get; init; }
    public bool? Complete { get; init; }
    public IReadOnlyList<FundingLineView>? Lines { get; init; }
}

public sealed class FundingLineView
{
    public string? RuleId { get; init; }
    public bool? Computable { get; init; }
    public long? AmountCents { get; init; }
}
