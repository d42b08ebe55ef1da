using System.Globalization;
using Ctg.Cli;
using Ctg.Presentation.Formatting;
using Spectre.Console;

namespace Ctg.Cli.Tests;

/// <summary>Runs ctg in-process with its output captured, as a script would see it (no terminal).</summary>
public sealed class TestConsole
{
    private readonly StringWriter _out = new();
    private readonly StringWriter _error = new();

    public string Output => _out.ToString();
    public string Error => _error.ToString();

    public CliContext Context(Dictionary<string, string>? environment = null) => new()
    {
        Console = Create(_out),
        ErrorConsole = Create(_error),
        InteractiveInput = false,
        Environment = name => environment?.GetValueOrDefault(name),
    };

    public static async Task<(int ExitCode, TestConsole Console)> RunAsync(params string[] args)
    {
        CultureInfo.CurrentCulture = French.Culture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("fr-FR");
        var console = new TestConsole();
        var exit = await CtgCommandLine.RunAsync(console.Context(), args);
        return (exit, console);
    }

    private static IAnsiConsole Create(TextWriter writer)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        console.Profile.Width = 240;
        return console;
    }
}
