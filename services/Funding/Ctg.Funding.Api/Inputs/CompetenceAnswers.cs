using Ctg.Signatories.V1;

namespace Ctg.Funding.Api.Inputs;

/// <summary>What signatories answered a CTG's competence questions (<see cref="AllocationInputReader.CompetenceQuestions"/>):
/// the holders by commune and field (null for a commune it cannot say, outside the territory), or no holders at all
/// when it does not know the convention.</summary>
public sealed class CompetenceAnswers
{
    private CompetenceAnswers(IReadOnlyDictionary<(string Commune, FieldOfIntervention Field), IList<CompetenceHolder>?>? holders) => Holders = holders;

    /// <summary>Null when signatories does not know the convention (ListCompetenceHolders' NOT_FOUND).</summary>
    public IReadOnlyDictionary<(string Commune, FieldOfIntervention Field), IList<CompetenceHolder>?>? Holders { get; }

    public static CompetenceAnswers ConventionUnknown { get; } = new(null);

    /// <summary>The answers of each field's question, by commune.</summary>
    public static CompetenceAnswers Of(IEnumerable<(FieldOfIntervention Field, IReadOnlyDictionary<string, IList<CompetenceHolder>?> ByCommune)> answers) => new(
        answers.SelectMany(a => a.ByCommune.Select(h => (Key: (h.Key, a.Field), h.Value))).ToDictionary(x => x.Key, x => x.Value));
}
