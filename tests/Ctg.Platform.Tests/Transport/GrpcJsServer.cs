using System.Collections.Concurrent;
using System.Diagnostics;

namespace Ctg.Platform.Tests.Transport;

/// <summary>tests/interop/server.js running as a child process: the grpc-js implementation of Echo.</summary>
public sealed class GrpcJsServer : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _cancelled = new();
    private readonly TaskCompletionSource<int> _port = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private GrpcJsServer(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, line) => OnLine(line.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public Uri Address { get; private set; } = null!;

    public static async Task<GrpcJsServer> StartAsync()
    {
        var process = Process.Start(Node.StartInfo(["server.js", "0"])) ?? throw new InvalidOperationException("node did not start");
        var server = new GrpcJsServer(process);
        var port = await server._port.Task.WaitAsync(TimeSpan.FromSeconds(20));
        server.Address = new Uri($"http://127.0.0.1:{port}");
        return server;
    }

    /// <summary>True when the grpc-js handler of <paramref name="callId"/> reported its call cancelled.</summary>
    public async Task<bool> SawCancellationAsync(string callId, TimeSpan timeout)
    {
        var slot = Slot(callId).Task;
        return await Task.WhenAny(slot, Task.Delay(timeout)) == slot;
    }

    private void OnLine(string? line)
    {
        if (line?.StartsWith("LISTENING ", StringComparison.Ordinal) == true)
        {
            _port.TrySetResult(int.Parse(line["LISTENING ".Length..], System.Globalization.CultureInfo.InvariantCulture));
        }
        else if (line?.StartsWith("CANCELLED ", StringComparison.Ordinal) == true)
        {
            Slot(line["CANCELLED ".Length..]).TrySetResult();
        }
    }

    private TaskCompletionSource Slot(string callId) =>
        _cancelled.GetOrAdd(callId, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));

    public async ValueTask DisposeAsync()
    {
        // Closing stdin makes server.js exit by itself; kill it if it does not.
        _process.StandardInput.Close();
        using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(5));
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
