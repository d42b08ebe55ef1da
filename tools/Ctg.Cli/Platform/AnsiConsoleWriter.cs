using System.Text;
using Spectre.Console;

namespace Ctg.Cli.Platform;

/// <summary>A TextWriter onto a Spectre console, so that System.CommandLine's help and parse errors go
/// where the rest of the output goes (the terminal, or a test's buffer).</summary>
public sealed class AnsiConsoleWriter(IAnsiConsole console) : TextWriter
{
    public override Encoding Encoding => Encoding.UTF8;

    public override void Write(char value) => console.Profile.Out.Writer.Write(value);

    public override void Write(string? value) => console.Profile.Out.Writer.Write(Frenchify(value));

    public override void WriteLine(string? value) => console.Profile.Out.Writer.WriteLine(Frenchify(value));

    /// <summary>System.CommandLine 2.0.0's French resources leave the help's first heading in English.</summary>
    private static string? Frenchify(string? value) => value == "Description:" ? "Description\u00A0:" : value;

    public override void Flush() => console.Profile.Out.Writer.Flush();
}
