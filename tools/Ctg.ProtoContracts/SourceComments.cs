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
        foreach (var location in file.SourceCodeInfo.Location)
        {
            var text = Clean(location.LeadingComments);
            if (text.Length > 0)
                _leading.TryAdd(Key(location.Path), text);
        }
    }

    /// <summary>The leading comment of the element, trimmed, one paragraph per blank line; empty when it has none.</summary>
    public string Leading(IReadOnlyList<int> path) => _leading.GetValueOrDefault(Key(path), "");

    private static string Key(IEnumerable<int> path) => string.Join('.', path);

    private static string Clean(string comment)
    {
        var lines = comment.Replace("\r", "").Split('\n').Select(l => l.Trim());
        return string.Join('\n', lines).Trim();
    }
}
