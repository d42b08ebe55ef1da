using System.Globalization;
using Ctg.Funding.V1;
using Ctg.Structures.V1;

namespace Ctg.Presentation.Formatting;

/// <summary>French words for the contracts' enumerations and units.</summary>
public static class Labels
{
    public static string Kind(BonusTerritoireKind kind) => kind switch
    {
        BonusTerritoireKind.Eaje => "EAJE",
        BonusTerritoireKind.Alsh => "ALSH",
        BonusTerritoireKind.Jeunes => "Accueil de jeunes",
        BonusTerritoireKind.Rpe => "RPE",
        BonusTerritoireKind.Laep => "LAEP",
        _ => "Non précisé",
    };

    public static string Status(RunStatus status) => status switch
    {
        RunStatus.Completed => "calculé, non validé",
        RunStatus.Approved => "validé",
        RunStatus.Simulated => "simulation (non enregistrée)",
        _ => "inconnu",
    };

    public static string Version(DeclarationVersion version) => version switch
    {
        DeclarationVersion.Previsionnel => "prévisionnel",
        DeclarationVersion.ActualiseJuin => "actualisé de juin",
        DeclarationVersion.ActualiseSeptembre => "actualisé de septembre",
        DeclarationVersion.Reel => "réel",
        _ => "non précisée",
    };

    /// <summary>The values accepted by --declaration, in the order of the year.</summary>
    public static readonly IReadOnlyDictionary<string, DeclarationVersion> DeclarationOptionValues = new Dictionary<string, DeclarationVersion>
    {
        ["previsionnel"] = DeclarationVersion.Previsionnel,
        ["actualise-juin"] = DeclarationVersion.ActualiseJuin,
        ["actualise-septembre"] = DeclarationVersion.ActualiseSeptembre,
        ["reel"] = DeclarationVersion.Reel,
    };

    public static string Cause(string cause) => cause switch
    {
        "lower_activity" => "activité en baisse",
        "new_activity" => "activité nouvelle",
        "floor" => "plancher",
        "revaluation" => "revalorisation",
        "rounding" => "arrondi",
        "not_computable" => "part non calculable",
        "invariant_violated" => "invariant « à activité égale » non respecté",
        _ => cause,
    };

    /// <summary>Why a structure takes no part in a bonus territoire allocation (funding's ineligibility_reason).</summary>
    public static string Ineligibility(string reason) => reason switch
    {
        "kind_not_eligible" => "type de structure non éligible au bonus territoire",
        "not_supported_by_signatory" => "aucun signataire de la convention ne la soutient avec la compétence",
        "not_open_during_year" => "non ouverte pendant l'année",
        "competence_not_held" => "la commune qui la soutient ne détient pas la compétence (exercée par un autre signataire)",
        _ => reason,
    };

    /// <summary>What a person reads for a rule whose parameter has no value for the year.</summary>
    public static string NotComputable(NotComputable missing) => $"non calculable : {missing.ParameterKey} absent pour {missing.Year}";

    /// <summary>Every missing part of a structure, group or run, once each, in the order given.</summary>
    public static string NotComputable(IEnumerable<NotComputable> missing) =>
        string.Join(" ; ", missing.Select(NotComputable).Distinct(StringComparer.Ordinal));

    public static string Unit(string unit) => unit.ToLowerInvariant() switch
    {
        "eur/h" => "€/h",
        "children" => "enfants",
        "eur" or "euro" or "euros" => "€",
        "eur_per_hour" => "€/h",
        "eur_per_place" => "€/place",
        "eur_per_year" => "€/an",
        "eur_per_unit" => "€/unité",
        "hours" or "hour" => "h",
        "places" => "places",
        "etp" => "ETP",
        "ratio" or "factor" or "stratum" or "none" or "" => "",
        _ => unit,
    };

    public static string Confidence(string tag) => tag switch
    {
        "P" => "P — source primaire",
        "S" => "S — source secondaire",
        "D" => "D — déduit",
        "C" => "C — code de praticiens, non vérifié",
        "NF" => "NF — non trouvé publiquement",
        "SimulationOverride" => "valeur de simulation",
        _ => tag,
    };

    /// <summary>A value of an explanation with its unit, in French: cents become euros (exact results keep
    /// their decimals, so a reader can redo the rounding), "units" become "unités", booleans oui/non.</summary>
    public static string Quantity(string invariant, string unit)
    {
        if (!decimal.TryParse(invariant, NumberStyles.Number, CultureInfo.InvariantCulture, out var value))
        {
            return unit.Length == 0 ? invariant : $"{invariant} {Unit(unit)}";
        }
        return unit.ToLowerInvariant() switch
        {
            "eur" or "euro" or "euros" => ExactEuros(value) + French.NoBreakSpace + "€",
            "eur/h" or "eur_per_hour" => ExactEuros(value) + French.NoBreakSpace + "€/h",
            "eur/place" or "eur_per_place" => ExactEuros(value) + French.NoBreakSpace + "€/place",
            "eur/etp" or "eur_per_etp" => ExactEuros(value) + French.NoBreakSpace + "€/ETP",
            "eur/year" or "eur_per_year" => ExactEuros(value) + French.NoBreakSpace + "€/an",
            "children" => French.Number(value) + " enfant" + (value > 1 ? "s" : ""),
            "cents" => ExactEuros(value / 100m) + French.NoBreakSpace + "€",
            "cents/unit" => ExactEuros(value / 100m) + French.NoBreakSpace + "€/unité",
            "units" or "unit" => French.Number(value) + " unités",
            "bool" => value != 0 ? "oui" : "non",
            "none" => value == 0 ? "aucun" : French.Number(value),
            // A territory's wealth stratum: 0 is a commune without territory data (strata are numbered from 1).
            "stratum" => value == 0 ? "non renseignée" : French.Number(value),
            _ => Unit(unit) is { Length: > 0 } u ? $"{French.Number(value)} {u}" : French.Number(value),
        };
    }

    private static string ExactEuros(decimal euros) => euros.ToString("#,##0.00########", French.Culture);

    /// <summary>An exact decimal of the contracts ("49277", "1.5") in French ("49 277", "1,5"); kept as is when not a number.</summary>
    public static string Decimal(string invariant) =>
        decimal.TryParse(invariant, NumberStyles.Number, CultureInfo.InvariantCulture, out var value) ? French.Number(value) : invariant;

    /// <summary>"2026-01-15T10:42:00Z" → "15/01/2026 11:42" (the time in France, <see cref="French.DateTime"/>).</summary>
    public static string Timestamp(string iso, string separator = " ") =>
        DateTimeOffset.TryParse(iso, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t)
            ? French.DateTime(t, separator)
            : iso;
}
