using Ctg.Funding.Engine.Explanations;
using Ctg.Funding.Engine.Parameters;
using Ctg.Funding.Engine.Results;
using Ctg.Funding.Engine.Validation;
using K = Ctg.Funding.Engine.Parameters.ParameterKeys;

namespace Ctg.Funding.Engine.BonusTerritoire;

/// <summary>A territory's co-financed EAJE places at the base year (2023) and in the year computed.</summary>
public sealed record BonusTrajectoireInput
{
    public required string TerritoryId { get; init; }
    public required int Year { get; init; }
    /// <summary>Co-financed EAJE places of the base year (2023).</summary>
    public required decimal BasePlaces { get; init; }
    /// <summary>Co-financed EAJE places observed for the year computed.</summary>
    public required decimal Places { get; init; }
    /// <summary>Places funded by both PSU and bonus territoire: the bonus is paid per such place.</summary>
    public required decimal EligiblePlaces { get; init; }
}

/// <summary>Bonus trajectoire de développement (2025+): a step function of the growth of places.</summary>
public static class BonusTrajectoireRule
{
    private static readonly string[] StepDecisions = [Decisions.TrajectoireStepFunction];

    public static IReadOnlyList<FieldViolation> Validate(BonusTrajectoireInput i)
    {
        var v = new List<FieldViolation>();
        if (i.BasePlaces <= 0m) v.Add(new("base_places", "must be greater than 0: growth is measured against it"));
        if (i.Places < 0m) v.Add(new("places", "must not be negative"));
        if (i.EligiblePlaces < 0m) v.Add(new("eligible_places", "must not be negative"));
        return v;
    }

    public static Amount Compute(BonusTrajectoireInput i, ParameterSet p)
    {
        var violations = Validate(i);
        if (violations.Count > 0) throw new FundingInputException(violations);
        var y = i.Year;
        var growth = (i.Places - i.BasePlaces) / i.BasePlaces;
        var used = new List<ParameterValue>(6);
        // From the highest step down: the first threshold the growth reaches gives the amount.
        for (var k = K.TrajectoireSeuils.Length - 1; k >= 0; k--)
        {
            if (!p.TryResolve(K.TrajectoireSeuils[k], y, out var seuil)) return Amount.NotComputable(RuleIds.BonusTrajectoire, K.TrajectoireSeuils[k], y);
            used.Add(seuil);
            if (growth < seuil.Scalar) continue;
            if (!p.TryResolve(K.TrajectoireMontants[k], y, out var montant)) return Amount.NotComputable(RuleIds.BonusTrajectoire, K.TrajectoireMontants[k], y);
            used.Add(montant);
            var exact = montant.Scalar * i.EligiblePlaces;
            return Amount.Computed(Money.EurosToCents(exact), new Explanation(RuleIds.BonusTrajectoire,
                $"growth ≥ seuil_{k + 1} → bonus = montant_{k + 1} × eligible places", exact, "EUR",
                [new("base places", i.BasePlaces, "places"), new("places", i.Places, "places"), new("growth", growth, "ratio"),
                 new("eligible places", i.EligiblePlaces, "places")], used.ToArray(), Rounding.ToCentHalfAwayFromZero, StepDecisions));
        }
        return Amount.Computed(0, new Explanation(RuleIds.BonusTrajectoire, "growth < seuil_1 → no bonus trajectoire", 0m, "EUR",
            [new("base places", i.BasePlaces, "places"), new("places", i.Places, "places"), new("growth", growth, "ratio")],
            used.ToArray(), null, StepDecisions));
    }
}
