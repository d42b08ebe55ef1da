using System.Diagnostics;
using System.Globalization;
using Ctg.DataGen;
using Ctg.Funding.Engine;
using Ctg.Funding.Engine.BonusTerritoire;
using Ctg.Funding.Engine.Parameters.Loading;
using Ctg.Funding.V1;
using Grpc.Core;
using EngineKind = Ctg.Funding.Engine.BonusTerritoire.BonusTerritoireKind;

namespace Ctg.FundingBench;

/// <summary>
/// The national bonus territoire allocation (1,200 CTGs, 53,000 structures) through the real services (issue 13):
/// the data set is loaded into the signatories and structures services through their APIs (timed apart), then
/// every CTG is allocated by the funding service, which reads its inputs from those services over gRPC and persists
/// one run per CTG. The same allocation is computed by the engine in this process; the totals must agree to the cent.
/// Targets: allocation phase under 5 s, at most 30× the in-process engine, peak RSS under 500 MB per service.
/// </summary>
public static class NationalAllocationBenchmark
{
    public const double TargetSeconds = 5;
    public const double TargetRatio = 30;
    public const long TargetRssBytes = 500L * 1024 * 1024;
    private static readonly CultureInfo Fr = Ctg.Funding.Engine.Results.Money.French;

    public static async Task<int> RunAsync(string[] args, TextWriter output)
    {
        var concurrency = IntArg(args, "--concurrency", 8);
        var seed = IntArg(args, "--seed", NationalDataSetGenerator.DefaultSeed);
        var data = NationalDataSetGenerator.Generate(seed);
        var signed = data.Ctgs.Where(c => c.Signed).Select(c => c.Id).ToHashSet(StringComparer.Ordinal);
        output.WriteLine($"Financement — allocation nationale du bonus territoire par les services réels (graine {seed}, année {data.Year})");
        output.WriteLine($"  données : {N(data.Structures.Count)} structures, {N(data.Ctgs.Count)} CTG dont {N(signed.Count)} signées, {N(data.Communes.Count)} communes");

        var inProcess = InProcess(data, signed);
        output.WriteLine($"  en processus (moteur seul, mêmes entrées) : {Ms(inProcess.Milliseconds)} pour {N(inProcess.Runs)} allocations, total versé {Euros(inProcess.TotalPaidCents)}");

        var loaded = await NationalSetup.StartAsync(data, seed, withWeb: false, reload: args.Contains("--reload"), output);
        await using var platform = loaded.Platform;
        var load = loaded.Load;
        var (fundingChannel, funding) = loaded.Token.Channel(platform.Grpc("funding"));
        using (fundingChannel)
        {
            var rssAfterLoad = platform.Services.ToDictionary(p => p.Name, p => p.PeakRssBytes());

            var runs = new AllocationRuns.AllocationRunsClient(funding);
            // Twice: the first call after the services start also pays for compiling their code (JIT, then the
            // optimised re-compilation of the hot paths); the second is the allocation as a service that has been up for
            // a while runs it, measured against the in-process engine, which was also warmed before being timed.
            var cold = await BatchAllocation.AllocateAsync(platform, runs, data, signed);
            output.WriteLine($"  allocation à froid : {S(cold.Elapsed)} ; allocation mesurée…");
            var allocation = await BatchAllocation.AllocateAsync(platform, runs, data, signed);
            PrintTable(output, load, loaded.FromCache, inProcess, cold, allocation, platform, rssAfterLoad);
            foreach (var line in platform.Services.Single(p => p.Name == "funding").LogLines("RunAllocations:")) output.WriteLine("  funding : " + LogMessage(line));
            PrintUpstreamCalls(output, data, signed);
            var sampleSize = IntArg(args, "--sample", 100);
            var unit = sampleSize > 0 ? await UnitAllocation.SampleAsync(runs, data, signed, allocation.PaidByCtg, sampleSize, concurrency) : null;
            if (unit is not null)
            {
                output.WriteLine();
                output.WriteLine($"  RunAllocation unitaire, pour comparer (échantillon de {N(unit.Ctgs)} CTG signées, {concurrency} appels simultanés) : {S(unit.Elapsed)}, soit environ {(unit.Elapsed.TotalSeconds * signed.Count / Math.Max(unit.Ctgs, 1)).ToString("N1", Fr)} s pour les {N(signed.Count)} CTG signées ; totaux {(unit.Mismatches.Count == 0 ? "identiques au centime à ceux de RunAllocations" : "DIFFÉRENTS de RunAllocations : " + string.Join(", ", unit.Mismatches.Take(5)))}");
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"national-allocation-unit: ctgs={unit.Ctgs} seconds={unit.Elapsed.TotalSeconds:F2} projected_seconds={unit.Elapsed.TotalSeconds * signed.Count / Math.Max(unit.Ctgs, 1):F1} mismatches={unit.Mismatches.Count}"));
            }

