namespace Ctg.Reporting.Events;

// Consumer-side views of the funding service's events. services/Funding/EVENTS.md did not exist when
// these were written: the field names below are what reporting expects (camelCase JSON, amounts in
// integer cents); see services/Reporting/README.md for the expected payloads.

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

public sealed class FundingComputedView
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
    public string? RunId { get; init; }
}
