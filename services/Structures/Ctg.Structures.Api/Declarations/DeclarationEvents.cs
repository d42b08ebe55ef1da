using Ctg.Structures.Events;
using Ctg.Structures.Shared;
using Ctg.Structures.V1;

namespace Ctg.Structures.Declarations;

/// <summary>The structures.declaration-submitted.v1 event of a recorded revision (services/Structures/EVENTS.md).</summary>
internal static class DeclarationEvents
{
    public static DeclarationSubmittedV1 Submitted(Declaration d, ParsedFigures f, Structure s) => new(
        d.DeclarationId,
        d.StructureId,
        d.Kind.Code(),
        d.Year,
        d.Version.Code(),
        d.Revision,
        d.CorrectionReason.Length > 0 ? d.CorrectionReason : null,
        d.ReceivedOn.ToDateOnly()!.Value.ToIso(),
        d.DueDate.ToDateOnly()!.Value.ToIso(),
        d.Late,
        d.NeedsReview,
        f.BillingRate,
        f.HoursInvoiced,
        f.HoursAttended,
        f.OperatingCostsCents,
        f.FamilyParticipationsCents,
        f.RegimeGeneralShare,
        f.AeehHours,
        f.AeehChildren,
        f.Places,
        f.MonthsOpen,
        f.Etp,
        f.OpeningHours,
        s.Details.Eaje is { } eaje ? eaje.SuppliesNappies && eaje.SuppliesMeals : null,
        s.Details.SupportingCollectivityId,
        s.ConventionId,
        (s.Details.Address.CommuneInsee.Length > 0 ? s.Details.Address.CommuneInsee : null),
        s.Details.Address.CommuneName,
        s.Details.Manager.Name,
        f.Periscolaire?.HoursAttended,
        f.Periscolaire?.OperatingCostsCents,
        f.Extrascolaire?.HoursAttended,
        f.Extrascolaire?.OperatingCostsCents);
}
