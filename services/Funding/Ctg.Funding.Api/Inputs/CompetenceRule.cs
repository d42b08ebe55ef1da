using Ctg.Signatories.V1;
using ProtoKind = Ctg.Funding.V1.BonusTerritoireKind;

namespace Ctg.Funding.Api.Inputs;

/// <summary>
/// DECISION-BT-COMPETENCE-AT-COMMUNE (RULES.md §4.8), free of any host: which field of intervention a kind of the
/// bonus territoire falls under, and whether the supporting collectivity holds it at the structure's commune.
/// </summary>
public static class CompetenceRule
{
    public static FieldOfIntervention FieldOf(ProtoKind kind) => kind switch
    {
        ProtoKind.Eaje or ProtoKind.Rpe => FieldOfIntervention.PetiteEnfance,
        ProtoKind.Alsh => FieldOfIntervention.Enfance,
        ProtoKind.Jeunes => FieldOfIntervention.Jeunesse,
        ProtoKind.Laep => FieldOfIntervention.Parentalite,
        _ => FieldOfIntervention.Unspecified,
    };

    /// <param name="holders">The holders the signatories service names; null when it cannot say for this commune.</param>
    public static bool IsHeldBy(IList<CompetenceHolder>? holders, string supportingCollectivityId) =>
        holders is null || holders.Count == 0 || holders.Any(h => h.SignatoryId == supportingCollectivityId);
}
