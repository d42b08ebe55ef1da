using Google.Protobuf.Reflection;

namespace Ctg.ProtoContracts;

/// <summary>The leading comments of a file's elements, from its source info, by source-info path.</summary>
public sealed class SourceComments
{
    private readonly Dictionary<string, string> _leading = new(StringComparer.Ordinal);

    public SourceComments(FileDescriptorProto file)
    {
        if (file.SourceCodeInfo is null)
            throw new ArgumentException($"{file.Name} has no source info: build the set with --include_source_info.", nameof(file));
        var first = file.SourceCodeInfo.Location
            .Where(l => l.LeadingDetachedComments.Count > 0)
            .MinBy(l => (l.Span[0], l.Span.Count > 1 ? l.Span[1] : 0));
        if (first is not null)
            Overview = string.Join("\n\n", first.LeadingDetachedComments.Select(Clean).Where(c => c.Length > 0 && !c.Contains("-----")));
        foreach (var location in file.SourceCodeInfo.Location)
        {
            var text = Clean(location.LeadingComments);
            if (text.Length > 0)
                _leading.TryAdd(Key(location.Path), text);
        }
    }

    /// <summary>
    /// The first detached comments of the file (those separated by a blank line from what follows, such
    /// as an overview after the imports), without the "-----" banners that only separate sections.
    /// </summary>
    public string Overview { get; private set; } = "";

    /// <summary>The leading comment of the element, trimmed, one paragraph per blank line; empty when it has none.</summary>
    public string Leading(IReadOnlyList<int> path) => _leading.GetValueOrDefault(Key(path), "");

    private static string Key(IEnumerable<int> path) => string.Join('.', path);

    private static string Clean(string comment)
    {
        var lines = comment.Replace("\r", "").Split('\n').Select(l => l.Trim());
        return string.Join('\n', lines).Trim();
    }
}
