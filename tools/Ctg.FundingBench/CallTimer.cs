using System.Collections.Concurrent;
using System.Diagnostics;

namespace Ctg.FundingBench;

/// <summary>Latency of each named gRPC call a page reads, so that a page over its target names its slow call.</summary>
public sealed class CallTimer
{
    private readonly ConcurrentDictionary<string, ConcurrentBag<double>> _times = new(StringComparer.Ordinal);

    /// <summary>Records the time from now until <paramref name="call"/> completes (calls started together overlap).</summary>
    public async Task<T> Time<T>(string name, Func<Task<T>> call)
    {
        var sw = Stopwatch.StartNew();
        try
        {
            return await call();
        }
        finally
        {
            _times.GetOrAdd(name, _ => []).Add(sw.Elapsed.TotalMilliseconds);
        }
    }

    public void Clear() => _times.Clear();

    /// <summary>The call with the highest p95 and that p95.</summary>
    public (string Name, double P95) Slowest() =>
        _times.Select(t => (t.Key, P95: Percentile(t.Value.ToList(), 95))).OrderByDescending(t => t.P95).FirstOrDefault();

    public static double Percentile(List<double> values, int percentile)
    {
        var sorted = values.Order().ToList();
        var rank = (int)Math.Ceiling(percentile / 100d * sorted.Count) - 1;
        return sorted[Math.Clamp(rank, 0, sorted.Count - 1)];
    }
}
