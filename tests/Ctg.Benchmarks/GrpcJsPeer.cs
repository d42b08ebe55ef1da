using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace Ctg.Benchmarks;

/// <summary>The grpc-js reference: tests/interop/server.js as the server, tests/interop/bench.js as the load client.</summary>
public sealed class GrpcJsPeer : IAsyncDisposable
{
    private readonly Process _server;

    private GrpcJsPeer(Process server, int port)
    {
        _server = server;
        Address = new Uri($"http://127.0.0.1:{port}");
    }

    public Uri Address { get; }

    public static string InteropDirectory { get; } = FindInteropDirectory();

    public static async Task<GrpcJsPeer> StartAsync()
    {
        var server = Process.Start(Node("server.js", "0")) ?? throw new InvalidOperationException("node did not start");
        var line = await server.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30)) ?? "";
        if (!line.StartsWith("LISTENING ", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"server.js said '{line}' instead of LISTENING <port>");
        }

        return new GrpcJsPeer(server, int.Parse(line["LISTENING ".Length..], CultureInfo.InvariantCulture));
    }

    /// <summary>Runs bench.js (a grpc-js client in its own node process) against <paramref name="target"/>.</summary>
    public static async Task<LoadResult> RunClientAsync(string scenario, Uri target, int concurrency, TimeSpan warmUp, TimeSpan duration)
    {
        using var client = Process.Start(Node("bench.js", $"{target.Host}:{target.Port}", concurrency.ToString(CultureInfo.InvariantCulture),
            ((int)warmUp.TotalMilliseconds).ToString(CultureInfo.InvariantCulture), ((int)duration.TotalMilliseconds).ToString(CultureInfo.InvariantCulture)))
            ?? throw new InvalidOperationException("node did not start");
        client.StandardInput.Close();
        var output = client.StandardOutput.ReadToEndAsync();
        var error = client.StandardError.ReadToEndAsync();
        await client.WaitForExitAsync().WaitAsync(warmUp + duration + TimeSpan.FromSeconds(30));
        if (client.ExitCode != 0)
        {
            throw new InvalidOperationException($"bench.js failed: {await error}");
        }

        var json = JsonDocument.Parse(await output).RootElement;
        return new LoadResult(scenario, concurrency, json.GetProperty("calls").GetInt64(), json.GetProperty("seconds").GetDouble(),
            json.GetProperty("p50Us").GetDouble(), json.GetProperty("p99Us").GetDouble());
    }

    private static ProcessStartInfo Node(params string[] arguments)
    {
        var info = new ProcessStartInfo("node")
        {
            WorkingDirectory = InteropDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        return info;
    }

    private static string FindInteropDirectory()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "tests", "interop");
            if (Directory.Exists(Path.Combine(candidate, "node_modules", "@grpc", "grpc-js")))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException("tests/interop/node_modules not found: run `make npm` first.");
    }

    public async ValueTask DisposeAsync()
    {
        _server.StandardInput.Close(); // server.js exits when its stdin ends
        using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            await _server.WaitForExitAsync(wait.Token);
        }
        catch (OperationCanceledException)
        {
            _server.Kill(entireProcessTree: true);
        }

        _server.Dispose();
    }
}
