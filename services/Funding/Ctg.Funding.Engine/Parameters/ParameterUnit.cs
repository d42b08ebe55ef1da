namespace Ctg.Funding.Engine.Parameters;

/// <summary>The units a parameter file may declare in <c>metadata.unit</c>; anything else fails validation.</summary>
public enum ParameterUnit
{
    /// <summary>A rate between 0 and 1 (0.66 = 66 %).</summary>
    Ratio,
    /// <summary>A multiplicative factor (1.02 = +2 %).</summary>
    Factor,
    EurPerHour,
    EurPerPlace,
    EurPerEtp,
    EurPerYear,
    /// <summary>A calendar day without year, stored as month × 100 + day (301 = 1 March).</summary>
    MonthDay,
}

public static class ParameterUnits
{
    private static readonly Dictionary<string, ParameterUnit> ByName = new(StringComparer.Ordinal)
    {
        ["ratio"] = ParameterUnit.Ratio,
        ["factor"] = ParameterUnit.Factor,
        ["eur_per_hour"] = ParameterUnit.EurPerHour,
        ["eur_per_place"] = ParameterUnit.EurPerPlace,
        ["eur_per_etp"] = ParameterUnit.EurPerEtp,
        ["eur_per_year"] = ParameterUnit.EurPerYear,
        ["month_day"] = ParameterUnit.MonthDay,
    };

    public static IEnumerable<string> KnownNames => ByName.Keys;

    public static bool TryParse(string name, out ParameterUnit unit) => ByName.TryGetValue(name, out unit);

    public static string ToName(this ParameterUnit unit) => unit switch
    {
        ParameterUnit.Ratio => "ratio",
        ParameterUnit.Factor => "factor",
        ParameterUnit.EurPerHour => "eur_per_hour",
        ParameterUnit.EurPerPlace => "eur_per_place",
        ParameterUnit.EurPerEtp => "eur_per_etp",
        ParameterUnit.EurPerYear => "eur_per_year",
        ParameterUnit.MonthDay => "month_day",
        _ => throw new ArgumentOutOfRangeException(nameof(unit)),
    };
}
