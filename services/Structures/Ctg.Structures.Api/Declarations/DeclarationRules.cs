using Ctg.Common.V1;
using Ctg.Domain;
using Ctg.ServiceDefaults;
using Ctg.Structures.Registry;
using Ctg.Structures.Shared;
using Ctg.Structures.V1;

namespace Ctg.Structures.Declarations;

/// <summary>The activity figures, parsed and checked: hours and amounts never negative, shares within 0..1,
/// and the fields each kind needs for its funding (funding-rules.md §1–3) present.</summary>
internal sealed record ParsedFigures(
    decimal? HoursInvoiced,
    decimal? HoursAttended,
    long? OperatingCostsCents,
    long? FamilyParticipationsCents,
    decimal? RegimeGeneralShare,
    decimal? AeehHours,
    int? AeehChildren,
    int? Places,
    int? MonthsOpen,
    decimal? Etp,
    decimal? OpeningHours,
    ParsedAlshPart? Periscolaire = null,
    ParsedAlshPart? Extrascolaire = null)
{
    /// <summary>t = HF / HR, when both are known and HR &gt; 0.</summary>
    public decimal? BillingRate => HoursInvoiced is { } hf && HoursAttended is { } hr && hr > 0 ? hf / hr : null;
}

/// <summary>One accueil (périscolaire or extrascolaire) of an ALSH declaration.</summary>
internal sealed record ParsedAlshPart(decimal? HoursAttended, long? OperatingCostsCents);

internal static class DeclarationRules
{
    public const decimal MinBillingRate = 0.5m;
    public const decimal MaxBillingRate = 2m;

    /// <summary>Kinds that receive no prestation de service, hence declare no activity to the CAF.</summary>
    public static bool DeclaresActivity(StructureKind kind) => kind is not (StructureKind.MicroCrechePaje or StructureKind.Mam);

    public static ParsedFigures Parse(Violations validation, ActivityFigures? figures, StructureKind kind, string prefix)
    {
        figures ??= new ActivityFigures();
        var hf = StructureRules.CheckDecimal(validation, figures.HoursInvoiced, prefix + ".hours_invoiced");
        var hr = StructureRules.CheckDecimal(validation, figures.HoursAttended, prefix + ".hours_attended");
        var costs = Cents(validation, figures.OperatingCosts, prefix + ".operating_costs");
        var pf = Cents(validation, figures.FamilyParticipations, prefix + ".family_participations");
        var rg = StructureRules.CheckDecimal(validation, figures.RegimeGeneralShare, prefix + ".regime_general_share");
        if (rg > 1)
        {
            validation.Add(prefix + ".regime_general_share", "is a share: between 0 and 1.");
        }

        var aeehHours = StructureRules.CheckDecimal(validation, figures.AeehHours, prefix + ".aeeh_hours");
        int? aeehChildren = figures.HasAeehChildren ? figures.AeehChildren : null;
        validation.Require(aeehChildren is null or >= 0, prefix + ".aeeh_children", "must not be negative.");
        int? places = figures.HasPlaces ? figures.Places : null;
        validation.Require(places is null or >= 0, prefix + ".places", "must not be negative.");
        int? months = figures.HasMonthsOpen ? figures.MonthsOpen : null;
        validation.Require(months is null or (>= 1 and <= 12), prefix + ".months_open", "must be between 1 and 12.");
        var etp = StructureRules.CheckDecimal(validation, figures.Etp, prefix + ".etp");
        var openingHours = StructureRules.CheckDecimal(validation, figures.OpeningHours, prefix + ".opening_hours");

        var periscolaire = Part(validation, figures.Periscolaire, prefix + ".periscolaire");
        var extrascolaire = Part(validation, figures.Extrascolaire, prefix + ".extrascolaire");
        var parsed = new ParsedFigures(hf, hr, costs, pf, rg, aeehHours, aeehChildren, places, months, etp, openingHours, periscolaire, extrascolaire);
        RequireByKind(validation, parsed, kind, prefix);
        CheckAlshSplit(validation, parsed, kind, prefix);
        return parsed;
    }

    private static ParsedAlshPart? Part(Violations validation, AlshActivityPart? part, string prefix) =>
        part is null
            ? null
            : new ParsedAlshPart(
                StructureRules.CheckDecimal(validation, part.HoursAttended, prefix + ".hours_attended"),
                Cents(validation, part.OperatingCosts, prefix + ".operating_costs"));

