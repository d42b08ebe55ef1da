namespace Ctg.Funding.Engine.Parameters;

/// <summary>One step of a scale parameter: from <see cref="Threshold"/> (inclusive) upwards the value is <see cref="Amount"/>.</summary>
public readonly record struct ScaleBracket(decimal Threshold, decimal Amount);
