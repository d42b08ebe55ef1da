using Ctg.Eventing;

namespace Ctg.Reporting.Tests.Support;

// The payloads the publishers send (services/*/EVENTS.md and their event records), written here as the
// test's own records so that the tests exercise the JSON contract rather than shared C# types.

public sealed record Snapshot(
    string StructureId, int Version, string Kind, string Name, string? CafDossierNumber, string CommuneInsee, string CommuneName,
    string ManagerName, string? ManagementMode, string SupportingCollectivityId, string ConventionId, int? AgreedPlaces,
    string? OpeningDate, string? ClosingDate, string EffectiveFrom);

public sealed record StructureRegistered(Snapshot Structure) : IntegrationEvent;

public sealed record StructureChanged(Snapshot Structure, int PreviousVersion, string Reason) : IntegrationEvent;

/// <summary>A structure event without its snapshot: poison for reporting.</summary>
public sealed record BrokenStructureRegistered(string Note) : IntegrationEvent;

public sealed record DeclarationSubmitted(
    string DeclarationId, string StructureId, string Kind, int Year, string Version, int Revision, string ReceivedOn, string DueDate,
    bool Late, decimal? HoursInvoiced, string SupportingCollectivityId, string ConventionId, string CommuneInsee, string ManagerName) : IntegrationEvent;

public sealed record ReferenceRecorded(
    string StructureId, string Kind, int ReferenceYear, long AmountCents, string Unit, decimal ReferenceUnits, string SupportingCollectivityId,
    string ConventionId, string CommuneInsee, string ManagerName) : IntegrationEvent;

public sealed record Commune(string InseeCode, string Name, long? LegalPopulation, int? PopulationYear);

public sealed record ConventionSigned(
    string ConventionId, string CafDepartement, string Name, string SignedOn, string PeriodStart, string PeriodEnd, IReadOnlyList<string> Fields,
    IReadOnlyList<Commune> Communes, long Version) : IntegrationEvent;

public sealed record CompetenceGranted(
    string ConventionId, string CompetenceId, string Field, string? AoCompetence, string SignatoryId, string SignatoryName, string SignatoryKind,
    IReadOnlyList<string> CommuneInseeCodes, string EffectiveOn, long Version) : IntegrationEvent;

public sealed record CompetenceTransferred(
    string ConventionId, string CompetenceId, string Field, string? AoCompetence, string FromCommuneInseeCode, string ToSignatoryId,
    string ToSignatoryName, string ToSignatoryKind, string Extent, string? PartialScope, string EffectiveOn, long Version) : IntegrationEvent;

public sealed record IndicatorValue(string IndicatorId, string Name, string Unit, double Baseline, double Target, double Value);

public sealed record ActionStatusUpdated(
    string ConventionId, string AxisId, string ObjectiveId, string ActionId, string ActionTitle, string Pilot, int Year, int Quarter,
    string Status, string Comment, IReadOnlyList<IndicatorValue> IndicatorValues, string RecordedOn, long PlanVersion) : IntegrationEvent;

public sealed record CauseOfDifference(string Cause, long AmountCents);

public sealed record FundingGroup(
    string SupportingCollectivityId, string Kind, long EnvelopeCents, long AllocatedCents, long DifferenceCents, IReadOnlyList<CauseOfDifference> Causes);

public sealed record FundedStructure(
    string StructureId, string Kind, string SupportingCollectivityId, long TotalCents, long BonusTerritoireCents, long ReferenceCents, long GainOrLossCents);

public sealed record AllocationRunCompleted(
    string RunId, string ConventionId, int Year, string DeclarationVersion, string ComputedAt, string InputHash, string ParameterSetHash,
    long TotalEnvelopeCents, long TotalPaidCents, IReadOnlyList<FundingGroup> Groups, IReadOnlyList<FundedStructure> Structures) : IntegrationEvent;

public sealed record FundingLine(string RuleId, bool Computable, long AmountCents, string? MissingParameterKey);

public sealed record FundingComputed(
    string ComputationId, string StructureId, string ConventionId, string ComputedAt, int Year, string DeclarationVersion, int DeclarationRevision,
    long TotalCents, bool Complete, IReadOnlyList<FundingLine> Lines, string ParameterSetHash, string InputHash) : IntegrationEvent;

public sealed record AllocationApproved(
    string RunId, string ConventionId, int Year, string DeclarationVersion, string ApprovedBy, string ApprovedAt, string? SupersedesRunId,
    string InputHash, long TotalPaidCents, IReadOnlyList<FundedStructure> Structures) : IntegrationEvent;

public sealed record PaymentScheduled(
    string PaymentId, string ComputationId, string StructureId, int Year, string Kind, int Sequence, string DueOn, long AmountCents) : IntegrationEvent;

/// <summary>A topic and an event to publish on it.</summary>
public sealed record TopicEvent(string Topic, IntegrationEvent Event);

public sealed record StructureClosed(Snapshot Structure, string ClosingDate, string Reason) : IntegrationEvent;
