using Ctg.Presentation.Explanations;
using Ctg.Presentation.Formatting;
using Ctg.Funding.V1;

namespace Ctg.Web.Formatting;

/// <summary>Sentences of an explanation that the page composes from several fields.</summary>
public static class ExplanationText
{
    public static string Parameter(ParameterValueUsed p)
    {
        var value = p.Brackets.Count > 0
            ? "barème " + string.Join(" ; ", p.Brackets.Select(b => $"dès {Labels.Decimal(b.Threshold)} : {Labels.Quantity(b.Amount, p.Unit)}"))
            : Labels.Quantity(p.Value, p.Unit);
        return $"{ParameterNames.Name(p.Key)} = {value} (en vigueur depuis le {French.Date(p.EffectiveFrom)} ; clé du barème {p.Key})";
    }

    /// <summary>"non calculable : PSU, prix plafond (psu.prix_plafond) absent pour 2031" — never a zero; the key stays beside the words, as the barème files name it.</summary>
    public static string NotComputable(NotComputable n) =>
        $"non calculable : {ParameterNames.Name(n.ParameterKey)} ({n.ParameterKey}) absent pour {n.Year}";
}
