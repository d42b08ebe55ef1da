using System.Diagnostics;

namespace Ctg.Testing.Platform;

/// <summary>Runs the ctg CLI as a person's script would: a process, stdin not a terminal, output captured.</summary>
public static class CtgProcess
{
    public sealed record Result(int ExitCode, string Output, string Error)
    {
        public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Output}\n--- stderr\n{Error}";
    }

    public static async Task<Result> RunAsync(PlatformProcesses platform, params string[] arguments)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = RepositoryPaths.Root,
        };
        info.Environment["XDG_CONFIG_HOME"] = platform.ConfigDirectory;
        info.ArgumentList.Add(RepositoryPaths.CtgDll());
        foreach (var a in arguments) info.ArgumentList.Add(a);
        foreach (var a in platform.CtgEndpointArguments()) info.ArgumentList.Add(a);
        using var process = Process.Start(info)!;
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(120));
        return new Result(process.ExitCode, await output, await error);
    }
}
