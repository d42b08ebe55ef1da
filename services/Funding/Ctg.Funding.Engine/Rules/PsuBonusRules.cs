using Ctg.Funding.Engine.Explanations;
using Ctg.Funding.Engine.Parameters;
using Ctg.Funding.Engine.Results;
using K = Ctg.Funding.Engine.Parameters.ParameterKeys;

namespace Ctg.Funding.Engine.Rules;

/// <summary>The PSU supplements per place (RULES.md §1): mixité sociale, inclusion handicap, attractivité.</summary>
public static class PsuBonusRules
{
    private static readonly string[] HandicapZeroDecisions = [Decisions.PsuHandicapZeroShare];
    private static readonly string[] HandicapDecisions = [Decisions.PsuHandicapStepScale];

    /// <summary>By the average hourly family participation PF / HF: the amount of the first threshold it does not exceed.</summary>
    public static Amount Mixite(EajeInput i, ParameterSet p)
    {
        var y = i.Year;
        var average = i.FamilyParticipations / i.HoursInvoiced;
        var used = new List<ParameterValue>(4);
        for (var k = 0; k < K.MixiteSeuils.Length; k++)
        {
            if (!p.TryResolve(K.MixiteSeuils[k], y, out var seuil)) return Amount.NotComputable(RuleIds.PsuBonusMixite, K.MixiteSeuils[k], y);
            used.Add(seuil);
            if (average <= seuil.Scalar)
            {
                if (!p.TryResolve(K.MixiteMontants[k], y, out var montant)) return Amount.NotComputable(RuleIds.PsuBonusMixite, K.MixiteMontants[k], y);
                used.Add(montant);
                var exact = montant.Scalar * i.AgreedPlaces;
                return Amount.Computed(Money.EurosToCents(exact), new Explanation(RuleIds.PsuBonusMixite,
                    $"PF / HF ≤ seuil_{k + 1} → bonus = montant_{k + 1} × P", exact, "EUR",
                    [new("PF / HF", average, "EUR/h"), new("P", i.AgreedPlaces, "places")], used.ToArray(), Rounding.ToCentHalfAwayFromZero));
            }
        }
        return Amount.Computed(0, new Explanation(RuleIds.PsuBonusMixite, "PF / HF > seuil_3 → no bonus mixité sociale", 0m, "EUR",
            [new("PF / HF", average, "EUR/h"), new("P", i.AgreedPlaces, "places")], used.ToArray()));
    }

    /// <summary>Rises with the share of enrolled children receiving AEEH; barème (a step scale) capped per place.</summary>
    public static Amount Handicap(EajeInput i, ParameterSet p)
    {
        var y = i.Year;
        if (i.AeehChildren == 0)
            return Amount.Computed(0, new Explanation(RuleIds.PsuBonusHandicap, "no enrolled child receives AEEH → no bonus inclusion handicap", 0m, "EUR",
                [new("AEEH children", 0, "children")], null, null, HandicapZeroDecisions));
        var share = (decimal)i.AeehChildren / i.EnrolledChildren;
        if (!p.TryResolve(K.HandicapBareme, y, out var bareme)) return Amount.NotComputable(RuleIds.PsuBonusHandicap, K.HandicapBareme, y);
        if (!p.TryResolve(K.HandicapPlafond, y, out var plafond)) return Amount.NotComputable(RuleIds.PsuBonusHandicap, K.HandicapPlafond, y);
        var perPlace = 0m;
        foreach (var b in bareme.Brackets!)
            if (b.Threshold <= share) perPlace = b.Amount;
        var capped = Math.Min(perPlace, plafond.Scalar);
        var exact = capped * i.AgreedPlaces;
        return Amount.Computed(Money.EurosToCents(exact), new Explanation(RuleIds.PsuBonusHandicap,
            "bonus = min(barème(AEEH children / enrolled children), plafond) × P", exact, "EUR",
            [new("AEEH children", i.AeehChildren, "children"), new("enrolled children", i.EnrolledChildren, "children"),
             new("share", share, "ratio"), new("barème amount", perPlace, "EUR/place"), new("P", i.AgreedPlaces, "places")],
            [bareme, plafond], Rounding.ToCentHalfAwayFromZero, HandicapDecisions));
    }

    /// <summary>Per place, public or private/associative amount, when the manager declares the salary conditions met.</summary>
    public static Amount Attractivite(EajeInput i, ParameterSet p)
    {
        var y = i.Year;
        if (!i.AttractiviteSalaryConditionsDeclared)
            return Amount.Computed(0, new Explanation(RuleIds.PsuBonusAttractivite,
                "salary conditions not declared by the manager → no bonus attractivité", 0m, "EUR"));
        var key = i.ManagerType == ManagerType.Public ? K.AttractivitePublic : K.AttractivitePrive;
        if (!p.TryResolve(key, y, out var perPlace)) return Amount.NotComputable(RuleIds.PsuBonusAttractivite, key, y);
        var exact = perPlace.Scalar * i.AgreedPlaces;
        return Amount.Computed(Money.EurosToCents(exact), new Explanation(RuleIds.PsuBonusAttractivite,
            i.ManagerType == ManagerType.Public ? "bonus = montant public × P" : "bonus = montant privé/associatif × P", exact, "EUR",
            [new("P", i.AgreedPlaces, "places")], [perPlace], Rounding.ToCentHalfAwayFromZero));
    }
}
