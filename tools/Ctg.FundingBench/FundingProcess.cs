using System.Diagnostics;
using Ctg.Funding.V1;
using Grpc.Core;

namespace Ctg.FundingBench;

/// <summary>The real funding service binary, started as its own process so its memory is its own.</summary>
public sealed class FundingProcess : IDisposable
{
    private readonly Process _process;

    private FundingProcess(Process process, Uri address)
    {
        _process = process;
        Address = address;
    }

    public Uri Address { get; }

    public static FundingProcess Start(Uri feed, string dataDirectory)
    {
        var dll = LocateServiceDll();
        var port = FeedHost.FreePort();
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(dll);
        foreach (var (key, value) in new Dictionary<string, string>
        {
            ["Service:GrpcPort"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Services:Structures"] = feed.ToString(),
            ["Services:Signatories"] = feed.ToString(),
            ["Database:Provider"] = "sqlite",
            ["Database:DataDirectory"] = dataDirectory,
            ["Database:ApplyMigrationsOnStart"] = "true",
            // No sidecar in the benchmark: events stay in the outbox (written in the same transaction as each run).
            ["Dapr:HttpEndpoint"] = $"http://127.0.0.1:{FeedHost.FreePort()}",
            ["Logging:LogLevel:Default"] = "Warning",
        })
        {
            start.ArgumentList.Add($"--{key}={value}");
        }

        start.Environment["DOTNET_gcServer"] = "0";
        var process = Process.Start(start) ?? throw new InvalidOperationException("The funding service did not start.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) Console.Error.WriteLine("[funding] " + e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new FundingProcess(process, new Uri($"http://127.0.0.1:{port}"));
    }

    public async Task WaitUntilReadyAsync(AllocationRuns.AllocationRunsClient client)
    {
        var until = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            try
            {
                await client.ListRunsAsync(new ListRunsRequest { ConventionId = "ready?" }, deadline: DateTime.UtcNow.AddSeconds(2));
                return;
            }
            catch (RpcException) when (DateTime.UtcNow < until && !_process.HasExited)
            {
                await Task.Delay(200);
            }
        }
    }

    /// <summary>VmHWM of the service process: the peak resident set size the kernel recorded.</summary>
    public long PeakRssBytes()
    {
        foreach (var line in File.ReadLines($"/proc/{_process.Id}/status"))
        {
            if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
            {
                return long.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture) * 1024;
            }
        }

        return -1;
    }

    /// <summary>User + system CPU time the service process consumed (clock ticks of /proc/pid/stat, 100 a second).</summary>
    public TimeSpan CpuTime()
    {
        var stat = File.ReadAllText($"/proc/{_process.Id}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11], System.Globalization.CultureInfo.InvariantCulture) + long.Parse(fields[12], System.Globalization.CultureInfo.InvariantCulture);
        return TimeSpan.FromSeconds(ticks / 100d);
    }

    public void Stop()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }
    }

    public void Dispose()
    {
        Stop();
        _process.Dispose();
    }

    private static string LocateServiceDll()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "CtgPlatform.sln")))
        {
            directory = directory.Parent;
        }

        if (directory is null)
        {
            throw new InvalidOperationException("Run the benchmark from inside the repository.");
        }

        var configuration = AppContext.BaseDirectory.Contains("/Release/", StringComparison.Ordinal) ? "Release" : "Debug";
        var dll = Path.Combine(directory.FullName, "services/Funding/Ctg.Funding.Api/bin", configuration, "net10.0/Ctg.Funding.Api.dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException("Build the funding service first (the benchmark project builds it).", dll);
    }
}
