using System.Globalization;
using Ctg.ServiceDefaults;
using Ctg.Testing.V1;

namespace Ctg.Benchmarks;

/// <summary>The transport section of <c>make bench</c>: unary round trips at concurrency 1 and 64 for our stack,
/// the grpc-js stack and the direct in-process call, and the idle memory of a service process. Every ratio
/// printed compares numbers measured in this same run, on this machine.</summary>
public static class TransportBenchmark
{
    private static readonly CultureInfo French = CultureInfo.GetCultureInfo("fr-FR");
    private static readonly int[] Concurrencies = [1, 64];
    private const long IdleRssTargetBytes = 80L * 1000 * 1000;

    public static async Task<int> RunAsync()
    {
        var measured = TimeSpan.FromSeconds(double.Parse(Environment.GetEnvironmentVariable("CTG_BENCH_SECONDS") ?? "3", CultureInfo.InvariantCulture));
        var warmUp = TimeSpan.FromSeconds(1);
        var request = new EchoRequest { Text = "bench" };
        var results = new List<LoadResult>();

        Console.WriteLine($"Transport gRPC — appels unaires Echo/Say sur la boucle locale, {measured.TotalSeconds.ToString("0.#", French)} s mesurées par ligne après {warmUp.TotalSeconds.ToString("0.#", French)} s de chauffe.");
        Console.WriteLine($"Machine : {Environment.ProcessorCount} cœurs, partagés entre clients et serveurs.");
        Console.WriteLine();

        var direct = new BenchEchoService();
        var context = new InProcessCallContext();
        foreach (var concurrency in Concurrencies)
        {
            results.Add(await LoadRunner.RunAsync(Scenarios.InProcess, concurrency, warmUp, measured, () => direct.Say(request, context)));
        }

        long idleRss, afterLoadRss;
        await using (var ours = await EchoServer.StartAsync(FreePort()))
        {
            await Task.Delay(TimeSpan.FromSeconds(3)); // let start-up settle: JIT, first GCs
            idleRss = ProcessMemory.ResidentBytes(ours.ProcessId);
            await using (var grpcJs = await GrpcJsPeer.StartAsync())
            {
                using var toOurs = CtgGrpcChannel.Create(ours.Address);
                using var toGrpcJs = CtgGrpcChannel.Create(grpcJs.Address);
                var ourClientToOurs = new Echo.EchoClient(toOurs);
                var ourClientToGrpcJs = new Echo.EchoClient(toGrpcJs);
                foreach (var concurrency in Concurrencies)
                {
                    results.Add(await LoadRunner.RunAsync(Scenarios.Ours, concurrency, warmUp, measured, async () => await ourClientToOurs.SayAsync(request)));
                    results.Add(await LoadRunner.RunAsync(Scenarios.OurClientToGrpcJs, concurrency, warmUp, measured, async () => await ourClientToGrpcJs.SayAsync(request)));
                    results.Add(await GrpcJsPeer.RunClientAsync(Scenarios.GrpcJsClientToOurs, ours.Address, concurrency, warmUp, measured));
                    results.Add(await GrpcJsPeer.RunClientAsync(Scenarios.GrpcJs, grpcJs.Address, concurrency, warmUp, measured));
                }
            }

            await Task.Delay(TimeSpan.FromSeconds(3));
            afterLoadRss = ProcessMemory.ResidentBytes(ours.ProcessId);
        }

        PrintTable(results);
        PrintRatios(results, idleRss, afterLoadRss);
        return 0;
    }

    private static class Scenarios
    {
        public const string InProcess = "appel direct du handler (borne basse)";
        public const string Ours = "notre client → notre serveur";
        public const string OurClientToGrpcJs = "notre client → serveur grpc-js";
        public const string GrpcJsClientToOurs = "client grpc-js → notre serveur";
        public const string GrpcJs = "client grpc-js → serveur grpc-js";
    }

    private static void PrintTable(List<LoadResult> results)
    {
        Console.WriteLine($"{"scénario",-40} {"conc.",5} {"débit (appels/s)",17} {"p50 (µs)",10} {"p99 (µs)",10}");
        Console.WriteLine(new string('-', 86));
        foreach (var r in results.OrderBy(r => r.Concurrency))
        {
            Console.WriteLine($"{r.Scenario,-40} {r.Concurrency,5} {r.CallsPerSecond.ToString("N0", French),17} {Micro(r.P50Microseconds),10} {Micro(r.P99Microseconds),10}");
        }

        Console.WriteLine();
    }

    private static void PrintRatios(List<LoadResult> results, long idleRss, long afterLoadRss)
    {
        LoadResult Find(string scenario, int concurrency) => results.Single(r => r.Scenario == scenario && r.Concurrency == concurrency);
        string Ratio(double value) => value.ToString("N2", French);
        string Verdict(bool met) => met ? "atteint" : "NON atteint";

        var oursServer = Find(Scenarios.Ours, 64).CallsPerSecond / Find(Scenarios.OurClientToGrpcJs, 64).CallsPerSecond;
        var sameJsClient = Find(Scenarios.GrpcJsClientToOurs, 64).CallsPerSecond / Find(Scenarios.GrpcJs, 64).CallsPerSecond;
        var stacks = Find(Scenarios.Ours, 64).CallsPerSecond / Find(Scenarios.GrpcJs, 64).CallsPerSecond;
        var toLowerBound = Find(Scenarios.Ours, 64).CallsPerSecond / Find(Scenarios.InProcess, 64).CallsPerSecond;
        var p99 = Find(Scenarios.Ours, 1).P99Microseconds / 1000;

        Console.WriteLine("Rapports mesurés dans cette exécution (concurrence 64, débits) :");
        Console.WriteLine($"  notre serveur / serveur grpc-js, même client (le nôtre)       : {Ratio(oursServer)}  (objectif ≥ 1 : {Verdict(oursServer >= 1)})");
        Console.WriteLine($"  notre serveur / serveur grpc-js, même client (grpc-js)        : {Ratio(sameJsClient)}  (objectif ≥ 1 : {Verdict(sameJsClient >= 1)})");
        Console.WriteLine($"  notre pile / pile grpc-js (client et serveur)                 : {Ratio(stacks)}");
        Console.WriteLine($"  notre pile / appel direct du handler                          : {toLowerBound.ToString("G3", French)} (le prix du transport : sérialisation, HTTP/2, sockets, deux processus)");
        Console.WriteLine($"p99 de notre pile à la concurrence 1 : {p99.ToString("N2", French)} ms (objectif < 2 ms : {Verdict(p99 < 2)})");
        Console.WriteLine($"Mémoire résidente du service Echo au repos : {Megabytes(idleRss)} Mo (objectif < 80 Mo : {Verdict(idleRss < IdleRssTargetBytes)}) ; au repos après la charge : {Megabytes(afterLoadRss)} Mo");
    }

    // Sub-microsecond for the direct call, whole microseconds past 100 µs.
    private static string Micro(double microseconds) => microseconds.ToString(microseconds < 100 ? "N2" : "N0", French);

    private static string Megabytes(long bytes) => (bytes / 1_000_000.0).ToString("N1", French);

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
