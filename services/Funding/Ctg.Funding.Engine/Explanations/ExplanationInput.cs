namespace Ctg.Funding.Engine.Explanations;

/// <summary>A named input or intermediate quantity of a rule, with its unit (for display).</summary>
public readonly record struct ExplanationInput(string Name, decimal Value, string Unit);
