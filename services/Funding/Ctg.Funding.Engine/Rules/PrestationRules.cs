using Ctg.Funding.Engine.Explanations;
using Ctg.Funding.Engine.Parameters;
using Ctg.Funding.Engine.Results;
using K = Ctg.Funding.Engine.Parameters.ParameterKeys;

namespace Ctg.Funding.Engine.Rules;

/// <summary>PS ALSH, PS Jeunes (§2), PS RPE and PS LAEP (§3) and their supplements.</summary>
public static class PrestationRules
{
    private static readonly string[] JeunesDecisions = [Decisions.AlshJeunesSameFormula];

    public static Amount AlshPeriscolaire(AlshInput i, AlshActivity a, ParameterSet p)
        => CappedPs(RuleIds.PsAlshPeriscolaire, i.Year, K.AlshTaux, K.AlshPlafondPeriscolaire, a.HoursAttended, "HR", "h",
            a.OperatingCosts, i.RegimeGeneralShare, p, "PS = taux × min(C / HR, PP_periscolaire) × HR × rg", null);

    public static Amount AlshExtrascolaire(AlshInput i, AlshActivity a, ParameterSet p)
        => CappedPs(RuleIds.PsAlshExtrascolaire, i.Year, K.AlshTaux, K.AlshPlafondExtrascolaire, a.HoursAttended, "HR", "h",
            a.OperatingCosts, i.RegimeGeneralShare, p, "PS = taux × min(C / HR, PP_extrascolaire) × HR × rg", null);

    public static Amount Jeunes(JeunesInput i, ParameterSet p)
        => CappedPs(RuleIds.PsJeunes, i.Year, K.AlshTaux, K.AlshPlafondJeunes, i.HoursAttended, "HR", "h",
            i.OperatingCosts, i.RegimeGeneralShare, p, "PS = taux × min(C / HR, PP_jeunes) × HR × rg", JeunesDecisions);

    public static Amount Rpe(RpeInput i, ParameterSet p)
        => CappedPs(RuleIds.PsRpe, i.Year, K.RpeTaux, K.RpePlafond, i.Etp, "ETP", "ETP",
            i.OperatingCosts, null, p, "PS = taux × min(C / ETP, PP_rpe) × ETP", null);

    public static Amount Laep(LaepInput i, ParameterSet p)
        => CappedPs(RuleIds.PsLaep, i.Year, K.LaepTaux, K.LaepPlafond, i.OpeningHours, "H", "h",
            i.OperatingCosts, null, p, "PS = taux × min(C / H, PP_laep) × H", null);

    /// <summary>Complément inclusif: per hour of a child receiving AEEH.</summary>
    public static Amount ComplementInclusif(AlshInput i, ParameterSet p)
        => PerUnit(RuleIds.AlshComplementInclusif, i.Year, K.AlshComplementInclusif, i.AeehHours, "AEEH hours", "h", p,
            "complément = AEEH hours × montant horaire");

    /// <summary>Plan mercredi: per new Wednesday hour of a labelled ALSH.</summary>
    public static Amount PlanMercredi(AlshInput i, ParameterSet p)
        => PerUnit(RuleIds.AlshPlanMercredi, i.Year, K.AlshPlanMercredi, i.NewWednesdayHours, "new Wednesday hours", "h", p,
            "bonification = new Wednesday hours × montant horaire");

    /// <summary>Missions renforcées of an RPE: a yearly amount.</summary>
    public static Amount MissionsRenforcees(RpeInput i, ParameterSet p)
    {
        if (!p.TryResolve(K.RpeMissionsRenforcees, i.Year, out var amount))
            return Amount.NotComputable(RuleIds.RpeMissionsRenforcees, K.RpeMissionsRenforcees, i.Year);
        return Amount.Computed(Money.EurosToCents(amount.Scalar), new Explanation(RuleIds.RpeMissionsRenforcees,
            "missions renforcées = montant annuel", amount.Scalar, "EUR", null, [amount], Rounding.ToCentHalfAwayFromZero));
    }

    private static Amount PerUnit(string rule, int y, string key, decimal units, string name, string unit, ParameterSet p, string formula)
    {
        if (!p.TryResolve(key, y, out var rate)) return Amount.NotComputable(rule, key, y);
        var exact = units * rate.Scalar;
        return Amount.Computed(Money.EurosToCents(exact), new Explanation(rule, formula, exact, "EUR",
            [new(name, units, unit)], [rate], Rounding.ToCentHalfAwayFromZero));
    }

    /// <summary>taux × min(C / Q, PP) × Q [× rg], the shape shared by every PS of §2 and §3.</summary>
    private static Amount CappedPs(string rule, int y, string tauxKey, string ceilingKey, decimal quantity, string qName, string qUnit,
        decimal costs, decimal? rg, ParameterSet p, string formula, string[]? decisions)
    {
        if (quantity == 0m)
            // Validation guarantees C = 0 here: no activity, no costs, nothing to fund.
            return Amount.Computed(0, new Explanation(rule, formula + " (no activity: " + qName + " = 0)", 0m, "EUR",
                [new(qName, 0m, qUnit), new("C", costs, "EUR")], null, null, decisions));
        if (!p.TryResolve(tauxKey, y, out var taux)) return Amount.NotComputable(rule, tauxKey, y);
        if (!p.TryResolve(ceilingKey, y, out var pp)) return Amount.NotComputable(rule, ceilingKey, y);
        // min(C / Q, PP) × Q without dividing: C / Q ≤ PP ⇔ C ≤ PP × Q.
        var ceilingTimesQuantity = pp.Scalar * quantity;
        var capped = costs <= ceilingTimesQuantity ? costs : ceilingTimesQuantity;
        var exact = taux.Scalar * capped * (rg ?? 1m);
        ExplanationInput[] inputs = rg is { } share
            ? [new(qName, quantity, qUnit), new("C", costs, "EUR"), new("C / " + qName, costs / quantity, "EUR/" + qUnit), new("min(C / Q, PP) × Q", capped, "EUR"), new("rg", share, "ratio")]
            : [new(qName, quantity, qUnit), new("C", costs, "EUR"), new("C / " + qName, costs / quantity, "EUR/" + qUnit), new("min(C / Q, PP) × Q", capped, "EUR")];
        return Amount.Computed(Money.EurosToCents(exact), new Explanation(rule, formula, exact, "EUR", inputs, [taux, pp],
            Rounding.ToCentHalfAwayFromZero, decisions));
    }
}
