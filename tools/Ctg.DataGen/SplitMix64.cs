namespace Ctg.DataGen;

/// <summary>
/// A tiny deterministic generator (SplitMix64): the same seed gives the same data set on every machine
/// and every .NET version, which System.Random does not promise.
/// </summary>
public sealed class SplitMix64(ulong seed)
{
    private ulong _state = seed;

    public ulong NextUInt64()
    {
        var z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>Uniform integer in [min, max).</summary>
    public int Next(int min, int max) => min + (int)(NextUInt64() % (ulong)(max - min));

    /// <summary>Uniform in [0, 1) with 53 bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    public bool Chance(double p) => NextDouble() < p;

    /// <summary>Uniform decimal in [min, max) rounded to <paramref name="decimals"/> places.</summary>
    public decimal Decimal(decimal min, decimal max, int decimals = 2)
        => Math.Round(min + (max - min) * (decimal)NextDouble(), decimals, MidpointRounding.AwayFromZero);
}
