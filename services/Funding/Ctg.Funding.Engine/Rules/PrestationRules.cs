using Ctg.Funding.Engine.Explanations;
using Ctg.Funding.Engine.Parameters;
using Ctg.Funding.Engine.Results;
using K = Ctg.Funding.Engine.Parameters.ParameterKeys;

namespace Ctg.Funding.Engine.Rules;

/// <summary>PS ALSH, PS Jeunes (§2), PS RPE and PS LAEP (§3) and their supplements.</summary>
public static class PrestationRules
{
    private static readonly string[] JeunesDecisions = [Decisions.AlshJeunesSameFormula];

    /// <summary>Names shown in explanations, built once: no string is concatenated while computing.</summary>
    private sealed record QuantityLabels(string Name, string Unit, string CostPerUnit, string CostPerUnitUnit, string NoActivity);
    private static readonly QuantityLabels Hours = new("HR", "h", "C / HR", "EUR/h", " (no activity: HR = 0)");
    private static readonly QuantityLabels Etp = new("ETP", "ETP", "C / ETP", "EUR/ETP", " (no activity: ETP = 0)");
    private static readonly QuantityLabels OpeningHours = new("H", "h", "C / H", "EUR/h", " (no activity: H = 0)");

    public static Amount AlshPeriscolaire(AlshInput i, AlshActivity a, ParameterSet p)
        => CappedPs(RuleIds.PsAlshPeriscolaire, i.Year, K.AlshTaux, K.AlshPlafondPeriscolaire, a.HoursAttended, Hours,
            a.OperatingCosts, i.RegimeGeneralShare, p, "PS = taux × min(C / HR, PP_periscolaire) × HR × rg", null);

    public static Amount AlshExtrascolaire(AlshInput i, AlshActivity a, ParameterSet p)
        => CappedPs(RuleIds.PsAlshExtrascolaire, i.Year, K.AlshTaux, K.AlshPlafondExtrascolaire, a.HoursAttended, Hours,
            a.OperatingCosts, i.RegimeGeneralShare, p, "PS = taux × min(C / HR, PP_extrascolaire) × HR × rg", null);

    public static Amount Jeunes(JeunesInput i, ParameterSet p)
        => CappedPs(RuleIds.PsJeunes, i.Year, K.AlshTaux, K.AlshPlafondJeunes, i.HoursAttended, Hours,
            i.OperatingCosts, i.RegimeGeneralShare, p, "PS = taux × min(C / HR, PP_jeunes) × HR × rg", JeunesDecisions);

    public static Amount Rpe(RpeInput i, ParameterSet p)
        => CappedPs(RuleIds.PsRpe, i.Year, K.RpeTaux, K.RpePlafond, i.Etp, Etp,
            i.OperatingCosts, null, p, "PS = taux × min(C / ETP, PP_rpe) × ETP", null);

    public static Amount Laep(LaepInput i, ParameterSet p)
        => CappedPs(RuleIds.PsLaep, i.Year, K.LaepTaux, K.LaepPlafond, i.OpeningHours, OpeningHours,
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
    private static Amount CappedPs(string rule, int y, string tauxKey, string ceilingKey, decimal quantity, QuantityLabels q,
        decimal costs, decimal? rg, ParameterSet p, string formula, string[]? decisions)
    {
        if (quantity == 0m)
            // Validation guarantees C = 0 here: no activity, no costs, nothing to fund.
            return Amount.Computed(0, new Explanation(rule, formula, 0m, "EUR",
                [new(q.Name, 0m, q.Unit), new("C", costs, "EUR")], null, null, decisions, note: q.NoActivity.Trim()));
        if (!p.TryResolve(tauxKey, y, out var taux)) return Amount.NotComputable(rule, tauxKey, y);
        if (!p.TryResolve(ceilingKey, y, out var pp)) return Amount.NotComputable(rule, ceilingKey, y);
        // min(C / Q, PP) × Q without dividing: C / Q ≤ PP ⇔ C ≤ PP × Q.
        var ceilingTimesQuantity = pp.Scalar * quantity;
        var capped = costs <= ceilingTimesQuantity ? costs : ceilingTimesQuantity;
        var exact = taux.Scalar * capped * (rg ?? 1m);
        ExplanationInput[] inputs = rg is { } share
            ? [new(q.Name, quantity, q.Unit), new("C", costs, "EUR"), new(q.CostPerUnit, costs / quantity, q.CostPerUnitUnit), new("min(C / Q, PP) × Q", capped, "EUR"), new("rg", share, "ratio")]
            : [new(q.Name, quantity, q.Unit), new("C", costs, "EUR"), new(q.CostPerUnit, costs / quantity, q.CostPerUnitUnit), new("min(C / Q, PP) × Q", capped, "EUR")];
        return Amount.Computed(Money.EurosToCents(exact), new Explanation(rule, formula, exact, "EUR", inputs, [taux, pp],
            Rounding.ToCentHalfAwayFromZero, decisions));
    }
}
