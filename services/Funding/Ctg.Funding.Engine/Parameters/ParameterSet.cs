using System.Collections.Frozen;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Ctg.Funding.Engine.Parameters;

/// <summary>
/// An immutable, validated set of dated parameters. A rule asks for a key and a year; the answer is
/// the value in force on 1 January of that year, or nothing (the rule then returns NotComputable).
/// </summary>
public sealed class ParameterSet
{
    // Frozen: built once, read millions of times by the rules; faster lookups than a Dictionary.
    private readonly FrozenDictionary<string, Parameter> _byKey;
    private string? _contentHash;

    public ParameterSet(IEnumerable<Parameter> parameters)
    {
        var byKey = new Dictionary<string, Parameter>(StringComparer.Ordinal);
        foreach (var p in parameters)
        {
            if (!byKey.TryAdd(p.Key, p))
                throw new ArgumentException($"Duplicate parameter key '{p.Key}'.", nameof(parameters));
        }
        _byKey = byKey.ToFrozenDictionary(StringComparer.Ordinal);
    }

    public IEnumerable<Parameter> Parameters => _byKey.Values.OrderBy(p => p.Key, StringComparer.Ordinal);
    public int Count => _byKey.Count;
    public bool Contains(string key) => _byKey.ContainsKey(key);
    public Parameter Get(string key) => _byKey.TryGetValue(key, out var p) ? p : throw new KeyNotFoundException($"Unknown parameter key '{key}'.");

    /// <summary>The value of <paramref name="key"/> in force on 1 January of <paramref name="year"/>.</summary>
    public bool TryResolve(string key, int year, out ParameterValue value)
        => TryResolveAt(key, new DateOnly(year, 1, 1), out value);

    public bool TryResolveAt(string key, DateOnly date, out ParameterValue value)
    {
        if (!_byKey.TryGetValue(key, out var parameter))
            throw new KeyNotFoundException($"Rule asked for parameter '{key}', which no parameter file defines.");
        value = parameter.ValueAt(date)!;
        return value is not null;
    }

    /// <summary>A copy where the overridden keys hold the caller's value for every date.</summary>
    /// <exception cref="UnknownParameterKeysException">Some keys are not defined by any parameter file.</exception>
    public ParameterSet WithOverrides(ParameterOverrides overrides)
    {
        if (overrides.IsEmpty) return this;
        var unknown = overrides.Scalars.Keys.Concat(overrides.Scales.Keys)
            .Where(k => !_byKey.ContainsKey(k)).Distinct().OrderBy(k => k, StringComparer.Ordinal).ToList();
        if (unknown.Count > 0) throw new UnknownParameterKeysException(unknown);

        var reference = new ParameterReference("Simulation override supplied by the caller", "override:");
        var replaced = new Dictionary<string, Parameter>(_byKey, StringComparer.Ordinal);
        foreach (var (key, value) in overrides.Scalars)
        {
            var p = _byKey[key];
            if (p.Kind != ParameterKind.Scalar) throw new InvalidParameterOverrideException(key, "the parameter is a scale; pass brackets");
            replaced[key] = new Parameter(key, p.Description, p.Unit, p.Kind,
                [new ParameterValue(key, p.Unit, DateOnly.MinValue, value, null, reference, ConfidenceTag.SimulationOverride, null)]);
        }
        foreach (var (key, brackets) in overrides.Scales)
        {
            var p = _byKey[key];
            if (p.Kind != ParameterKind.Scale) throw new InvalidParameterOverrideException(key, "the parameter is a scalar; pass a value");
            if (brackets.Length == 0) throw new InvalidParameterOverrideException(key, "a scale needs at least one bracket");
            replaced[key] = new Parameter(key, p.Description, p.Unit, p.Kind,
                [new ParameterValue(key, p.Unit, DateOnly.MinValue, null, brackets, reference, ConfidenceTag.SimulationOverride, null)]);
        }
        return new ParameterSet(replaced.Values);
    }

    /// <summary>
    /// SHA-256 (lowercase hex) of a canonical text of every key, unit, kind and dated value with its
    /// reference and tag. Stable across machines and load orders; an allocation run records it.
    /// </summary>
    public string ContentHash => _contentHash ??= ComputeHash();

    private string ComputeHash()
    {
        var sb = new StringBuilder();
        foreach (var p in Parameters) sb.Append(CanonicalText(p));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sb.ToString())));
    }

    /// <summary>The canonical text of one parameter, as hashed: two parameters with the same text are the same
    /// for every computation (what a diff of two sets compares).</summary>
    public static string CanonicalText(Parameter p)
    {
        var sb = new StringBuilder();
        sb.Append("key=").Append(p.Key).Append('\n')
          .Append("unit=").Append(p.Unit.ToName()).Append('\n')
          .Append("kind=").Append(p.Kind).Append('\n');
        foreach (var v in p.Values)
        {
            sb.Append("  from=").Append(v.EffectiveFrom.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))
              .Append(" value=").Append((v.Value is { } d ? Canonical(d) : "null"));
            if (v.Brackets is not null)
                foreach (var b in v.Brackets)
                    sb.Append(" [").Append(Canonical(b.Threshold)).Append(':')
                      .Append(Canonical(b.Amount)).Append(']');
            sb.Append(" tag=").Append(v.Tag).Append(" ref=").Append(v.Reference.Title).Append('|').Append(v.Reference.Url).Append('\n');
        }
        return sb.ToString();
    }

    /// <summary>One short line per dated value of a parameter ("2025-01-01 = 10.05 (P)"), for diffs people read.</summary>
    public static IReadOnlyList<string> DescribeValues(Parameter p) => p.Values.Select(v =>
        v.EffectiveFrom.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + " = "
        + (v.Value is { } d ? Canonical(d)
            : v.Brackets is { } brackets ? string.Join(" ; ", brackets.Select(b => Canonical(b.Threshold) + ":" + Canonical(b.Amount)))
            : "null")
        + " (" + v.Tag + ")").ToList();

    // 0.66 and 0.660 are the same value: strip trailing zeros so the hash depends on values, not spelling.
    private static string Canonical(decimal d) => (d / 1.0000000000000000000000000000m).ToString(CultureInfo.InvariantCulture);
}
