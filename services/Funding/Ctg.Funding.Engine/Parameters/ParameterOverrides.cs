namespace Ctg.Funding.Engine.Parameters;

/// <summary>
/// Values a caller substitutes for a simulation. An override replaces the whole history of its key:
/// the value applies to every year, and explanations tag it <see cref="ConfidenceTag.SimulationOverride"/>.
/// </summary>
public sealed class ParameterOverrides
{
    private readonly SortedDictionary<string, decimal> _scalars = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, ScaleBracket[]> _scales = new(StringComparer.Ordinal);

    public static ParameterOverrides Empty => new();

    public static ParameterOverrides From(IEnumerable<KeyValuePair<string, decimal>> scalars)
    {
        var o = new ParameterOverrides();
        foreach (var (k, v) in scalars) o.Set(k, v);
        return o;
    }

    public ParameterOverrides Set(string key, decimal value)
    {
        _scalars[key] = value;
        return this;
    }

    public ParameterOverrides SetScale(string key, IEnumerable<ScaleBracket> brackets)
    {
        _scales[key] = brackets.OrderBy(b => b.Threshold).ToArray();
        return this;
    }

    public IReadOnlyDictionary<string, decimal> Scalars => _scalars;
    public IReadOnlyDictionary<string, ScaleBracket[]> Scales => _scales;
    public bool IsEmpty => _scalars.Count == 0 && _scales.Count == 0;
}
