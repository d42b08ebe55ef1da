namespace Ctg.Cli.Errors;

/// <summary>A failure already explained in French for the person at the terminal, with its exit code.</summary>
public sealed class CliException(int exitCode, string message, IReadOnlyList<string>? details = null) : Exception(message)
{
    public int ExitCode { get; } = exitCode;

    public IReadOnlyList<string> Details { get; } = details ?? [];
}
