using Ctg.Funding.Engine.Parameters;

namespace Ctg.Funding.Engine.Explanations;

/// <summary>
/// Why an amount is what it is: the rule, its formula, the inputs, the parameter values used (shared
/// immutable objects carrying key, effective date, reference and confidence tag), the rounding and
/// the DECISIONs of RULES.md that applied, and the explanations of its parts.
/// Built with arrays and shared references only, so that explaining costs little more than computing.
/// </summary>
public sealed class Explanation
{
    private static readonly ExplanationInput[] NoInputs = [];
    private static readonly ParameterValue[] NoParameters = [];
    private static readonly Explanation[] NoChildren = [];

    public Explanation(string ruleId, string formula, decimal exactResult, string resultUnit,
        ExplanationInput[]? inputs = null, ParameterValue[]? parameters = null, string? rounding = null,
        string[]? decisions = null, Explanation[]? children = null, string? note = null)
    {
        RuleId = ruleId;
        Formula = formula;
        ExactResult = exactResult;
        ResultUnit = resultUnit;
        Inputs = inputs ?? NoInputs;
        Parameters = parameters ?? NoParameters;
        Rounding = rounding;
        Decisions = decisions ?? [];
        Children = children ?? NoChildren;
        Note = note;
    }

    public string RuleId { get; }
    public string Formula { get; }
    /// <summary>The exact value before rounding (euros unless <see cref="ResultUnit"/> says otherwise).</summary>
    public decimal ExactResult { get; }
    public string ResultUnit { get; }
    public IReadOnlyList<ExplanationInput> Inputs { get; }
    public IReadOnlyList<ParameterValue> Parameters { get; }
    /// <summary>The rounding applied to reach the amount, or null when none.</summary>
    public string? Rounding { get; }
    /// <summary>Ids of the DECISIONs that applied (see <see cref="Decisions"/> class for texts).</summary>
    public IReadOnlyList<string> Decisions { get; }
    public IReadOnlyList<Explanation> Children { get; }
    public string? Note { get; }

    /// <summary>Every DECISION id in this tree, without duplicates, in first-seen order.</summary>
    public IReadOnlyList<string> AllDecisions()
    {
        var seen = new List<string>();
        Walk(this, e => { foreach (var d in e.Decisions) if (!seen.Contains(d)) seen.Add(d); });
        return seen;
    }

    private static void Walk(Explanation e, Action<Explanation> visit)
    {
        visit(e);
        foreach (var c in e.Children) Walk(c, visit);
    }
}
