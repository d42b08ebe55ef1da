using System.Diagnostics;
using Ctg.ServiceDefaults;
using Microsoft.AspNetCore.Builder;

namespace Ctg.Benchmarks;

/// <summary>The Echo service built like every service (AddServiceDefaults + MapServiceDefaults), run as a
/// child process of the benchmark so that client and server do not share a runtime, and so its RSS is its own.</summary>
public sealed class EchoServer : IAsyncDisposable
{
    private readonly Process _process;

    private EchoServer(Process process, Uri address)
    {
        _process = process;
        Address = address;
    }

    public Uri Address { get; }

    public int ProcessId => _process.Id;

    public static async Task<int> ServeAsync(int port)
    {
        var builder = WebApplication.CreateBuilder([$"--Service:GrpcPort={port}", "--Logging:LogLevel:Default=Warning"]);
        builder.AddServiceDefaults("ctg-bench-echo");
        var app = builder.Build();
        app.MapServiceDefaults();
        app.MapGrpcService<BenchEchoService>();
        await app.StartAsync();
        Console.WriteLine("LISTENING");
        // The benchmark closes our stdin when it is done with us.
        await Console.In.ReadToEndAsync();
        await app.StopAsync();
        return 0;
    }

    public static async Task<EchoServer> StartAsync(int port)
    {
        var info = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardInput = true, RedirectStandardOutput = true, UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(Environment.ProcessPath!) == "dotnet")
        {
            info.ArgumentList.Add(typeof(EchoServer).Assembly.Location);
        }

        info.ArgumentList.Add("serve");
        info.ArgumentList.Add(port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var process = Process.Start(info) ?? throw new InvalidOperationException("the Echo server did not start");
        var line = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30));
        if (line != "LISTENING")
        {
            throw new InvalidOperationException($"the Echo server said '{line}' instead of LISTENING");
        }

        return new EchoServer(process, new Uri($"http://127.0.0.1:{port}"));
    }

    public async ValueTask DisposeAsync()
    {
        _process.StandardInput.Close();
        using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            await _process.WaitForExitAsync(wait.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
    }
}
