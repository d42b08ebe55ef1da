using Ctg.Signatories.Storage;
using Ctg.Signatories.V1;

namespace Ctg.Signatories.Domain;

/// <summary>
/// The obligations of the communes as autorités organisatrices de l'accueil du jeune enfant (law of
/// 18 December 2023 "pour le plein emploi", in force 1 January 2025), by legal population:
/// <list type="bullet">
/// <item>every commune: recenser les besoins et l'offre; informer et accompagner les familles;</item>
/// <item>above 3,500 inhabitants, also: planifier le développement de l'offre; soutenir la qualité;</item>
/// <item>above 10,000: planning through a schéma pluriannuel, and from 1 January 2026 a relais petite enfance.</item>
/// </list>
/// Each competence is exercised by the commune or by whoever it transferred it to.
/// </summary>
public static class AoObligations
{
    public const long PlanningThreshold = 3_500;
    public const long SchemaAndRpeThreshold = 10_000;
    public static readonly DateOnly RpeObligationStart = new(2026, 1, 1);

    public static GetAoObligationsResponse For(ConventionRecord record, DateOnly asOf)
    {
        var snapshot = ConventionSnapshot.Of(record, asOf);
        var response = new GetAoObligationsResponse
        {
            ConventionId = record.ConventionId,
            AsOf = asOf.ToProto(),
            AoRegimeInForce = asOf >= CompetenceResolver.AoRegimeStart,
        };
        foreach (var commune in snapshot.Communes.OrderBy(c => c.InseeCode, StringComparer.Ordinal))
        {
            response.Communes.Add(ForCommune(record, commune, asOf, response.AoRegimeInForce));
        }

        return response;
    }

    private static CommuneAoObligations ForCommune(ConventionRecord record, Commune commune, DateOnly asOf, bool inForce)
    {
        var result = new CommuneAoObligations
        {
            InseeCode = commune.InseeCode,
            Name = commune.Name,
            PopulationKnown = commune.HasLegalPopulation,
        };
        if (commune.HasLegalPopulation)
        {
            result.LegalPopulation = commune.LegalPopulation;
        }

        if (!inForce)
        {
            return result;
        }

        var competences = new List<(AoCompetence Competence, List<AoMeasureKind> Measures)>
        {
            (AoCompetence.RecenserBesoins, []),
            (AoCompetence.InformerAccompagner, []),
        };
        if (!commune.HasLegalPopulation)
        {
            result.Unmet.Add("legal population unknown: whether planning and quality support are mandatory cannot be told");
        }
        else if (commune.LegalPopulation > PlanningThreshold)
        {
            var above10000 = commune.LegalPopulation > SchemaAndRpeThreshold;
            competences.Add((AoCompetence.Planifier, above10000 ? [AoMeasureKind.SchemaPluriannuel] : []));
            competences.Add((AoCompetence.SoutenirQualite,
                above10000 && asOf >= RpeObligationStart ? [AoMeasureKind.RelaisPetiteEnfance] : []));
        }

        foreach (var (competence, required) in competences)
        {
            var scope = new CompetenceScope { Field = FieldOfIntervention.PetiteEnfance, AoCompetence = competence };
            var obligation = new AoObligation { Competence = competence };
            obligation.ExercisedBy.AddRange(CompetenceResolver.HoldersOf(record, scope, commune.InseeCode, asOf));
            obligation.RequiredMeasures.AddRange(required);
            obligation.MissingMeasures.AddRange(required.Where(kind => !record.AoMeasures.Any(m =>
                m.Kind == kind && m.CommuneInseeCodes.Contains(commune.InseeCode) && m.InPlaceFrom.Stored() <= asOf)));
            obligation.Met = obligation.ExercisedBy.Count > 0 && obligation.MissingMeasures.Count == 0;
            if (obligation.ExercisedBy.Count == 0)
            {
                result.Unmet.Add($"{competence}: nobody exercises it");
            }

            foreach (var missing in obligation.MissingMeasures)
            {
                result.Unmet.Add(missing == AoMeasureKind.SchemaPluriannuel
                    ? $"{competence}: no schéma pluriannuel de maintien et de développement de l'offre in place"
                    : $"{competence}: no relais petite enfance in place");
            }

            result.Obligations.Add(obligation);
        }

        return result;
    }
}
