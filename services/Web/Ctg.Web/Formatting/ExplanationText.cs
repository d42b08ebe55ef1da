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
        return $"{p.Key} = {value} (en vigueur depuis le {French.Date(p.EffectiveFrom)})";
    }

    /// <summary>"non calculable : psu.prix_plafond absent pour 2031" — never a zero.</summary>
    public static string NotComputable(NotComputable n) =>
        $"non calculable : {n.ParameterKey} absent pour {n.Year}";
}
