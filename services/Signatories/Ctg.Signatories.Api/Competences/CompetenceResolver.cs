using Ctg.Signatories.Conventions;
using Ctg.Signatories.Shared;
using Ctg.Signatories.Storage;
using Ctg.Signatories.V1;

namespace Ctg.Signatories.Competences;

/// <summary>
/// Who holds a field (or one AO competence) for a commune on a date, replayed from the grants and
/// transfers in force on that date, in effective-date order:
/// <list type="bullet">
/// <item>since 1 January 2025 every commune holds its four AO competences by law;</item>
/// <item>a grant adds the signatory as a holder over the communes it names;</item>
/// <item>a whole transfer replaces the commune by its transferee; a partial one adds the transferee
/// for the part it names and the commune keeps the rest.</item>
/// </list>
/// A grant or transfer of the whole field covers each AO competence of that field.
/// </summary>
public static class CompetenceResolver
{
    public static readonly DateOnly AoRegimeStart = new(2025, 1, 1);

    /// <summary>An AO competence named without its field belongs to the field petite enfance.</summary>
    public static CompetenceScopeEntry Normalize(CompetenceScopeEntry scope) =>
        scope.AoCompetence != AoCompetence.Unspecified && scope.Field == FieldOfIntervention.Unspecified
            ? scope with { Field = FieldOfIntervention.PetiteEnfance }
            : scope;

    public static List<CompetenceHolder> HoldersOf(ConventionRecord record, CompetenceScopeEntry scope, string inseeCode, DateOnly date)
    {
        var holders = new List<CompetenceHolder>();
        var commune = ConventionSnapshot.Of(record, date).FindCommune(inseeCode);
        if (commune is null)
        {
            return holders;
        }

        var communeSignatory = record.Signatories.FirstOrDefault(s => s.Kind == SignatoryKind.Commune && s.CommuneInseeCode == inseeCode);
        if (scope.AoCompetence != AoCompetence.Unspecified && date >= AoRegimeStart)
        {
            holders.Add(CommuneItself(commune, communeSignatory, AoRegimeStart, competenceId: string.Empty));
        }

        var applicable = record.Competences
            .Select((competence, index) => (competence, index))
            .Where(c => Covers(c.competence.Scope, scope) && c.competence.EffectiveOn.Stored() <= date
                        && (c.competence.IsTransfer ? c.competence.FromCommuneInseeCode == inseeCode : c.competence.CommuneInseeCodes.Contains(inseeCode)))
            .OrderBy(c => c.competence.EffectiveOn.Stored()).ThenBy(c => c.index)
            .Select(c => c.competence);

        foreach (var competence in applicable)
        {
            var since = competence.EffectiveOn.Clone();
            var signatory = record.Signatories.First(s => s.SignatoryId == competence.HolderSignatoryId);
            if (!competence.IsTransfer)
            {
                holders.RemoveAll(h => h.SignatoryId == signatory.SignatoryId);
                holders.Add(signatory.Kind == SignatoryKind.Commune && signatory.CommuneInseeCode == inseeCode
                    ? CommuneItself(commune, signatory, since.Stored(), competence.CompetenceId)
                    : Holder(signatory, TransferExtent.Whole, string.Empty, since, competence.CompetenceId));
                continue;
            }

            if (competence.Extent == TransferExtent.Whole)
            {
                holders.RemoveAll(IsCommuneItself(inseeCode));
                holders.RemoveAll(h => h.SignatoryId == signatory.SignatoryId);
                holders.Add(Holder(signatory, TransferExtent.Whole, string.Empty, since, competence.CompetenceId));
            }
            else
            {
                foreach (var communeHolder in holders.FindAll(IsCommuneItself(inseeCode)))
                {
                    communeHolder.Extent = TransferExtent.Partial;
                    communeHolder.PartialScope = "all but what was transferred";
                }

                holders.Add(Holder(signatory, TransferExtent.Partial, competence.PartialScope, since, competence.CompetenceId));
            }
        }

        return holders;
    }

    /// <summary>Whether the commune itself (not a transferee) holds the scope on the date.</summary>
    public static bool CommuneHolds(ConventionRecord record, CompetenceScopeEntry scope, string inseeCode, DateOnly date) =>
        HoldersOf(record, scope, inseeCode, date).Exists(IsCommuneItself(inseeCode));

    private static Predicate<CompetenceHolder> IsCommuneItself(string inseeCode) =>
        h => h.Kind == SignatoryKind.Commune && h.CommuneInseeCode == inseeCode;

    /// <summary>A record of scope <paramref name="recorded"/> (the stored message) answers a question about
    /// <paramref name="asked"/> when it is the same, or the whole field of the AO competence asked about.</summary>
    private static bool Covers(CompetenceScope recorded, CompetenceScopeEntry asked) =>
        recorded.Field == asked.Field
        && (recorded.AoCompetence == asked.AoCompetence || recorded.AoCompetence == AoCompetence.Unspecified);

    private static CompetenceHolder CommuneItself(Commune commune, Signatory? signatory, DateOnly since, string competenceId) => new()
    {
        SignatoryId = signatory?.SignatoryId ?? string.Empty,
        Name = signatory?.Name ?? commune.Name,
        Kind = SignatoryKind.Commune,
        CommuneInseeCode = commune.InseeCode,
        Extent = TransferExtent.Whole,
        Since = since.ToProto(),
        CompetenceId = competenceId,
    };

    private static CompetenceHolder Holder(Signatory signatory, TransferExtent extent, string partialScope, Common.V1.Date since, string competenceId) => new()
    {
        SignatoryId = signatory.SignatoryId,
        Name = signatory.Name,
        Kind = signatory.Kind,
        CommuneInseeCode = signatory.CommuneInseeCode,
        Extent = extent,
        PartialScope = partialScope,
        Since = since,
        CompetenceId = competenceId,
    };
}
