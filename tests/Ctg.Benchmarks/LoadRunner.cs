using System.Diagnostics;

namespace Ctg.Benchmarks;

/// <summary>Keeps <c>concurrency</c> calls in flight for a fixed time (bounded: it always stops) and records
/// every call's latency.</summary>
public static class LoadRunner
{
    public static async Task<LoadResult> RunAsync(string scenario, int concurrency, TimeSpan warmUp, TimeSpan duration, Func<Task> call)
    {
        await RunWindowAsync(concurrency, warmUp, call, record: false);
        var (latencies, seconds) = await RunWindowAsync(concurrency, duration, call, record: true);
        latencies.Sort();
        double Percentile(double q) => latencies.Count == 0 ? double.NaN
            : latencies[Math.Min(latencies.Count - 1, (int)(q * latencies.Count))] * 1_000_000.0 / Stopwatch.Frequency;
        return new LoadResult(scenario, concurrency, latencies.Count, seconds, Percentile(0.50), Percentile(0.99));
    }

    private static async Task<(List<long> Latencies, double Seconds)> RunWindowAsync(int concurrency, TimeSpan window, Func<Task> call, bool record)
    {
        var perWorker = Enumerable.Range(0, concurrency).Select(_ => new List<long>(capacity: 1 << 16)).ToArray();
        var started = Stopwatch.GetTimestamp();
        var until = started + (long)(window.TotalSeconds * Stopwatch.Frequency);
        var workers = perWorker.Select(latencies => Task.Run(async () =>
        {
            while (Stopwatch.GetTimestamp() < until)
            {
                var before = Stopwatch.GetTimestamp();
                await call();
                if (record)
                {
                    latencies.Add(Stopwatch.GetTimestamp() - before);
                }
            }
        }));
        await Task.WhenAll(workers);
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        return (perWorker.SelectMany(l => l).ToList(), seconds);
    }
}
