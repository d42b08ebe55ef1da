using Ctg.Signatories.Conventions;
using Ctg.Signatories.Shared;
using Ctg.Signatories.Storage;
using Ctg.Signatories.V1;

namespace Ctg.Signatories.Competences;

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

    /// <param name="registeredRpes">The relais petite enfance of the structures registry on the
    /// territory, or null when the registry was not consulted (only declared measures count then).</param>
    public static GetAoObligationsResponse For(ConventionRecord record, DateOnly asOf, IReadOnlyList<RegisteredRpe>? registeredRpes = null)
    {
        var snapshot = ConventionSnapshot.Of(record, asOf);
        var response = new GetAoObligationsResponse
        {
            ConventionId = record.ConventionId,
            AsOf = asOf.ToProto(),
            AoRegimeInForce = asOf >= CompetenceResolver.AoRegimeStart,
            RpeRegistryChecked = registeredRpes is not null,
        };
        var context = new Context(record, snapshot, asOf, registeredRpes ?? []);
        foreach (var commune in snapshot.Communes.OrderBy(c => c.InseeCode, StringComparer.Ordinal))
        {
            response.Communes.Add(ForCommune(context, commune, response.AoRegimeInForce));
        }

        return response;
    }

    private sealed record Context(ConventionRecord Record, ConventionSnapshot Snapshot, DateOnly AsOf, IReadOnlyList<RegisteredRpe> Rpes)
    {
        /// <summary>"La CTG tient lieu de schéma": declared by the convention, in force on the date and covering petite enfance.</summary>
        public bool CtgStandsInForSchema =>
            Record.SchemaStandIn is { StandsIn: true }
            && Snapshot.Status == ConventionStatus.Active
            && Snapshot.Fields.Contains(FieldOfIntervention.PetiteEnfance);
    }

    private static CommuneAoObligations ForCommune(Context context, Commune commune, bool inForce)
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

        result.Obligations.Add(Obligation(context, commune, AoCompetence.RecenserBesoins, result));
        result.Obligations.Add(Obligation(context, commune, AoCompetence.InformerAccompagner, result));
        var mandatory = commune.HasLegalPopulation && commune.LegalPopulation > PlanningThreshold;
        if (!commune.HasLegalPopulation)
        {
            result.Unmet.Add("legal population unknown: whether planning and quality support are mandatory cannot be told");
        }

        foreach (var competence in new[] { AoCompetence.Planifier, AoCompetence.SoutenirQualite })
        {
            // Below the threshold the competence is optional; it is listed when a grouping exercises it by transfer.
            if (mandatory || Grouping(context, commune.InseeCode, competence) is not null)
            {
                var obligation = Obligation(context, commune, competence, result);
                obligation.OptionalCompetence = !mandatory;
                result.Obligations.Add(obligation);
            }
        }

        return result;
    }

    private static AoObligation Obligation(Context context, Commune commune, AoCompetence competence, CommuneAoObligations result)
    {
        var scope = Scope(competence);
        var obligation = new AoObligation { Competence = competence };
        obligation.ExercisedBy.AddRange(CompetenceResolver.HoldersOf(context.Record, scope, commune.InseeCode, context.AsOf));

        // The population the 10,000 threshold applies to, and the communes a measure may sit in: the
        // commune's own, or the grouping's when the commune transferred the competence to it.
        var communes = new List<string> { commune.InseeCode };
        long? population = commune.HasLegalPopulation ? commune.LegalPopulation : null;
        if (Grouping(context, commune.InseeCode, competence) is { } grouping)
        {
            communes = context.Snapshot.Communes.Where(c => Grouping(context, c.InseeCode, competence) == grouping).Select(c => c.InseeCode).ToList();
            var members = context.Snapshot.Communes.Where(c => communes.Contains(c.InseeCode)).ToList();
            population = members.All(c => c.HasLegalPopulation) ? members.Sum(c => c.LegalPopulation) : null;
            if (population is { } grouped)
            {
                obligation.GroupedPopulation = grouped;
            }
        }

        var required = new List<AoMeasureKind>();
        if (population > SchemaAndRpeThreshold && competence == AoCompetence.Planifier)
        {
            required.Add(AoMeasureKind.SchemaPluriannuel);
        }

        if (population > SchemaAndRpeThreshold && competence == AoCompetence.SoutenirQualite && context.AsOf >= RpeObligationStart)
        {
            required.Add(AoMeasureKind.RelaisPetiteEnfance);
        }

        obligation.RequiredMeasures.AddRange(required);
        foreach (var kind in required)
        {
            var declared = context.Record.AoMeasures.Any(m =>
                m.Kind == kind && m.CommuneInseeCodes.Any(communes.Contains) && m.InPlaceFrom.Stored() <= context.AsOf);
            if (kind == AoMeasureKind.SchemaPluriannuel && !declared && context.CtgStandsInForSchema)
            {
                obligation.SchemaByCtg = true;
                continue;
            }

            if (kind == AoMeasureKind.RelaisPetiteEnfance)
            {
                obligation.RegisteredRpeStructureIds.AddRange(context.Rpes
                    .Where(r => communes.Contains(r.CommuneInseeCode) && r.IsOpenOn(context.AsOf))
                    .Select(r => r.StructureId).Order(StringComparer.Ordinal));
                if (obligation.RegisteredRpeStructureIds.Count > 0)
                {
                    continue;
                }
            }

            if (!declared)
            {
                obligation.MissingMeasures.Add(kind);
            }
        }

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

        return obligation;
    }

    /// <summary>The grouping (EPCI or syndicate) that holds the commune's competence instead of the
    /// commune (whole transfer) on the date, or null when the commune exercises it itself.</summary>
    private static string? Grouping(Context context, string inseeCode, AoCompetence competence)
    {
        var holders = CompetenceResolver.HoldersOf(context.Record, Scope(competence), inseeCode, context.AsOf);
        if (holders.Any(h => h.CommuneInseeCode == inseeCode))
        {
            return null;
        }

        return holders.Where(h => !string.IsNullOrEmpty(h.SignatoryId)).Select(h => h.SignatoryId).Order(StringComparer.Ordinal).FirstOrDefault();
    }

    private static CompetenceScopeEntry Scope(AoCompetence competence) => new(FieldOfIntervention.PetiteEnfance, competence);
}

/// <summary>A relais petite enfance of the structures registry: where it is and from when to when it is open.</summary>
public sealed record RegisteredRpe(string StructureId, string CommuneInseeCode, DateOnly? OpeningDate, DateOnly? ClosingDate)
{
    public bool IsOpenOn(DateOnly date) => (OpeningDate is null || OpeningDate <= date) && (ClosingDate is null || ClosingDate > date);
}
