using Ctg.Presentation.Explanations;
using Ctg.Presentation.Formatting;
using Ctg.Funding.V1;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Ctg.Cli.Reports;

/// <summary>An explanation of the funding service as a tree a person can read: each rule with its
/// formula and result, its inputs, the parameter values with their legal reference and confidence,
/// the rounding and the decisions that applied, then the rules it is made of.</summary>
public static class ExplanationTreeView
{
    /// <param name="collectivityNames">The run's collectivities by id, so that a group's note names it.</param>
    public static Tree Build(string title, Explanation explanation, IReadOnlyDictionary<string, string>? collectivityNames = null)
    {
        var tree = new Tree(new Markup($"[bold]{Markup.Escape(title)}[/]"));
        AddRule(tree.AddNode(RuleLabel(explanation)), explanation, collectivityNames);
        return tree;
    }

    private static IRenderable RuleLabel(Explanation e)
    {
        var result = FrenchExplanationText.Result(e);
        return new Markup($"[bold]{Markup.Escape(FrenchExplanationText.Rule(e.RuleId))}[/] = [cyan]{Markup.Escape(result)}[/]" +
            (string.IsNullOrEmpty(e.Formula) ? "" : $"  [grey]({Markup.Escape(FrenchExplanationText.Formula(e.Formula))})[/]"));
    }

    private static void AddRule(TreeNode node, Explanation e, IReadOnlyDictionary<string, string>? collectivityNames)
    {
        if (e.Inputs.Count > 0)
        {
            var inputs = node.AddNode("[underline]Données[/]");
            foreach (var input in e.Inputs)
            {
                inputs.AddNode(Markup.Escape($"{FrenchExplanationText.InputName(input.Name)} = {Labels.Quantity(input.Value, input.Unit)}"));
            }
        }
        if (e.Parameters.Count > 0)
        {
            var parameters = node.AddNode("[underline]Paramètres[/]");
            foreach (var p in e.Parameters)
            {
                parameters.AddNode(new Markup(Markup.Escape(ParameterText(p)) +
                    (string.IsNullOrEmpty(p.ReferenceTitle) && string.IsNullOrEmpty(p.ReferenceUrl) ? ""
                        : $"\n[grey]Référence : {Markup.Escape(p.ReferenceTitle)}{(string.IsNullOrEmpty(p.ReferenceUrl) ? "" : " — " + Markup.Escape(p.ReferenceUrl))}[/]") +
                    $"\n[grey]Fiabilité : {Markup.Escape(Labels.Confidence(p.Confidence))}[/]" +
                    (string.IsNullOrEmpty(p.Note) ? "" : $"\n[grey]Note : {Markup.Escape(p.Note)}[/]")));
            }
        }
        if (!string.IsNullOrEmpty(e.Rounding))
        {
            node.AddNode(new Markup($"[underline]Arrondi[/] : {Markup.Escape(FrenchExplanationText.RoundingText(e.Rounding))}"));
        }
        if (e.Decisions.Count > 0)
        {
            var decisions = node.AddNode("[underline]Décisions appliquées[/]");
            foreach (var d in e.Decisions)
            {
                // The French text cites its section of the rules; the DECISION id is the rules' key, not words for a person.
                decisions.AddNode(Markup.Escape(FrenchExplanationText.Decision(d.Id, d.Text)));
            }
        }
        if (!string.IsNullOrEmpty(e.Note))
        {
            node.AddNode(new Markup($"[underline]Note[/] : {Markup.Escape(FrenchExplanationText.Note(e.Note, collectivityNames))}"));
        }
        foreach (var child in e.Children)
        {
            AddRule(node.AddNode(RuleLabel(child)), child, collectivityNames);
        }
    }

    public static string ParameterText(ParameterValueUsed p)
    {
        var value = p.Brackets.Count > 0
            ? "barème " + string.Join(" ; ", p.Brackets.Select(b => $"dès {Labels.Decimal(b.Threshold)} : {Labels.Quantity(b.Amount, p.Unit)}"))
            : Labels.Quantity(p.Value, p.Unit);
        return $"{p.Key} = {value} (en vigueur depuis le {French.Date(p.EffectiveFrom)})";
    }
}
