using Ctg.Funding.Engine.Explanations;

namespace Ctg.Funding.Engine.Results;

/// <summary>Why a rule could not be computed: the parameter it needs has no value for the year.</summary>
public sealed record NotComputable(string RuleId, string ParameterKey, int Year)
{
    public override string ToString() => $"{RuleId}: parameter '{ParameterKey}' has no value for {Year}";
}

/// <summary>
/// The result of one rule: either an amount in cents with its explanation, or <see cref="NotComputable"/>
/// naming the missing parameter and year. Never a silent zero.
/// </summary>
public sealed class Amount
{
    private Amount(string ruleId, long cents, Explanation? explanation, NotComputable? missing)
    {
        RuleId = ruleId;
        Cents = cents;
        Explanation = explanation;
        Missing = missing;
    }

    public string RuleId { get; }
    /// <summary>The amount in cents; 0 and meaningless when not computable (check <see cref="IsComputable"/>).</summary>
    public long Cents { get; }
    public Explanation? Explanation { get; }
    public NotComputable? Missing { get; }
    public bool IsComputable => Missing is null;

    public static Amount Computed(long cents, Explanation explanation) => new(explanation.RuleId, cents, explanation, null);

    public static Amount NotComputable(string ruleId, string parameterKey, int year)
        => new(ruleId, 0, null, new NotComputable(ruleId, parameterKey, year));

    public override string ToString() => IsComputable ? $"{RuleId}={Cents}c" : Missing!.ToString();
}
