using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Ctg.Funding.Engine.Parameters.Loading;

/// <summary>
/// Reads OpenFisca-style dated parameter files and validates them all before anything uses them:
/// known unit, dates ascending without duplicates, a reference (title and url) and a confidence tag on
/// every value, documented absence when a file holds no value. The key is the file's path below the
/// root with '/' replaced by '.' (psu/taux.yaml → psu.taux). This is the only I/O of the engine.
/// </summary>
public static class ParameterLoader
{
    private const string EmbeddedPrefix = "ctg-parameters/";

    /// <summary>Loads every *.yaml file below <paramref name="directory"/>.</summary>
    public static ParameterSet LoadDirectory(string directory) => LoadFromTexts(ReadDirectory(directory));

    /// <summary>The (relative path, YAML) of every *.yaml file below <paramref name="directory"/>, unvalidated.</summary>
    public static IReadOnlyList<(string RelativePath, string Yaml)> ReadDirectory(string directory) =>
        Directory.EnumerateFiles(directory, "*.yaml", SearchOption.AllDirectories)
            .Select(f => (Path.GetRelativePath(directory, f).Replace('\\', '/'), File.ReadAllText(f)))
            .OrderBy(f => f.Item1, StringComparer.Ordinal)
            .ToList();

    /// <summary>Loads the parameter files compiled into this assembly (services/Funding/parameters).</summary>
    public static ParameterSet LoadEmbedded() => LoadFromTexts(ReadEmbedded());

    /// <summary>The (relative path, YAML) of the parameter files compiled into this assembly, unvalidated.</summary>
    public static IReadOnlyList<(string RelativePath, string Yaml)> ReadEmbedded()
    {
        var assembly = typeof(ParameterLoader).Assembly;
        var files = new List<(string, string)>();
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(EmbeddedPrefix, StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var reader = new StreamReader(stream);
            files.Add((name[EmbeddedPrefix.Length..], reader.ReadToEnd()));
        }
        if (files.Count == 0) throw new InvalidOperationException("No embedded parameter files: the engine was built without services/Funding/parameters.");
        return files.OrderBy(f => f.Item1, StringComparer.Ordinal).ToList();
    }