            var ratio = allocation.Elapsed.TotalMilliseconds / Math.Max(inProcess.Milliseconds, 0.001);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"national-allocation: seconds={allocation.Elapsed.TotalSeconds:F2} ratio={ratio:F1} structures={load.StructureRows} runs={allocation.Completed}"));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"national-allocation-cold: seconds={cold.Elapsed.TotalSeconds:F2} ratio={cold.Elapsed.TotalMilliseconds / Math.Max(inProcess.Milliseconds, 0.001):F1} runs={cold.Completed}"));
            return cold.Failures.Count == 0 && cold.TotalPaidCents == inProcess.TotalPaidCents
                && allocation.Failures.Count == 0 && allocation.TotalPaidCents == inProcess.TotalPaidCents && (unit is null || unit.Mismatches.Count == 0) ? 0 : 1;
        }
    }

    public sealed record AllocationResult(TimeSpan Elapsed, int Completed, int Refused, int Others, long TotalPaidCents, long ResponseBytes,
        List<string> Failures, Dictionary<string, TimeSpan> CpuByService, double FirstItemMs, Dictionary<string, long> PaidByCtg);

    private static void PrintTable(TextWriter output, LoadReport load, bool fromCache, InProcessResult inProcess, AllocationResult cold, AllocationResult allocation,
        BenchPlatform platform, Dictionary<string, long> rssAfterLoad)
    {
        var ratio = allocation.Elapsed.TotalMilliseconds / Math.Max(inProcess.Milliseconds, 0.001);
        output.WriteLine();
        output.WriteLine("  | phase | durée | détail |");
        output.WriteLine("  |---|---:|---|");
        output.WriteLine($"  | chargement : conventions et signataires | {S(load.Conventions)} | {N(load.ConventionCount)} conventions, {N(load.SignatoryCount)} signataires, {N(load.SignatoryCalls)} appels unitaires |");
        output.WriteLine($"  | chargement : structures (ImportCsv) | {S(load.StructuresImport)} | {N(load.StructureRows)} lignes |");
        output.WriteLine($"  | chargement : références CEJ (ImportCsv) | {S(load.ReferencesImport)} | {N(load.ReferenceRows)} lignes |");
        output.WriteLine($"  | chargement : déclarations réelles (ImportCsv) | {S(load.DeclarationsImport)} | {N(load.DeclarationRows)} lignes |");
        output.WriteLine($"  | chargement : fermetures (CloseStructure) | {S(load.Closings)} | {N(load.ClosedCount)} structures |");
        output.WriteLine($"  | chargement, total | {S(load.Total)} | {(fromCache ? "mesuré au premier passage, repris du cache dans celui-ci" : "mesuré dans ce passage")} |");
        output.WriteLine($"  | allocation, premier appel après le démarrage des services (à froid : compilation du code comprise) | {S(cold.Elapsed)} | {N(cold.Completed)} exécutions enregistrées, totaux {(cold.TotalPaidCents == inProcess.TotalPaidCents ? "identiques au centime" : "DIFFÉRENTS")} ; CPU funding {cold.CpuByService["funding"].TotalSeconds.ToString("N1", Fr)} s |");
        output.WriteLine($"  | allocation par le service funding (RunAllocations, un appel pour toutes les CAF des données, services démarrés) | {S(allocation.Elapsed)} | {N(allocation.Completed)} exécutions enregistrées, {N(allocation.Refused)} CTG non signées refusées, {N(allocation.Failures.Count)} échecs, {N(allocation.Others)} autres CTG des mêmes CAF (démo) |");
        output.WriteLine($"  | allocation en processus (moteur) | {Ms(inProcess.Milliseconds)} | {N(inProcess.Runs)} allocations |");
        output.WriteLine();
        output.WriteLine($"  total versé par le service : {Euros(allocation.TotalPaidCents)} — {(allocation.TotalPaidCents == inProcess.TotalPaidCents ? "identique au centime au calcul en processus" : $"DIFFÉRENT du calcul en processus ({Euros(inProcess.TotalPaidCents)})")}");
        output.WriteLine($"  réponse moyenne par CTG : {(allocation.ResponseBytes / 1024d / Math.Max(allocation.Completed, 1)).ToString("N1", Fr)} Kio ; premier résultat reçu après {allocation.FirstItemMs.ToString("N0", Fr)} ms");
        output.WriteLine($"  rapport allocation / en processus : {ratio.ToString("N1", Fr)}× (cible ≤ {TargetRatio.ToString("N0", Fr)}×) ; durée {(allocation.Elapsed.TotalSeconds < TargetSeconds ? "atteinte" : "NON atteinte")} (cible < {TargetSeconds.ToString("N0", Fr)} s) ; charge {LoadAverage()}");
        output.WriteLine();
        output.WriteLine("  | service | CPU pendant l'allocation | RSS max. avant l'allocation | RSS max. (VmHWM) | < 500 Mo |");
        output.WriteLine("  |---|---:|---:|---:|---|");
        foreach (var service in platform.Services)
        {
            var peak = service.PeakRssBytes();
            output.WriteLine($"  | {service.Name} | {allocation.CpuByService[service.Name].TotalSeconds.ToString("N1", Fr)} s | {Mo(rssAfterLoad[service.Name])} | {Mo(peak)} | {(peak < TargetRssBytes ? "oui" : "NON")} |");
        }

        foreach (var failure in cold.Failures.Concat(allocation.Failures).Take(5)) output.WriteLine("  échec : " + failure);
    }

    /// <summary>
    /// The upstream calls RunAllocations makes, counted from the data set by the way the funding service reads its
    /// inputs (Allocation/AllocationBatchRunner.cs): one ListConventions per CAF, one StreamAllocationInputs per 200
    /// CTGs, and for those 200 CTGs one ListCompetenceHoldersOfMany per 1,000 questions (a question per CTG and field of
    /// intervention of the structures open during the year, for all their communes). Counted, not traced: the services
    /// expose no call counters.
    /// </summary>
    private static void PrintUpstreamCalls(TextWriter output, NationalDataSet data, HashSet<string> signed)
    {
        var open = data.Structures.Where(s => signed.Contains(s.CtgId) && s.BonusTerritoire.OpenDuringYear).ToList();
        static int FieldOf(EngineKind kind) => kind switch
        {
            EngineKind.Eaje or EngineKind.Rpe => 1,
            EngineKind.Alsh => 2,
            _ => 4,
        };
        var competence = open.Select(s => (s.CtgId, Field: FieldOf(s.BonusTerritoire.Kind))).Distinct().Count();
        var cafs = data.Communes.GroupBy(c => c.CtgId).Select(g => NationalIds.Departement(g.First().InseeCode)).Distinct(StringComparer.Ordinal).Count();
        var streams = (signed.Count + FundingReadChunk - 1) / FundingReadChunk;
        output.WriteLine();
        output.WriteLine("  appels amont de RunAllocations (comptés sur les données d'après la lecture de funding, Allocation/AllocationBatchRunner.cs ; CTG de démo non comptées) :");
        output.WriteLine("  | service appelé | RPC | appels |");
        output.WriteLine("  |---|---|---:|");
        output.WriteLine($"  | signatories | Conventions.ListConventions (une par CAF, pages de 500) | {N(cafs)} |");
        var competenceCalls = open.Select(s => s.CtgId).Distinct().Order(StringComparer.Ordinal).Chunk(FundingReadChunk)
            .Sum(chunk => (open.Where(s => chunk.Contains(s.CtgId)).Select(s => (s.CtgId, Field: FieldOf(s.BonusTerritoire.Kind))).Distinct().Count() + 999) / 1000);
        output.WriteLine($"  | signatories | Competences.ListCompetenceHoldersOfMany (par {FundingReadChunk} CTG, {N(competence)} questions : une par CTG et domaine) | {N(competenceCalls)} |");
        output.WriteLine($"  | structures | AllocationData.StreamAllocationInputs (un flux par {FundingReadChunk} CTG : structures, références, {N(open.Count)} déclarations) | {N(streams)} |");
    }

    /// <summary>CTGs per StreamAllocationInputs call (AllocationBatchRunner.ReadChunk in the funding service).</summary>
    private const int FundingReadChunk = 200;

    private sealed record InProcessResult(double Milliseconds, int Runs, long TotalPaidCents);

    /// <summary>The same allocations with the engine in this process, with what the service reads: signed CTGs,
    /// wealth stratum unknown (no territory data loaded), the identifiers as the services hold them.</summary>
    private static InProcessResult InProcess(NationalDataSet data, HashSet<string> signed)
    {
        var engine = new FundingEngine(ParameterLoader.LoadEmbedded());
        var requests = data.Structures.Where(s => signed.Contains(s.CtgId)).GroupBy(s => s.CtgId).Select(g => new BonusTerritoireRequest
        {
            CtgId = g.Key, Year = data.Year, DeclarationVersion = "reel",
            Structures = g.Select(s => s.BonusTerritoire with
            {
                StructureId = NationalIds.Structure(s.Id),
                SupportingCollectivityId = NationalIds.Collectivity(s.BonusTerritoire.SupportingCollectivityId),
                WealthStratum = 0,
                QpvOrZrr = false,
                // The service computes places × months / 12 unrounded (the generator rounds it to 2 decimals).
                Units = s.Activity is Ctg.Funding.Engine.Rules.EajeInput e && s.BonusTerritoire.Units != e.AgreedPlaces ? e.AgreedPlaces * 11 / 12m : s.BonusTerritoire.Units,
            }).OrderBy(s => s.StructureId, StringComparer.Ordinal).ToArray(),
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

    /// <summary>The message of a JSON console log line (the services log JSON), or the line itself.</summary>
    private static string LogMessage(string line)
    {
        try
        {
            using var json = System.Text.Json.JsonDocument.Parse(line);
            return json.RootElement.TryGetProperty("Message", out var message) ? message.GetString() ?? line : line;
        }
        catch (System.Text.Json.JsonException)
        {
            return line;
        }
    }

    internal static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "?";

    internal static int IntArg(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length && int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out var v) ? v : fallback;
    }

    internal static string N(int n) => n.ToString("N0", Fr);

    internal static string S(TimeSpan t) => t.TotalSeconds.ToString("N2", Fr) + " s";

    internal static string Mo(long bytes) => (bytes / 1024d / 1024d).ToString("N0", Fr) + " Mo";

    internal static string Ms(double ms) => ms >= 1000 ? (ms / 1000).ToString("N2", Fr) + " s" : ms.ToString("N1", Fr) + " ms";

    private static string Euros(long cents) => Ctg.Funding.Engine.Results.Money.Format(cents);
}
