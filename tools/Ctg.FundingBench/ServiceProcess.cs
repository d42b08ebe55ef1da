using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Ctg.FundingBench;

/// <summary>One process of the platform (a service, the identity provider, the bus, the web), started from its
/// built binary so that its memory and CPU are its own and can be read from /proc.</summary>
public sealed class ServiceProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _log = new();

    private ServiceProcess(string name, Process process)
    {
        Name = name;
        _process = process;
    }

    public string Name { get; }

    public int Id => _process.Id;

    public static ServiceProcess Start(string name, string dll, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(dll);
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        // Workstation GC, as a small service pod would run: the RSS measured is not inflated by per-core heaps.
        start.Environment["DOTNET_gcServer"] = "0";
        var process = Process.Start(start) ?? throw new InvalidOperationException($"{name} did not start.");
        var started = new ServiceProcess(name, process);
        process.OutputDataReceived += (_, e) => started.Append(e.Data);
        process.ErrorDataReceived += (_, e) => started.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return started;
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_log)
        {
            // The last lines are what explains a failure; a long run must not grow this without bound.
            if (_log.Length > 200_000) _log.Remove(0, 100_000);
            _log.AppendLine(line);
        }
    }

    /// <summary>The lines of the log kept so far that contain <paramref name="text"/>.</summary>
    public IReadOnlyList<string> LogLines(string text)
    {
        lock (_log)
        {
            return _log.ToString().Split('\n').Where(l => l.Contains(text, StringComparison.Ordinal)).Select(l => l.Trim()).ToList();
        }
    }

    public string LogTail(int lines = 20)
    {
        lock (_log)
        {
            var all = _log.ToString().Split('\n');
            return string.Join('\n', all.TakeLast(lines));
        }
    }

    public async Task WaitHealthyAsync(Uri url, TimeSpan timeout)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var until = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < until)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"{Name} s'est arrêté au démarrage (code {_process.ExitCode}) :\n{LogTail()}");
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

        throw new TimeoutException($"{Name} ne répond pas sur {url} après {timeout.TotalSeconds:N0} s :\n{LogTail()}");
    }

    /// <summary>VmHWM: the peak resident set size the kernel recorded for the process.</summary>
    public long PeakRssBytes() => StatusKilobytes("VmHWM:") * 1024;

    private long StatusKilobytes(string field)
    {
        foreach (var line in File.ReadLines($"/proc/{_process.Id}/status"))
        {
            if (line.StartsWith(field, StringComparison.Ordinal))
            {
                return long.Parse(line[field.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
            }
        }

        return -1;
    }

    /// <summary>User + system CPU time the process consumed (clock ticks of /proc/pid/stat, 100 a second).</summary>
    public TimeSpan CpuTime()
    {
        var stat = File.ReadAllText($"/proc/{_process.Id}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
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
}
