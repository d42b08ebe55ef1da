using System.Diagnostics;
using System.Text.Json;

namespace Ctg.Platform.Tests.Transport;

/// <summary>Runs the grpc-js scripts of tests/interop with <c>node</c> (installed there by <c>make test</c>'s npm ci).</summary>
public static class Node
{
    public static string InteropDirectory { get; } = FindInteropDirectory();

    /// <summary>Runs <c>node client.js target scenario [argument]</c> and parses the one JSON line it prints.</summary>
    public static async Task<JsonElement> RunClientAsync(Uri target, string scenario, string? argument = null)
    {
        var arguments = new List<string> { "client.js", $"{target.Host}:{target.Port}", scenario };
        if (argument is not null)
        {
            arguments.Add(argument);
        }

        var (exitCode, stdout, stderr) = await RunAsync(arguments, TimeSpan.FromSeconds(30));
        Assert.True(exitCode == 0, $"node client.js {scenario} exited {exitCode}: {stderr}");
        return JsonDocument.Parse(stdout).RootElement.Clone();
    }

    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(IEnumerable<string> arguments, TimeSpan timeout)
    {
        using var process = Process.Start(StartInfo(arguments)) ?? throw new InvalidOperationException("node did not start");
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"node {string.Join(' ', arguments)} did not finish within {timeout}.");
        }

        return (process.ExitCode, await stdout, await stderr);
    }

    public static ProcessStartInfo StartInfo(IEnumerable<string> arguments)
    {
        if (!Directory.Exists(Path.Combine(InteropDirectory, "node_modules", "@grpc", "grpc-js")))
        {
            throw new InvalidOperationException($"{InteropDirectory}/node_modules is missing: run `make npm` (make test does it).");
        }

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
            if (File.Exists(Path.Combine(candidate, "package.json")))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException("tests/interop/package.json not found above " + AppContext.BaseDirectory);
    }
}
