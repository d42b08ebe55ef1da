using Ctg.Funding.Engine.Explanations;
using Ctg.Funding.Engine.Parameters;
using Ctg.Funding.Engine.Results;
using K = Ctg.Funding.Engine.Parameters.ParameterKeys;

namespace Ctg.Funding.Engine.Rules;

/// <summary>PSU and its price ceiling (RULES.md §1).</summary>
public static class PsuRules
{
    private static readonly string[] PsuDecisions = [Decisions.PsuPrhDenominator, Decisions.PsuRgFinalFactor];
    private static readonly string[] LinearDecisions = [Decisions.Psu2025Linear];
    private const string PsuFormula = "PSU = max(0, taux × min(PRH, PP) × HF − PF) × rg, PRH = C / HF, t = HF / HR";

    /// <summary>First year of the linear ceiling (the 2025 reform).</summary>
    public const int LinearCeilingFromYear = 2025;

    public static Amount Psu(EajeInput i, ParameterSet p)
    {
        var y = i.Year;
        if (!p.TryResolve(K.PsuTaux, y, out var taux)) return Amount.NotComputable(RuleIds.Psu, K.PsuTaux, y);
        var ceiling = Ceiling(i, p);
        if (ceiling.Missing is { } missing) return Amount.NotComputable(RuleIds.Psu, missing.ParameterKey, missing.Year);

        var pp = ceiling.Value;
        // min(PRH, PP) × HF compared without dividing: PRH ≤ PP ⇔ C ≤ PP × HF, and PRH × HF = C exactly.
        var ceilingTimesHours = pp * i.HoursInvoiced;
        var capped = i.OperatingCosts <= ceilingTimesHours ? i.OperatingCosts : ceilingTimesHours;
        var gross = taux.Scalar * capped - i.FamilyParticipations;
        if (gross < 0m) gross = 0m;
        var exact = gross * i.RegimeGeneralShare;
        var prh = i.HoursInvoiced > 0m ? i.OperatingCosts / i.HoursInvoiced : 0m;

        var explanation = new Explanation(RuleIds.Psu, PsuFormula, exact, "EUR",
            [
                new("HF", i.HoursInvoiced, "h"), new("HR", i.HoursAttended, "h"), new("C", i.OperatingCosts, "EUR"),
                new("PRH", prh, "EUR/h"), new("PP", pp, "EUR/h"), new("min(PRH, PP) × HF", capped, "EUR"),
                new("PF", i.FamilyParticipations, "EUR"), new("rg", i.RegimeGeneralShare, "ratio"),
            ],
            [taux], Rounding.ToCentHalfAwayFromZero, PsuDecisions, [ceiling.Explanation!]);
        return Amount.Computed(Money.EurosToCents(exact), explanation);
    }

    /// <summary>A ceiling value with its explanation, or the parameter it misses.</summary>
    public readonly record struct CeilingResult(decimal Value, Explanation? Explanation, NotComputable? Missing);

    /// <summary>PP(Y, cr, t): bands up to 2024, linear between the two bounds from 2025.</summary>
    public static CeilingResult Ceiling(EajeInput i, ParameterSet p)
    {
        var y = i.Year;
        var hf = i.HoursInvoiced;
        var hr = i.HoursAttended;
        var t = hf / hr;
        if (!p.TryResolve(K.PsuBorneBasse, y, out var low)) return Missing(K.PsuBorneBasse, y);

        if (y < LinearCeilingFromYear)
        {
            if (!p.TryResolve(K.PsuBorneHauteBandes, y, out var high)) return Missing(K.PsuBorneHauteBandes, y);
            // Bands compared as HF against bound × HR, so a rate of exactly 1.07 never depends on a division.
            var band = hf <= low.Scalar * hr ? 1 : hf < high.Scalar * hr ? 2 : 3;
            var key = K.PsuPlafondBande(band, i.SuppliesNappiesAndMeals);
            if (!p.TryResolve(key, y, out var pp)) return Missing(key, y);
            var formula = band switch
            {
                1 => "t ≤ borne_basse → PP = plafond bande 1",
                2 => "borne_basse < t < borne_haute_bandes → PP = plafond bande 2",
                _ => "t ≥ borne_haute_bandes → PP = plafond bande 3",
            };
            return new(pp.Scalar, new Explanation(RuleIds.PsuCeiling, formula, pp.Scalar, "EUR/h",
                [new("t", t, "ratio"), new("band", band, ""), new("cr", i.SuppliesNappiesAndMeals ? 1 : 0, "bool")],
                [low, high, pp]), null);
        }

        if (!p.TryResolve(K.PsuBorneHauteLineaire, y, out var top)) return Missing(K.PsuBorneHauteLineaire, y);
        var maxKey = K.PsuPlafondLineaireMax(i.SuppliesNappiesAndMeals);
        var minKey = K.PsuPlafondLineaireMin(i.SuppliesNappiesAndMeals);
        var cr = new ExplanationInput("cr", i.SuppliesNappiesAndMeals ? 1 : 0, "bool");
        if (hf <= low.Scalar * hr)
        {
            if (!p.TryResolve(maxKey, y, out var max)) return Missing(maxKey, y);
            return new(max.Scalar, new Explanation(RuleIds.PsuCeiling, "t ≤ borne_basse → PP = PPmax", max.Scalar, "EUR/h",
                [new("t", t, "ratio"), cr], [low, top, max], null, LinearDecisions), null);
        }
        if (hf >= top.Scalar * hr)
        {
            if (!p.TryResolve(minKey, y, out var min)) return Missing(minKey, y);
            return new(min.Scalar, new Explanation(RuleIds.PsuCeiling, "t ≥ borne_haute_lineaire → PP = PPmin", min.Scalar, "EUR/h",
                [new("t", t, "ratio"), cr], [low, top, min], null, LinearDecisions), null);
        }
        {
            if (!p.TryResolve(maxKey, y, out var max)) return Missing(maxKey, y);
            if (!p.TryResolve(minKey, y, out var min)) return Missing(minKey, y);
            // (t − low) / (top − low) written with HF and HR so that one division carries all the rounding.
            var position = (hf - low.Scalar * hr) / ((top.Scalar - low.Scalar) * hr);
            var value = max.Scalar - position * (max.Scalar - min.Scalar);
            return new(value, new Explanation(RuleIds.PsuCeiling,
                "PP = PPmax − (t − borne_basse) / (borne_haute_lineaire − borne_basse) × (PPmax − PPmin)", value, "EUR/h",
                [new("t", t, "ratio"), new("position on the line", position, "ratio"), cr], [low, top, max, min],
                Rounding.None, LinearDecisions), null);
        }
    }

    private static CeilingResult Missing(string key, int year) => new(0m, null, new NotComputable(RuleIds.PsuCeiling, key, year));
}
