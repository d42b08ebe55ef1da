namespace Ctg.Funding.Engine.Validation;

/// <summary>One invalid input field; the service maps these to google.rpc.BadRequest field violations.</summary>
public sealed record FieldViolation(string Field, string Message)
{
    public override string ToString() => $"{Field}: {Message}";
}

/// <summary>Inputs the rules cannot compute from (negative hours or costs, HR = 0 for a billing rate...).</summary>
public sealed class FundingInputException(IReadOnlyList<FieldViolation> violations)
    : ArgumentException("Invalid funding input: " + string.Join("; ", violations))
{
    public IReadOnlyList<FieldViolation> Violations { get; } = violations;
}
