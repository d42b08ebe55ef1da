using System.Diagnostics;
using System.Globalization;
using Ctg.DataGen;
using Ctg.Funding.Engine;
using Ctg.Funding.Engine.BonusTerritoire;
using Ctg.Funding.Engine.Parameters.Loading;
using Ctg.Funding.V1;
using Ctg.ServiceDefaults;
using Ctg.Structures.V1;
using Grpc.Core;

namespace Ctg.FundingBench;

/// <summary>
/// The full national bonus territoire allocation (1,200 CTGs, 53,000 structures) end to end: the funding
/// service runs as its own process on SQLite, reads every input over gRPC from the national feed, computes
/// and persists one immutable run per CTG. The same allocation is timed with the engine in-process, and
/// the ratio printed. Targets (issue 5): end to end &lt; 60 s, service peak RSS &lt; 1 GB.
/// </summary>
public static class NationalAllocationBenchmark
{
    private static readonly CultureInfo Fr = Ctg.Funding.Engine.Results.Money.French;

    public static async Task<int> RunAsync(string[] args, TextWriter output)
    {
        var concurrency = IntArg(args, "--concurrency", 8);
        var seed = IntArg(args, "--seed", NationalDataSetGenerator.DefaultSeed);
        var data = NationalDataSetGenerator.Generate(seed);
        var signed = data.Ctgs.Where(c => c.Signed).Select(c => c.Id).ToHashSet(StringComparer.Ordinal);
        output.WriteLine($"Financement — allocation nationale du bonus territoire de bout en bout (graine {seed}, année {data.Year})");
        output.WriteLine($"  données : {N(data.Structures.Count)} structures, {N(data.Ctgs.Count)} CTG dont {N(signed.Count)} signées, {N(data.Communes.Count)} communes");

        var inProcess = InProcess(data, signed);
        output.WriteLine($"  en processus (moteur seul, mêmes entrées) : {Ms(inProcess.Milliseconds)} pour {N(inProcess.Runs)} allocations, total versé {Euros(inProcess.TotalPaidCents)}");

        var feed = new NationalFeed(data);
        await using var feedHost = await FeedHost.StartAsync(feed);
        var work = Path.Combine(Path.GetTempPath(), "ctg-fundingbench-" + Guid.NewGuid().ToString("N"));
        using var service = FundingProcess.Start(feedHost.Address, work);
        try
        {
            using var channel = CtgGrpcChannel.Create(service.Address, new CtgChannelOptions { MaxMessageBytes = 64 * 1024 * 1024 });
            var runs = new AllocationRuns.AllocationRunsClient(channel);
            await service.WaitUntilReadyAsync(runs);

            var completed = 0;
            var refused = 0;
            long totalPaid = 0;
            long responseBytes = 0;
            var failures = new List<string>();
            var cpuBefore = service.CpuTime();
            var sw = Stopwatch.StartNew();
            await Parallel.ForEachAsync(data.Ctgs, new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (ctg, ct) =>
            {
                try
                {
                    var run = await runs.RunAllocationAsync(new RunAllocationRequest
                    {
                        ConventionId = ctg.Id, Year = data.Year, DeclarationVersion = DeclarationVersion.Reel, RequestedBy = "bench",
                    }, deadline: DateTime.UtcNow.AddMinutes(2), cancellationToken: ct);
                    Interlocked.Increment(ref completed);
                    Interlocked.Add(ref totalPaid, run.TotalPaid.Cents);
                    Interlocked.Add(ref responseBytes, run.CalculateSize());
                }
                catch (RpcException e) when (e.StatusCode == StatusCode.FailedPrecondition && !signed.Contains(ctg.Id))
                {
                    Interlocked.Increment(ref refused);
                }
                catch (RpcException e)
                {
                    lock (failures) failures.Add($"{ctg.Id}: {e.StatusCode} {e.Status.Detail}");
                }
            });
            sw.Stop();
            var serviceCpu = service.CpuTime() - cpuBefore;
            var peakRss = service.PeakRssBytes();

            output.WriteLine($"  de bout en bout (service funding, processus séparé, SQLite, lectures gRPC, {concurrency} appels simultanés) : " +
                             $"{Ms(sw.Elapsed.TotalMilliseconds)} — {N(completed)} exécutions enregistrées, {N(refused)} CTG non signées refusées (FAILED_PRECONDITION), {N(failures.Count)} échecs");
            output.WriteLine($"  total versé par le service : {Euros(totalPaid)} — {(totalPaid == inProcess.TotalPaidCents ? "identique au centime au calcul en processus" : "DIFFÉRENT du calcul en processus")}; réponse moyenne {(responseBytes / 1024d / Math.Max(completed, 1)).ToString("N0", Fr)} Kio");
            output.WriteLine($"  temps CPU du service pendant l'allocation : {serviceCpu.TotalSeconds.ToString("N1", Fr)} s (la machine est partagée : le temps écoulé inclut l'attente des cœurs ; charge {LoadAverage()})");
            output.WriteLine($"  rapport bout en bout / en processus : {(sw.Elapsed.TotalMilliseconds / Math.Max(inProcess.Milliseconds, 0.001)).ToString("N0", Fr)}×");
            output.WriteLine($"  RSS maximale du service : {(peakRss / 1024d / 1024d).ToString("N0", Fr)} Mo (cible < 1 024 Mo)");
            output.WriteLine($"  cible < 60 s : {(sw.Elapsed.TotalSeconds < 60 ? "atteinte" : "NON atteinte")}; mémoire < 1 Go : {(peakRss < 1024L * 1024 * 1024 ? "atteinte" : "NON atteinte")}");
            foreach (var failure in failures.Take(5)) output.WriteLine("  échec : " + failure);
            return failures.Count == 0 && totalPaid == inProcess.TotalPaidCents ? 0 : 1;
        }
        finally
        {
            service.Stop();
            try { Directory.Delete(work, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    private sealed record InProcessResult(double Milliseconds, int Runs, long TotalPaidCents);

    /// <summary>The same allocations with the engine in this process: signed CTGs, wealth stratum unknown as the service sees it.</summary>
    private static InProcessResult InProcess(NationalDataSet data, HashSet<string> signed)
    {
        var engine = new FundingEngine(ParameterLoader.LoadEmbedded());
        // Exactly what the service reads from the feed: EAJE units = places × months / 12 unrounded (the
        // generator rounds them to 2 decimals), wealth stratum unknown, signed CTGs only.
        var requests = data.Structures.Where(s => signed.Contains(s.CtgId)).GroupBy(s => s.CtgId).Select(g => new BonusTerritoireRequest
        {
            CtgId = g.Key, Year = data.Year, DeclarationVersion = "reel",
            Structures = g.Select(s => s.BonusTerritoire with
            {
                WealthStratum = 0,
                QpvOrZrr = false,
                Units = s.Activity is Ctg.Funding.Engine.Rules.EajeInput e && s.BonusTerritoire.Units != e.AgreedPlaces ? e.AgreedPlaces * 11 / 12m : s.BonusTerritoire.Units,
            }).ToArray(),
        }).ToArray();
        long total = 0;
        foreach (var r in requests) total += engine.AllocateBonusTerritoire(r).TotalPaidCents;   // warm-up (JIT)
        var best = double.MaxValue;
        for (var pass = 0; pass < 3; pass++)
        {
            var sw = Stopwatch.StartNew();
            foreach (var r in requests) engine.AllocateBonusTerritoire(r);
            best = Math.Min(best, sw.Elapsed.TotalMilliseconds);
        }

        return new InProcessResult(best, requests.Length, total);
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "?";

    private static int IntArg(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length && int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out var v) ? v : fallback;
    }

    private static string N(int n) => n.ToString("N0", Fr);

    private static string Ms(double ms) => ms >= 1000 ? (ms / 1000).ToString("N2", Fr) + " s" : ms.ToString("N1", Fr) + " ms";

    private static string Euros(long cents) => Ctg.Funding.Engine.Results.Money.Format(cents);
}
