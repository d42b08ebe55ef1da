namespace Ctg.Funding.Engine.Parameters;

public enum ParameterKind
{
    Scalar,
    Scale,
}

/// <summary>A dated parameter: key, description, unit and its values by effective date (ascending).</summary>
public sealed class Parameter
{
    private readonly ParameterValue[] _values;

    public Parameter(string key, string description, ParameterUnit unit, ParameterKind kind,
        IReadOnlyList<ParameterValue> values, string? absenceNote = null)
    {
        Key = key;
        Description = description;
        Unit = unit;
        Kind = kind;
        _values = values.OrderBy(v => v.EffectiveFrom).ToArray();
        AbsenceNote = absenceNote;
    }

    public string Key { get; }
    public string Description { get; }
    public ParameterUnit Unit { get; }
    public ParameterKind Kind { get; }
    public IReadOnlyList<ParameterValue> Values => _values;
    /// <summary>Why no value is loaded (documented absence), when the file holds none.</summary>
    public string? AbsenceNote { get; }

    /// <summary>The value in force on <paramref name="date"/>, or null if none (none yet, or the measure ended).</summary>
    public ParameterValue? ValueAt(DateOnly date)
    {
        // Few values per parameter: a backwards linear scan beats a binary search here.
        for (var i = _values.Length - 1; i >= 0; i--)
        {
            var v = _values[i];
            if (v.EffectiveFrom <= date)
                return v.EndsMeasure ? null : v;
        }
        return null;
    }
}
