using System.Diagnostics;
using Ctg.DataGen;
using Ctg.Funding.V1;
using Grpc.Core;

namespace Ctg.FundingBench;

/// <summary>
/// The national allocation as CAFs run it: one RunAllocations call naming every CAF of the data set, the funding
/// service reading its inputs in a few streams and recording every run. Only the data set's CTGs are counted; the
/// demo conventions of the same CAFs that run during the year are allocated too and reported apart.
/// </summary>
public static class BatchAllocation
{
    /// <summary>google.rpc.Code FAILED_PRECONDITION: an unsigned CTG.</summary>
    private const int FailedPrecondition = 9;

    public static async Task<NationalAllocationBenchmark.AllocationResult> AllocateAsync(BenchPlatform platform, AllocationRuns.AllocationRunsClient runs,
        NationalDataSet data, HashSet<string> signed)
    {
        var national = data.Ctgs.Select(c => c.Id).ToHashSet(StringComparer.Ordinal);
        var cafs = data.Communes.GroupBy(c => c.CtgId).Select(g => NationalIds.Departement(g.First().InseeCode)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
        var request = new RunAllocationsRequest { Year = data.Year, DeclarationVersion = Ctg.Structures.V1.DeclarationVersion.Reel, RequestedBy = "banc-essai" };
        request.CafDepartements.AddRange(cafs);

        var paid = new Dictionary<string, long>(StringComparer.Ordinal);
        var failures = new List<string>();
        var (completed, refused, others) = (0, 0, 0);
        long totalPaid = 0, responseBytes = 0;
        var firstItemMs = 0d;
        var cpuBefore = platform.Services.ToDictionary(p => p.Name, p => p.CpuTime());
        var sw = Stopwatch.StartNew();
        try
        {
            using var call = runs.RunAllocations(request, deadline: DateTime.UtcNow.AddMinutes(10));
            await foreach (var item in call.ResponseStream.ReadAllAsync())
            {
                if (firstItemMs == 0) firstItemMs = sw.Elapsed.TotalMilliseconds;
                if (!national.Contains(item.ConventionId))
                {
                    others++;
                }
                else if (item.Run is { } run)
                {
                    completed++;
                    totalPaid += run.TotalPaid.Cents;
                    responseBytes += item.CalculateSize();
                    paid[item.ConventionId] = run.TotalPaid.Cents;
                }
                else if (item.Refusal is { Code: FailedPrecondition } && !signed.Contains(item.ConventionId))
                {
                    refused++;
                }
                else
                {
                    failures.Add($"{item.ConventionId}: {item.Refusal?.Code} {item.Refusal?.Message}");
                }
            }
        }
        catch (RpcException e)
        {
            failures.Add($"RunAllocations: {e.StatusCode} {e.Status.Detail}");
        }

        sw.Stop();
        var missing = national.Count - completed - refused - failures.Count;
        if (missing > 0) failures.Add($"{missing} CTG absentes de la réponse");
        var cpu = platform.Services.ToDictionary(p => p.Name, p => p.CpuTime() - cpuBefore[p.Name]);
        return new NationalAllocationBenchmark.AllocationResult(sw.Elapsed, completed, refused, others, totalPaid, responseBytes, failures, cpu, firstItemMs, paid);
    }
}
