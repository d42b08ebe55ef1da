namespace Ctg.Funding.Engine.Parameters;

/// <summary>
/// One dated value of a parameter, immutable and shared: explanations point at these objects
/// instead of copying them, which keeps explanation trees cheap to build.
/// </summary>
public sealed class ParameterValue
{
    public ParameterValue(string key, ParameterUnit unit, DateOnly effectiveFrom, decimal? value,
        IReadOnlyList<ScaleBracket>? brackets, ParameterReference reference, ConfidenceTag tag, string? note)
    {
        Key = key;
        Unit = unit;
        EffectiveFrom = effectiveFrom;
        Value = value;
        Brackets = brackets;
        Reference = reference;
        Tag = tag;
        Note = note;
    }

    public string Key { get; }
    public ParameterUnit Unit { get; }
    public DateOnly EffectiveFrom { get; }
    /// <summary>Scalar value; null with no brackets means the measure ends on <see cref="EffectiveFrom"/>.</summary>
    public decimal? Value { get; }
    /// <summary>Scale brackets, ascending thresholds, for scale parameters.</summary>
    public IReadOnlyList<ScaleBracket>? Brackets { get; }
    public ParameterReference Reference { get; }
    public ConfidenceTag Tag { get; }
    public string? Note { get; }

    public bool EndsMeasure => Value is null && Brackets is null;

    /// <summary>The scalar value; only call on a value resolved from a scalar parameter.</summary>
    public decimal Scalar => Value ?? throw new InvalidOperationException($"Parameter '{Key}' value of {EffectiveFrom:yyyy-MM-dd} is not a scalar.");

    public override string ToString() => $"{Key}@{EffectiveFrom:yyyy-MM-dd}={(Value?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? (Brackets is null ? "null" : "scale"))} [{Tag}]";
}
