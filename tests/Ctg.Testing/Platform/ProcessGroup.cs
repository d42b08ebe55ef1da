using System.Diagnostics;
using System.Text;

namespace Ctg.Testing.Platform;

/// <summary>
/// Child processes of a test (`dotnet some.dll …`), each with its output kept for the failure message, waited
/// for on a health URL, and killed with their children, newest first, when the test is done.
/// </summary>
public sealed class ProcessGroup : IAsyncDisposable
{
    private readonly List<(string Name, Process Process, StringBuilder Log)> _processes = [];

    public void Start(string name, string[] arguments)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments) info.ArgumentList.Add(argument);
        var process = Process.Start(info) ?? throw new InvalidOperationException($"{name} did not start.");
        var log = new StringBuilder();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        lock (_processes) _processes.Add((name, process, log));
    }

    /// <summary>Until <paramref name="url"/> answers a success; fails with the process's output when it exits or the time is up.</summary>
    public async Task WaitHealthyAsync(string name, Uri url, TimeSpan timeout)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var process = Entry(name).Process;
        var until = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < until)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"{name} exited with {process.ExitCode} at start-up:\n{Log(name)}");
            }
            try
            {
                using var response = await http.GetAsync(url);
                if (response.IsSuccessStatusCode) return;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet.
            }
            await Task.Delay(200);
        }
        throw new TimeoutException($"{name} not healthy on {url} after {timeout.TotalSeconds:0} s:\n{Log(name)}");
    }

    public string Log(string name)
    {
        var log = Entry(name).Log;
        lock (log) return log.ToString();
    }

    private (string Name, Process Process, StringBuilder Log) Entry(string name)
    {
        lock (_processes) return _processes.Single(p => p.Name == name);
    }

    public async ValueTask DisposeAsync()
    {
        List<(string Name, Process Process, StringBuilder Log)> processes;
        lock (_processes) processes = [.. Enumerable.Reverse(_processes)];
        foreach (var (_, process, _) in processes)
        {
            try
            {
                if (!process.HasExited)
                {
                    process.Kill(entireProcessTree: true);
                    await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
                }
            }
            catch (Exception e) when (e is InvalidOperationException or TimeoutException)
            {
                // Already gone.
            }
            process.Dispose();
        }
    }
}
