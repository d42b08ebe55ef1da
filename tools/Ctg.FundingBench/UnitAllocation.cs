using System.Diagnostics;
using Ctg.DataGen;
using Ctg.Funding.V1;
using Grpc.Core;

namespace Ctg.FundingBench;

/// <summary>The per-CTG RunAllocation on a sample of the signed CTGs, for comparison with RunAllocations: its duration
/// and whether each run pays the same total to the cent as the batch run of the same CTG.</summary>
public static class UnitAllocation
{
    public sealed record Result(int Ctgs, TimeSpan Elapsed, List<string> Mismatches);

    public static async Task<Result> SampleAsync(AllocationRuns.AllocationRunsClient runs, NationalDataSet data, HashSet<string> signed,
        IReadOnlyDictionary<string, long> batchPaid, int size, int concurrency)
    {
        // Every n-th signed CTG, so that the sample spans small and large ones.
        var all = data.Ctgs.Where(c => signed.Contains(c.Id)).Select(c => c.Id).Order(StringComparer.Ordinal).ToList();
        var step = Math.Max(all.Count / Math.Max(size, 1), 1);
        var sample = all.Where((_, i) => i % step == 0).Take(size).ToList();
        var mismatches = new List<string>();
        var sw = Stopwatch.StartNew();
        await Parallel.ForEachAsync(sample, new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (ctg, ct) =>
        {
            try
            {
                var run = await runs.RunAllocationAsync(new RunAllocationRequest
                {
                    ConventionId = ctg, Year = data.Year, DeclarationVersion = Ctg.Structures.V1.DeclarationVersion.Reel, RequestedBy = "banc-essai",
                }, deadline: DateTime.UtcNow.AddMinutes(5), cancellationToken: ct);
                if (batchPaid.GetValueOrDefault(ctg, -1) != run.TotalPaid.Cents)
                {
                    lock (mismatches) mismatches.Add($"{ctg} ({run.TotalPaid.Cents} c contre {batchPaid.GetValueOrDefault(ctg, -1)} c)");
                }
            }
            catch (RpcException e)
            {
                lock (mismatches) mismatches.Add($"{ctg}: {e.StatusCode}");
            }
        });
        return new Result(sample.Count, sw.Elapsed, mismatches);
    }
}
