namespace Ctg.Presentation.Importing;

/// <summary>A file to import refused before anything is sent, already explained in French, with one line per
/// problem (line and field). Each front end shows it its own way: ctg as an exit code, the web on the page.</summary>
/// <param name="invalidContent">True when the content is wrong (YAML, records); false when the file itself
/// cannot be taken (unknown kind, unsupported format), which ctg reports as a usage error.</param>
public sealed class ImportFileException(string message, IReadOnlyList<string>? details = null, bool invalidContent = true) : Exception(message)
{
    public IReadOnlyList<string> Details { get; } = details ?? [];

    public bool InvalidContent { get; } = invalidContent;
}
