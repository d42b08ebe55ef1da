using Ctg.Eventing;
using Ctg.Structures.Shared;

namespace Ctg.Structures.Events;

/// <summary>Topic names: explicit and versioned, documented in services/Structures/EVENTS.md.</summary>
public static class StructureTopics
{
    public const string StructureRegistered = "structures.structure-registered.v1";
    public const string StructureChanged = "structures.structure-changed.v1";
    public const string StructureClosed = "structures.structure-closed.v1";
    public const string DeclarationSubmitted = "structures.declaration-submitted.v1";
    public const string ReferenceRecorded = "structures.reference-recorded.v1";
}

/// <summary>The state of a structure that consumers (funding, reporting) need, as one flat record.
/// Dates are ISO yyyy-MM-dd; decimals are exact JSON numbers; codes are lower-case snake_case.</summary>
public sealed record StructureSnapshot(
    string StructureId,
    int Version,
    string Kind,
    string Name,
    string? CafDossierNumber,
    string? CafEquipmentCode,
    string? CommuneInsee,
    string CommuneName,
    string ManagerName,
    string? ManagementMode,
    string SupportingCollectivityId,
    string ConventionId,
    int? AgreedPlaces,
    decimal? Etp,
    decimal? OpeningHoursPerYear,
    bool? SuppliesNappies,
    bool? SuppliesMeals,
    bool? Periscolaire,
    bool? Extrascolaire,
    string? OpeningDate,
    string? ClosingDate,
    string EffectiveFrom);

public sealed record StructureRegisteredV1(StructureSnapshot Structure) : IntegrationEvent;

public sealed record StructureChangedV1(StructureSnapshot Structure, int PreviousVersion, string Reason) : IntegrationEvent;

public sealed record StructureClosedV1(StructureSnapshot Structure, string ClosingDate, string Reason) : IntegrationEvent;

public sealed record DeclarationSubmittedV1(
    string DeclarationId,
    string StructureId,
    string Kind,
    int Year,
    string Version,
    int Revision,
    string? CorrectionReason,
    string ReceivedOn,
    string DueDate,
    bool Late,
    bool NeedsReview,
    decimal? BillingRate,
    decimal? HoursInvoiced,
    decimal? HoursAttended,
    long? OperatingCostsCents,
    long? FamilyParticipationsCents,
    decimal? RegimeGeneralShare,
    decimal? AeehHours,
    int? AeehChildren,
    int? Places,
    int? MonthsOpen,
    decimal? Etp,
    decimal? OpeningHours,
    bool? SuppliesNappiesAndMeals,
    string SupportingCollectivityId,
    string ConventionId,
    string? CommuneInsee,
    string CommuneName,
    string ManagerName,
    // ALSH only, null when the declaration gives no split (the figures above are then the whole).
    decimal? PeriscolaireHoursAttended = null,
    long? PeriscolaireOperatingCostsCents = null,
    decimal? ExtrascolaireHoursAttended = null,
    long? ExtrascolaireOperatingCostsCents = null) : IntegrationEvent;

public sealed record ReferenceRecordedV1(
    string StructureId,
    string Kind,
    int ReferenceYear,
    long AmountCents,
    string Unit,
    decimal ReferenceUnits,
    string SupportingCollectivityId,
    string ConventionId,
    string? CommuneInsee,
    string CommuneName,
    string ManagerName) : IntegrationEvent;
