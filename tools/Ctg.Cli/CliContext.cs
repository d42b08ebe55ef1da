using System.CommandLine;
using Ctg.Cli.Platform;
using Spectre.Console;

namespace Ctg.Cli;

/// <summary>What a command needs from the outside world, so that tests can supply their own.</summary>
public sealed class CliContext
{
    public required IAnsiConsole Console { get; init; }

    /// <summary>Where errors are written (stderr for a person, a buffer in tests).</summary>
    public required IAnsiConsole ErrorConsole { get; init; }

    /// <summary>False when stdin is redirected: ctg then never asks a question (a script cannot answer).</summary>
    public required bool InteractiveInput { get; init; }

    public Func<string, string?> Environment { get; init; } = System.Environment.GetEnvironmentVariable;

    public static CliContext ForTerminal() => new()
    {
        Console = ConsoleOn(System.Console.Out, System.Console.IsOutputRedirected, redirectedWidth: 240),
        // Error sentences are never cut: a script greps them whole.
        ErrorConsole = ConsoleOn(System.Console.Error, System.Console.IsErrorRedirected, redirectedWidth: 4096),
        InteractiveInput = !System.Console.IsInputRedirected,
    };

    /// <summary>Redirected output (a file, a pipe, a script) gets no colour codes and wide lines, so
    /// that amounts are never cut across lines where a script or a test reads them.</summary>
    private static IAnsiConsole ConsoleOn(TextWriter writer, bool redirected, int redirectedWidth)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = redirected ? AnsiSupport.No : AnsiSupport.Detect,
            ColorSystem = redirected ? ColorSystemSupport.NoColors : ColorSystemSupport.Detect,
            Interactive = redirected ? InteractionSupport.No : InteractionSupport.Detect,
        });
        if (redirected) console.Profile.Width = redirectedWidth;
        return console;
    }
}