    /// <summary>Loads files given as (relative path, YAML text); throws <see cref="ParameterValidationException"/> listing every error.</summary>
    public static ParameterSet LoadFromTexts(IEnumerable<(string RelativePath, string Yaml)> files)
    {
        var errors = new List<ParameterFileError>();
        var parameters = new List<Parameter>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (path, yaml) in files.OrderBy(f => f.RelativePath, StringComparer.Ordinal))
        {
            var key = KeyOf(path);
            if (!seen.Add(key)) { errors.Add(new(path, $"duplicate parameter key '{key}'")); continue; }
            var parameter = ParseFile(path, key, yaml, errors);
            if (parameter is not null) parameters.Add(parameter);
        }
        if (errors.Count > 0) throw new ParameterValidationException(errors);
        return new ParameterSet(parameters);
    }

    public static string KeyOf(string relativePath)
    {
        var p = relativePath.Replace('\\', '/');
        if (p.EndsWith(".yaml", StringComparison.Ordinal)) p = p[..^5];
        return p.Replace('/', '.');
    }

    private static readonly HashSet<string> TopLevelFields = ["description", "metadata", "values", "absence"];
    private static readonly HashSet<string> ValueFields = ["value", "brackets", "reference", "confidence", "note"];

    private static Parameter? ParseFile(string path, string key, string yaml, List<ParameterFileError> errors)
    {
        YamlMappingNode root;
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(yaml));
            if (stream.Documents.Count != 1 || stream.Documents[0].RootNode is not YamlMappingNode m)
            {
                errors.Add(new(path, "the file must hold one YAML mapping"));
                return null;
            }
            root = m;
        }
        catch (Exception ex) when (ex is YamlException or ArgumentException)
        {
            errors.Add(new(path, "YAML syntax: " + ex.Message));
            return null;
        }

        var before = errors.Count;
        foreach (var field in root.Children.Keys.Select(k => Text(k) ?? ""))
            if (!TopLevelFields.Contains(field)) errors.Add(new(path, $"unknown field '{field}'"));

        var description = Text(Child(root, "description"));
        if (string.IsNullOrWhiteSpace(description)) errors.Add(new(path, "description is missing"));

        var metadata = Child(root, "metadata") as YamlMappingNode;
        var unitName = metadata is null ? null : Text(Child(metadata, "unit"));
        ParameterUnit unit = default;
        if (unitName is null || !ParameterUnits.TryParse(unitName, out unit))
            errors.Add(new(path, $"metadata.unit '{unitName}' is not one of: {string.Join(", ", ParameterUnits.KnownNames)}"));
        var kindName = metadata is null ? null : Text(Child(metadata, "kind"));
        var kind = ParameterKind.Scalar;
        if (kindName == "scale") kind = ParameterKind.Scale;
        else if (kindName is not null && kindName != "scalar") errors.Add(new(path, $"metadata.kind '{kindName}' must be scalar or scale"));

        var absence = Child(root, "absence") is YamlMappingNode a ? Text(Child(a, "reason")) : null;
        var values = new List<ParameterValue>();
        switch (Child(root, "values"))
        {
            case null:
                break;
            case YamlMappingNode valuesNode:
                DateOnly? previous = null;
                foreach (var (dateNode, valueNode) in valuesNode.Children)
                {
                    var dateText = Text(dateNode);
                    if (!DateOnly.TryParseExact(dateText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                    {
                        errors.Add(new(path, $"value date '{dateText}' is not yyyy-MM-dd"));
                        continue;
                    }
                    if (previous is { } prev && date <= prev)
                        errors.Add(new(path, date == prev
                            ? $"duplicate value date {dateText}"
                            : $"value dates are not ascending: {dateText} after {prev:yyyy-MM-dd} (values would overlap)"));
                    previous = date;
                    var v = ParseValue(path, key, unit, kind, date, valueNode, errors);
                    if (v is not null) values.Add(v);
                }
                break;
            case YamlScalarNode s when IsNull(s):
                break;
            default:
                errors.Add(new(path, "values must be a mapping keyed by effective date"));
                break;
        }

        if (values.Count == 0 && string.IsNullOrWhiteSpace(absence))
            errors.Add(new(path, "no value: the file must say why under absence.reason (documented absence)"));

        return errors.Count == before ? new Parameter(key, description!, unit, kind, values, absence) : null;
    }

    private static ParameterValue? ParseValue(string path, string key, ParameterUnit unit, ParameterKind kind, DateOnly date,
        YamlNode node, List<ParameterFileError> errors)
    {
        var at = $"value of {date:yyyy-MM-dd}";
        if (node is not YamlMappingNode m) { errors.Add(new(path, $"{at} must be a mapping with value, reference, confidence")); return null; }
        var before = errors.Count;
        foreach (var field in m.Children.Keys.Select(k => Text(k) ?? ""))
            if (!ValueFields.Contains(field)) errors.Add(new(path, $"{at}: unknown field '{field}'"));

        decimal? scalar = null;
        List<ScaleBracket>? brackets = null;
        var valueNode = Child(m, "value");
        var bracketsNode = Child(m, "brackets");
        if (kind == ParameterKind.Scalar)
        {
            if (bracketsNode is not null) errors.Add(new(path, $"{at}: brackets on a scalar parameter"));
            if (valueNode is null) errors.Add(new(path, $"{at}: 'value' is missing (write value: null to end the measure)"));
            else if (valueNode is YamlScalarNode vs && !IsNull(vs))
            {
                if (TryDecimal(vs.Value, out var d)) { scalar = d; CheckRange(path, at, unit, d, errors); }
                else errors.Add(new(path, $"{at}: '{vs.Value}' is not a number"));
            }
        }
        else
        {
            if (valueNode is YamlScalarNode vs2 && !IsNull(vs2)) errors.Add(new(path, $"{at}: a scale takes brackets, not value"));
            if (bracketsNode is YamlSequenceNode seq)
            {
                brackets = [];
                foreach (var b in seq.Children)
                {
                    if (b is not YamlMappingNode bm || !TryDecimal(Text(Child(bm, "threshold")), out var th) || !TryDecimal(Text(Child(bm, "value")), out var amount))
                    {
                        errors.Add(new(path, $"{at}: each bracket needs numeric threshold and value"));
                        continue;
                    }
                    if (brackets.Count > 0 && th <= brackets[^1].Threshold) errors.Add(new(path, $"{at}: bracket thresholds must be strictly ascending"));
                    CheckRange(path, at, unit, amount, errors);
                    brackets.Add(new ScaleBracket(th, amount));
                }
                if (brackets.Count == 0) errors.Add(new(path, $"{at}: a scale value needs at least one bracket (or value: null to end it)"));
            }
            else if (bracketsNode is not null) errors.Add(new(path, $"{at}: brackets must be a list"));
        }

        var referenceNode = Child(m, "reference") as YamlMappingNode;
        var title = referenceNode is null ? null : Text(Child(referenceNode, "title"));
        var url = referenceNode is null ? null : Text(Child(referenceNode, "url"));
        if (string.IsNullOrWhiteSpace(title) || string.IsNullOrWhiteSpace(url))
            errors.Add(new(path, $"{at}: reference.title and reference.url are required"));

        var tagText = Text(Child(m, "confidence"));
        ConfidenceTag tag = default;
        if (tagText is not ("P" or "S" or "D" or "C" or "NF") || !Enum.TryParse(tagText, out tag))
            errors.Add(new(path, $"{at}: confidence '{tagText}' must be one of P, S, D, C, NF"));
        else if (tag == ConfidenceTag.NF && (scalar is not null || brackets is not null))
            errors.Add(new(path, $"{at}: a value tagged NF (not found publicly) cannot carry a number"));

        if (errors.Count != before) return null;
        return new ParameterValue(key, unit, date, scalar, brackets, new ParameterReference(title!, url!), tag, Text(Child(m, "note")));
    }

    private static void CheckRange(string path, string at, ParameterUnit unit, decimal d, List<ParameterFileError> errors)
    {
        var ok = unit switch
        {
            ParameterUnit.Ratio => d is >= 0m and <= 1m,
            ParameterUnit.Factor => d > 0m,
            ParameterUnit.MonthDay => d == decimal.Truncate(d) && d >= 101 && d <= 1231 && (int)d % 100 is >= 1 and <= 31 && (int)d / 100 <= 12,
            _ => d >= 0m,
        };
        if (!ok) errors.Add(new(path, $"{at}: {d.ToString(CultureInfo.InvariantCulture)} is out of range for unit {unit.ToName()}"));
    }

    private static bool TryDecimal(string? text, out decimal d)
        => decimal.TryParse(text, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out d);

    private static YamlNode? Child(YamlMappingNode m, string name)
        => m.Children.TryGetValue(new YamlScalarNode(name), out var n) ? n : null;

    private static string? Text(YamlNode? n) => n is YamlScalarNode s && !IsNull(s) ? s.Value : null;

    private static bool IsNull(YamlScalarNode s)
        => s.Style == ScalarStyle.Plain && (s.Value is null or "" or "~" or "null" or "Null" or "NULL");
}