    /// <summary>The périscolaire / extrascolaire split is ALSH-only and optional; when given, each part has
    /// both figures and the parts add up exactly to the declared totals, so that the funding engine never
    /// prices more hours or costs than the structure declared.</summary>
    private static void CheckAlshSplit(Violations validation, ParsedFigures f, StructureKind kind, string prefix)
    {
        if (f.Periscolaire is null && f.Extrascolaire is null)
        {
            return;
        }

        if (kind != StructureKind.Alsh)
        {
            foreach (var (part, name) in new[] { (f.Periscolaire, "periscolaire"), (f.Extrascolaire, "extrascolaire") })
            {
                if (part is not null)
                {
                    validation.Add($"{prefix}.{name}", $"only an ALSH declares a {name} part; this structure is a {kind.Code()}.");
                }
            }

            return;
        }

        foreach (var (part, name) in new[] { (f.Periscolaire, "periscolaire"), (f.Extrascolaire, "extrascolaire") })
        {
            if (part is null)
            {
                continue;
            }

            validation.Require(part.HoursAttended is not null, $"{prefix}.{name}.hours_attended", $"is required when the {name} part is given.");
            validation.Require(part.OperatingCostsCents is not null, $"{prefix}.{name}.operating_costs", $"is required when the {name} part is given.");
        }

        var parts = new[] { f.Periscolaire, f.Extrascolaire }.Where(p => p is not null).Select(p => p!).ToList();
        if (f.HoursAttended is { } hours && parts.All(p => p.HoursAttended is not null))
        {
            var sum = parts.Sum(p => p.HoursAttended!.Value);
            validation.Require(sum == hours, prefix + ".hours_attended",
                $"is {Format(hours)} but the périscolaire and extrascolaire parts add up to {Format(sum)}.");
        }

        if (f.OperatingCostsCents is { } costs && parts.All(p => p.OperatingCostsCents is not null))
        {
            var sum = parts.Sum(p => p.OperatingCostsCents!.Value);
            validation.Require(sum == costs, prefix + ".operating_costs",
                $"is {costs} cents but the périscolaire and extrascolaire parts add up to {sum} cents.");
        }
    }

    private static string Format(decimal value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static void RequireByKind(Violations validation, ParsedFigures f, StructureKind kind, string prefix)
    {
        void Need(bool present, string field, string why)
        {
            if (!present)
            {
                validation.Add(prefix + "." + field, $"is required for a {kind.Code()} declaration ({why}).");
            }
        }

        switch (kind)
        {
            case StructureKind.EajePsu:
                Need(f.Places is > 0, "places", "agreed places, the PSU and bonus territoire unit");
                Need(f.HoursInvoiced is not null, "hours_invoiced", "heures facturées");
                Need(f.HoursAttended is > 0, "hours_attended", "heures réalisées, > 0 for the billing rate");
                Need(f.OperatingCostsCents is not null, "operating_costs", "the hourly cost price");
                Need(f.FamilyParticipationsCents is not null, "family_participations", "deducted from the PSU");
                Need(f.RegimeGeneralShare is not null, "regime_general_share", "share of régime-général beneficiaries");
                break;
            case StructureKind.Alsh:
            case StructureKind.AccueilJeunes:
                Need(f.HoursAttended is not null, "hours_attended", "the hours (actes) of the PS");
                Need(f.OperatingCostsCents is not null, "operating_costs", "the cost per hour");
                Need(f.RegimeGeneralShare is not null, "regime_general_share", "share of régime-général beneficiaries");
                break;
            case StructureKind.Rpe:
                Need(f.Etp is > 0, "etp", "ETP of animateur, the PS RPE unit");
                Need(f.OperatingCostsCents is not null, "operating_costs", "the cost per ETP");
                break;
            case StructureKind.Laep:
                Need(f.OpeningHours is > 0, "opening_hours", "opening hours, the PS LAEP unit");
                Need(f.OperatingCostsCents is not null, "operating_costs", "the cost per hour");
                break;
            default:
                Need(f.OperatingCostsCents is not null, "operating_costs", "the basis of its prestation de service");
                break;
        }
    }

    private static long? Cents(Violations validation, Money? money, string field)
    {
        if (money is null)
        {
            return null;
        }

        validation.Require(money.Cents >= 0, field, "must not be negative.");
        return money.Cents;
    }

    public static ActivityFigures ToProto(ParsedFigures f)
    {
        var figures = new ActivityFigures
        {
            HoursInvoiced = f.HoursInvoiced.ToDecimalValue(),
            HoursAttended = f.HoursAttended.ToDecimalValue(),
            OperatingCosts = f.OperatingCostsCents is { } c ? new Money { Cents = c } : null,
            FamilyParticipations = f.FamilyParticipationsCents is { } p ? new Money { Cents = p } : null,
            RegimeGeneralShare = f.RegimeGeneralShare.ToDecimalValue(),
            AeehHours = f.AeehHours.ToDecimalValue(),
            Etp = f.Etp.ToDecimalValue(),
            OpeningHours = f.OpeningHours.ToDecimalValue(),
        };
        if (f.AeehChildren is { } children)
        {
            figures.AeehChildren = children;
        }

        if (f.Places is { } places)
        {
            figures.Places = places;
        }

        if (f.MonthsOpen is { } months)
        {
            figures.MonthsOpen = months;
        }

        figures.Periscolaire = ToProto(f.Periscolaire);
        figures.Extrascolaire = ToProto(f.Extrascolaire);
        return figures;
    }

    private static AlshActivityPart? ToProto(ParsedAlshPart? part) =>
        part is null
            ? null
            : new AlshActivityPart
            {
                HoursAttended = part.HoursAttended.ToDecimalValue(),
                OperatingCosts = part.OperatingCostsCents is { } c ? new Money { Cents = c } : null,
            };
}
