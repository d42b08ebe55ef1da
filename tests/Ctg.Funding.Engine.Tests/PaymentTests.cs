using Ctg.Funding.Engine.BonusTerritoire;
using Ctg.Funding.Engine.Explanations;
using Ctg.Funding.Engine.Parameters;
using Ctg.Funding.Engine.Payments;
using Ctg.Funding.Engine.Validation;

namespace Ctg.Funding.Engine.Tests;

/// <summary>Advances 35 % on 1 March and 35 % on 2 October of the prévisionnel; balance = réel − advances (negative = indu).</summary>
public class PaymentTests
{
    [Theory]
    // prévisionnel, réel,     advance 1 & 2 (each),  balance
    // 100000.00 €: 0.35 × 10000000 = 3500000 each; réel 90000.00 → 9000000 − 7000000 = 2000000
    [InlineData(10000000L, 9000000L, 3500000L, 2000000L)]
    // réel 60000.00 → 6000000 − 7000000 = −1000000: indu
    [InlineData(10000000L, 6000000L, 3500000L, -1000000L)]
    // 0.35 × 1234570 = 432099.5 → half away from zero → 432100; réel 1234570 − 864200 = 370370
    [InlineData(1234570L, 1234570L, 432100L, 370370L)]
    // 0.35 × 101 = 35.35 → 35; réel 50 − 70 = −20: indu
    [InlineData(101L, 50L, 35L, -20L)]
    public void Advances_then_balance_or_indu(long previsionnel, long reel, long advance, long balance)
    {
        var s = new FundingEngine(TestParameters.Real).SchedulePayments(new PaymentInput
        {
            StructureId = "S", Year = 2025, PrevisionnelEntitlementCents = previsionnel, ReelEntitlementCents = reel,
        });
        Assert.Equal([advance, advance], s.Advances.Select(a => a.Amount.Cents));
        Assert.Equal([new DateOnly(2025, 3, 1), new DateOnly(2025, 10, 2)], s.Advances.Select(a => a.Date!.Value));
        Assert.Equal(balance, s.Balance!.Cents);
        Assert.Equal(balance < 0, s.IsIndu);
        Assert.Contains(s.Advances[0].Amount.Explanation!.Parameters, p => p.Key == "paiement.acompte_1.taux" && p.Tag == ConfidenceTag.P);
    }

    [Fact]
    public void Before_the_reel_there_is_no_balance()
    {
        var s = new FundingEngine(TestParameters.Real).SchedulePayments(new PaymentInput { StructureId = "S", Year = 2025, PrevisionnelEntitlementCents = 1000 });
        Assert.Null(s.Balance);
        Assert.Equal(700, s.AdvancesTotalCents);
    }

    [Fact]
    public void Advance_rate_and_date_are_parameters()
    {
        // Simulation: a single 50 % advance on 15 April for acompte 1.
        var engine = new FundingEngine(TestParameters.Real).WithOverrides(new ParameterOverrides().Set("paiement.acompte_1.taux", 0.5m).Set("paiement.acompte_1.date", 415m));
        var s = engine.SchedulePayments(new PaymentInput { StructureId = "S", Year = 2025, PrevisionnelEntitlementCents = 1000, ReelEntitlementCents = 1000 });
        Assert.Equal(new DateOnly(2025, 4, 15), s.Advances[0].Date);
        Assert.Equal(500, s.Advances[0].Amount.Cents);
        Assert.Equal(150, s.Balance!.Cents); // 1000 − 500 − 350
    }

    [Fact]
    public void Negative_entitlement_is_invalid()
    {
        var ex = Assert.Throws<FundingInputException>(() => new FundingEngine(TestParameters.Real).SchedulePayments(new PaymentInput { StructureId = "S", Year = 2025, PrevisionnelEntitlementCents = -1 }));
        Assert.Equal("previsionnel_entitlement", Assert.Single(ex.Violations).Field);
    }
}

/// <summary>Bonus trajectoire (2025+): growth of co-financed places 2023 → year: ≥ 4 % → 100, ≥ 8 % → 200, ≥ 12 % → 300 € per eligible place.</summary>
public class BonusTrajectoireTests
{
    [Theory]
    [InlineData(104, 900000)]  // growth 0.04 → 100 × 90 = 9000.00
    [InlineData(107, 900000)]  // 0.07 → 100 × 90
    [InlineData(108, 1800000)] // 0.08 → 200 × 90 = 18000.00
    [InlineData(112, 2700000)] // 0.12 → 300 × 90 = 27000.00
    [InlineData(150, 2700000)] // 0.50 → still the top step
    [InlineData(103, 0)]       // 0.03 < 0.04 → none (explained zero)
    [InlineData(90, 0)]        // fewer places → none
    public void Step_function(decimal places, long expected)
    {
        var a = new FundingEngine(TestParameters.Real).ComputeBonusTrajectoire(new BonusTrajectoireInput
        {
            TerritoryId = "T", Year = 2025, BasePlaces = 100m, Places = places, EligiblePlaces = 90m,
        });
        Assert.Equal(expected, a.Cents);
        Assert.Contains(Decisions.TrajectoireStepFunction, a.Explanation!.Decisions);
    }

    [Fact]
    public void Before_2025_it_is_not_computable()
    {
        var a = new FundingEngine(TestParameters.Real).ComputeBonusTrajectoire(new BonusTrajectoireInput { TerritoryId = "T", Year = 2024, BasePlaces = 100m, Places = 120m, EligiblePlaces = 90m });
        Assert.Equal(new Results.NotComputable(RuleIds.BonusTrajectoire, "bonus_trajectoire.seuil_3", 2024), a.Missing);
    }

    [Fact]
    public void Zero_base_places_is_invalid()
    {
        var ex = Assert.Throws<FundingInputException>(() => new FundingEngine(TestParameters.Real).ComputeBonusTrajectoire(new BonusTrajectoireInput { TerritoryId = "T", Year = 2025, BasePlaces = 0m, Places = 10m, EligiblePlaces = 10m }));
        Assert.Equal("base_places", Assert.Single(ex.Violations).Field);
    }
}
