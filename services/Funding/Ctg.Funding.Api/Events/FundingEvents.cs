using Ctg.Eventing;

namespace Ctg.Funding.Api.Events;

/// <summary>The topics funding publishes; their JSON is documented in services/Funding/EVENTS.md.</summary>
public static class FundingTopics
{
    public const string FundingComputed = "funding.funding-computed.v1";
    public const string PaymentScheduled = "funding.payment-scheduled.v1";
    public const string AllocationRunCompleted = "funding.allocation-run-completed.v1";
    public const string AllocationApproved = "funding.allocation-approved.v1";
}

public sealed record FundingLineEvent(string RuleId, bool Computable, long AmountCents, string? MissingParameterKey);

/// <summary>A structure's funding was computed for a year and declaration revision.</summary>
public sealed record FundingComputed : IntegrationEvent
{
    public required string ComputationId { get; init; }
    public required string StructureId { get; init; }
    public required string ConventionId { get; init; }
    public required string ComputedAt { get; init; }
    public required int Year { get; init; }
    public required string DeclarationVersion { get; init; }
    public required int DeclarationRevision { get; init; }
    public required long TotalCents { get; init; }
    public required bool Complete { get; init; }
    public required IReadOnlyList<FundingLineEvent> Lines { get; init; }
    public required string ParameterSetHash { get; init; }
    public required string InputHash { get; init; }
}

/// <summary>A payment was scheduled: an advance, the balance, or an indu to recover.</summary>
public sealed record PaymentScheduled : IntegrationEvent
{
    /// <summary>computationId:kind:sequence — stable, so a redelivery updates the same payment.</summary>
    public required string PaymentId { get; init; }
    public required string ComputationId { get; init; }
    public required string StructureId { get; init; }
    public required int Year { get; init; }
    /// <summary>advance, balance or indu.</summary>
    public required string Kind { get; init; }
    public required int Sequence { get; init; }
    /// <summary>yyyy-MM-dd.</summary>
    public required string DueOn { get; init; }
    /// <summary>Positive; for an indu, the amount to recover.</summary>
    public required long AmountCents { get; init; }
}

public sealed record DifferenceCauseEvent(string Cause, long AmountCents);

/// <summary>One group (collectivity, kind): its envelope, what it pays, and the difference by cause.</summary>
public sealed record GroupAmountEvent(string SupportingCollectivityId, string Kind, long EnvelopeCents, long AllocatedCents, long DifferenceCents,
    IReadOnlyList<DifferenceCauseEvent> Causes);

/// <summary>One structure's bonus territoire in a run; totalCents = bonusTerritoireCents (a run holds the bonus territoire only).</summary>
public sealed record StructureAmountEvent(string StructureId, string Kind, string SupportingCollectivityId, long TotalCents, long BonusTerritoireCents,
    long ReferenceCents, long GainOrLossCents);

/// <summary>An allocation run was computed and recorded (not yet approved).</summary>
public sealed record AllocationRunCompleted : IntegrationEvent
{
    public required string RunId { get; init; }
    public required string ConventionId { get; init; }
    public required int Year { get; init; }
    public required string DeclarationVersion { get; init; }
    public required string ComputedAt { get; init; }
    public required string InputHash { get; init; }
    public required string ParameterSetHash { get; init; }
    public required long TotalEnvelopeCents { get; init; }
    public required long TotalPaidCents { get; init; }
    public required IReadOnlyList<GroupAmountEvent> Groups { get; init; }
    public required IReadOnlyList<StructureAmountEvent> Structures { get; init; }
}

/// <summary>An allocation run was approved: its amounts are the ones to pay.</summary>
public sealed record AllocationApproved : IntegrationEvent
{
    public required string RunId { get; init; }
    public required string ConventionId { get; init; }
    public required int Year { get; init; }
    public required string DeclarationVersion { get; init; }
    public required string ApprovedBy { get; init; }
    public required string ApprovedAt { get; init; }
    public string? SupersedesRunId { get; init; }
    public required string InputHash { get; init; }
    public required long TotalPaidCents { get; init; }
    public required IReadOnlyList<StructureAmountEvent> Structures { get; init; }
}
