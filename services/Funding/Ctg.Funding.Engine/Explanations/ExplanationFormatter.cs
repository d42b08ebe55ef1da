using System.Globalization;
using System.Text;
using Ctg.Funding.Engine.Parameters;
using Ctg.Funding.Engine.Results;

namespace Ctg.Funding.Engine.Explanations;

/// <summary>
/// Renders an explanation tree as indented text for people (French number formatting: 1 234,56).
/// Formatting happens only here, on demand, never while computing.
/// </summary>
public static class ExplanationFormatter
{
    private static readonly CultureInfo Fr = Money.French;

    public static string ToText(Amount amount)
        => amount.IsComputable
            ? $"{amount.RuleId} = {Money.Format(amount.Cents)}{Environment.NewLine}{ToText(amount.Explanation!)}"
            : $"{amount.RuleId} : non calculable — le paramètre « {amount.Missing!.ParameterKey} » n'a pas de valeur pour {amount.Missing.Year}";

    public static string ToText(Explanation explanation)
    {
        var sb = new StringBuilder();
        Write(sb, explanation, 1);
        return sb.ToString();
    }

    private static void Write(StringBuilder sb, Explanation e, int depth)
    {
        var pad = new string(' ', depth * 2);
        sb.Append(pad).Append("règle ").Append(e.RuleId).Append(" : ").Append(e.Formula).AppendLine();
        sb.Append(pad).Append("  résultat exact : ").Append(Number(e.ExactResult)).Append(' ').Append(e.ResultUnit).AppendLine();
        foreach (var i in e.Inputs)
            sb.Append(pad).Append("  ").Append(i.Name).Append(" = ").Append(Number(i.Value)).Append(i.Unit.Length > 0 ? " " + i.Unit : "").AppendLine();
        foreach (var p in e.Parameters)
            sb.Append(pad).Append("  paramètre ").Append(p.Key).Append(" = ")
              .Append(p.Value is { } v ? Number(v) : "barème").Append(' ').Append(p.Unit.ToName())
              .Append(" (en vigueur le ").Append(p.EffectiveFrom == DateOnly.MinValue ? "— surcharge de simulation" : p.EffectiveFrom.ToString("dd/MM/yyyy", Fr))
              .Append(", ").Append(p.Tag).Append(", ").Append(p.Reference.Title).Append(" — ").Append(p.Reference.Url).Append(')').AppendLine();
        if (e.Rounding is not null) sb.Append(pad).Append("  arrondi : ").Append(e.Rounding).AppendLine();
        foreach (var d in e.Decisions) sb.Append(pad).Append("  ").Append(d).Append(" : ").Append(Decisions.Describe(d)).AppendLine();
        if (e.Note is not null) sb.Append(pad).Append("  note : ").Append(e.Note).AppendLine();
        foreach (var c in e.Children) Write(sb, c, depth + 1);
    }

    private static string Number(decimal d) => (d / 1.0000000000000000000000000000m).ToString("#,##0.##########", Fr);
}
