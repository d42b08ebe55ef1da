namespace Ctg.Benchmarks;

/// <summary>One measured window: how many calls completed in how long, and their latency percentiles.</summary>
public sealed record LoadResult(string Scenario, int Concurrency, long Calls, double Seconds, double P50Microseconds, double P99Microseconds)
{
    public double CallsPerSecond => Calls / Seconds;
}
