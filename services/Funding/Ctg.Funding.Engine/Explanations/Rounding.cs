namespace Ctg.Funding.Engine.Explanations;

/// <summary>The roundings the rules prescribe, by name, as shown in explanations.</summary>
public static class Rounding
{
    public const string ToCentHalfAwayFromZero = "rounded to the cent, half away from zero";
    public const string LargestRemainderInGroup = "group base parts: exact sum rounded to the cent half away from zero, each part truncated to the cent, remaining cents to the largest fractional remainders (ties: smaller structure id, ordinal)";
    public const string None = "none";
}
