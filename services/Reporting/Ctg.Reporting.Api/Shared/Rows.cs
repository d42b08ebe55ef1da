
namespace Ctg.Reporting.Shared;

// Rows as Dapper reads them. Integers are long and reals double: both dialects return those types,
// and Dapper binds positional records by exact column type.

public sealed record StructureRow(
    string StructureId, long Version, string Kind, string Name, string CommuneInsee, string CommuneName, string ManagerName,
    string? ManagementMode, string SupportingCollectivityId, string ConventionId, long? AgreedPlaces, string? OpeningDate,
    string? ClosingDate, long Closed);

public sealed record RunRow(
    string RunId, string ConventionId, long Year, string DeclarationVersion, string ComputedAt, long TotalEnvelopeCents,
    long TotalAllocatedCents, string? ApprovedAt, long? ApprovalSequence);

public sealed record GroupRow(
    string RunId, string SupportingCollectivityId, string Kind, long EnvelopeCents, long AllocatedCents, long DifferenceCents, string Causes);

public sealed record StructureRunRow(
    string RunId, long Year, string ComputedAt, long TotalCents, long BonusTerritoireCents, long ReferenceCents, string? ApprovedAt, long? ApprovalSequence);

public sealed record ReferenceRow(long ReferenceYear, long AmountCents, string Unit, double ReferenceUnits);

public sealed record PaymentRow(string PaymentId, string StructureId, long Year, string Kind, long AmountCents, string? DueOn);

public sealed record CommuneRow(string InseeCode, string Name, long? LegalPopulation);

public sealed record HoldingRow(string InseeCode, string Competence, string HolderId, string HolderName, string EffectiveOn);

public sealed record ActionRow(string ActionId, string AxisId, string Title, string Pilot, long Year, long Quarter, string Status);

public sealed record IndicatorRow(string ActionId, string IndicatorId, string AxisId, string Name, string Unit, double Baseline, double Target, double Value);

public sealed record PaymentExportRow(
    string PaymentId, string StructureId, string StructureName, string ManagerName, long Year, string Kind, long AmountCents, string? DueOn);

public sealed record ComputationRow(string ComputationId, long Year, string DeclarationVersion, long TotalCents, long Complete);
