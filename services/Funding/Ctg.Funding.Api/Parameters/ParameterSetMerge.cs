using Ctg.Funding.Engine.Parameters;
using Ctg.Funding.Engine.Parameters.Loading;

namespace Ctg.Funding.Api.Parameters;

/// <summary>The outcome of validating a load: the whole new set and its files, or the violations (nothing is stored then).</summary>
public sealed record MergedParameterSet(
    ParameterSet? Set,
    IReadOnlyList<(string RelativePath, string Yaml)> Files,
    IReadOnlyList<(string Field, string Description)> Violations);

/// <summary>
/// Builds the set a load asks for, with the engine's own loader: the given files replace the files of the same
/// path in the base set (or are the whole set), and the result must define every key the shipped files define,
/// because the rules read them. Pure: no I/O.
/// </summary>
public static class ParameterSetMerge
{
    public static MergedParameterSet Merge(
        IReadOnlyList<(string RelativePath, string Yaml)> baseFiles,
        IReadOnlyList<(string RelativePath, string Yaml)> loaded,
        bool replaceAll,
        ParameterSet shipped)
    {
        var violations = new List<(string, string)>();
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < loaded.Count; i++)
        {
            var path = loaded[i].RelativePath.Replace('\\', '/').Trim();
            if (path.Length == 0 || !path.EndsWith(".yaml", StringComparison.Ordinal) || path.StartsWith('/')
                || path.Split('/').Any(part => part is "" or "." or ".."))
            {
                violations.Add(($"files[{i}].path", "must be a relative path ending in .yaml, such as psu/taux.yaml"));
            }
            else if (!index.TryAdd(path, i))
            {
                violations.Add(($"files[{i}].path", $"'{path}' is given twice"));
            }
        }

        if (loaded.Count == 0) violations.Add(("files", "must hold at least one parameter file"));
        if (violations.Count > 0) return new(null, [], violations);

        var replacements = loaded.Select(f => (RelativePath: f.RelativePath.Replace('\\', '/').Trim(), f.Yaml)).ToList();
        var files = (replaceAll ? [] : baseFiles.Where(f => !index.ContainsKey(f.RelativePath)))
            .Concat(replacements)
            .OrderBy(f => f.RelativePath, StringComparer.Ordinal)
            .ToList();
        ParameterSet set;
        try
        {
            set = ParameterLoader.LoadFromTexts(files);
        }
        catch (ParameterValidationException invalid)
        {
            return new(null, [], invalid.Errors
                .Select(e => (index.TryGetValue(e.File, out var i) ? $"files[{i}].yaml" : "files", $"{e.File}: {e.Message}"))
                .ToList());
        }

        var missing = shipped.Parameters.Select(p => p.Key).Where(k => !set.Contains(k)).ToList();
        if (missing.Count > 0)
        {
            return new(null, [], missing.Select(k => ("files", $"parameter '{k}' is read by the rules and must stay defined")).ToList());
        }

        return new(set, files, []);
    }
}
