using System.Diagnostics;
using Ctg.Testing.V1;
using Xunit.Abstractions;

namespace Ctg.Platform.Tests.Transport;

public sealed class BadInputTests(EchoServerFixture server, ITestOutputHelper output) : IClassFixture<EchoServerFixture>
{
    public static TheoryData<string> Names => [.. new BadInput(new Uri("http://127.0.0.1:1"), null!).Names];

    [Theory]
    [MemberData(nameof(Names))]
    public async Task Bad_input_gets_its_status_and_the_server_keeps_serving(string name)
    {
        using var wire = new GrpcWire(server.Service.GrpcAddress);
        await new BadInput(server.Service.GrpcAddress, wire).Cases[name]();
        await AssertStillServingAsync();
    }

    /// <summary>Every bad input 10,000 times (eight at a time), within a time bound, without the server failing
    /// or memory growing past a bound. The server runs in this process, so the managed heap measured after
    /// a full collection includes Kestrel's and grpc-dotnet's buffers (the pinned block pool lives there too):
    /// a leak of even 100 bytes per bad request (90,000 of them) would exceed the 8 MiB bound.</summary>
    [Fact]
    public async Task Ten_thousand_of_each_bad_input_neither_crash_the_server_nor_leak_memory()
    {
        const int repetitions = 10_000;
        const long maxManagedGrowth = 8 * 1024 * 1024;
        const long maxWorkingSetGrowth = 96 * 1024 * 1024;
        using var wire = new GrpcWire(server.Service.GrpcAddress);
        var badInput = new BadInput(server.Service.GrpcAddress, wire);
        using var budget = new CancellationTokenSource(TimeSpan.FromSeconds(90));

        await RepeatAllAsync(badInput, 500, budget.Token); // warm-up: pools, JIT, Kestrel buffers
        var (managedBefore, workingSetBefore) = MeasureMemory();
        var clock = Stopwatch.StartNew();
        await RepeatAllAsync(badInput, repetitions, budget.Token);
        var (managedAfter, workingSetAfter) = MeasureMemory();

        output.WriteLine($"{badInput.Names.Length} bad inputs x {repetitions} in {clock.Elapsed.TotalSeconds:F1} s; " +
            $"managed {managedBefore / 1024} -> {managedAfter / 1024} KiB, working set {workingSetBefore / 1024} -> {workingSetAfter / 1024} KiB");
        Assert.InRange(managedAfter - managedBefore, long.MinValue, maxManagedGrowth);
        Assert.InRange(workingSetAfter - workingSetBefore, long.MinValue, maxWorkingSetGrowth);
        await AssertStillServingAsync();
    }

    private static async Task RepeatAllAsync(BadInput badInput, int repetitions, CancellationToken budget)
    {
        foreach (var (_, send) in badInput.Cases)
        {
            await Parallel.ForEachAsync(Enumerable.Range(0, repetitions), new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = budget },
                async (_, _) => await send());
        }
    }

    private static (long Managed, long WorkingSet) MeasureMemory()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        using var process = Process.GetCurrentProcess();
        return (GC.GetTotalMemory(forceFullCollection: true), process.WorkingSet64);
    }

    private async Task AssertStillServingAsync()
    {
        var client = new Echo.EchoClient(server.Service.Channel);
        var reply = await client.SayAsync(new EchoRequest { Text = "toujours là" }, deadline: DateTime.UtcNow.AddSeconds(10));
        Assert.Equal("toujours là", reply.Text);
    }
}
