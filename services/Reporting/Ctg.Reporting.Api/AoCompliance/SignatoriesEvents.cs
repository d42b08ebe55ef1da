using Ctg.Reporting.Shared;

namespace Ctg.Reporting.AoCompliance;

// Consumer-side views of the signatories service's events (services/Signatories/EVENTS.md).

public sealed class CommuneView
{
    public string? InseeCode { get; init; }
    public string? Name { get; init; }
    public long? LegalPopulation { get; init; }
}

public sealed class ConventionSignedView
{
    public string? ConventionId { get; init; }
    public string? CafDepartement { get; init; }
    public string? Name { get; init; }
    public string? PeriodStart { get; init; }
    public string? PeriodEnd { get; init; }
    public IReadOnlyList<CommuneView>? Communes { get; init; }
}

public sealed class ConventionAmendedView
{
    public string? ConventionId { get; init; }
    public IReadOnlyList<CommuneView>? CommunesAdded { get; init; }
    public IReadOnlyList<string>? CommunesRemoved { get; init; }
    public IReadOnlyList<CommuneView>? CommunesUpdated { get; init; }
    public string? NewEnd { get; init; }
    public string? NewName { get; init; }
}

public sealed class ConventionTerminatedView
{
    public string? ConventionId { get; init; }
    public string? EffectiveOn { get; init; }
}

public sealed class CompetenceGrantedView
{
    public string? ConventionId { get; init; }
    public string? Field { get; init; }
    public string? AoCompetence { get; init; }
    public string? SignatoryId { get; init; }
    public string? SignatoryName { get; init; }
    public string? SignatoryKind { get; init; }
    public IReadOnlyList<string>? CommuneInseeCodes { get; init; }
    public string? EffectiveOn { get; init; }
}

public sealed class CompetenceTransferredView
{
    public string? ConventionId { get; init; }
    public string? Field { get; init; }
    public string? AoCompetence { get; init; }
    public string? FromCommuneInseeCode { get; init; }
    public string? ToSignatoryId { get; init; }
    public string? ToSignatoryName { get; init; }
    public string? ToSignatoryKind { get; init; }
    public string? EffectiveOn { get; init; }
}

public sealed class IndicatorValueView
{
    public string? IndicatorId { get; init; }
    public string? Name { get; init; }
    public string? Unit { get; init; }
    public double? Baseline { get; init; }
    public double? Target { get; init; }
    public double? Value { get; init; }
}

public sealed class ActionStatusUpdatedView
{
    public string? ConventionId { get; init; }
    public string? AxisId { get; init; }
    public string? ObjectiveId { get; init; }
    public string? ActionId { get; init; }
    public string? ActionTitle { get; init; }
    public string? Pilot { get; init; }
    public int? Year { get; init; }
    public int? Quarter { get; init; }
    public string? Status { get; init; }
    public IReadOnlyList<IndicatorValueView>? IndicatorValues { get; init; }
    public string? RecordedOn { get; init; }
}
