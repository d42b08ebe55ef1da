using Ctg.Funding.Engine.Explanations;
using Ctg.Funding.Engine.Parameters;
using Ctg.Funding.Engine.Rules;

namespace Ctg.Funding.Engine.Tests;

/// <summary>PSU supplements per place, P = 20 places in every case.</summary>
public class PsuBonusTests
{
    // Mixité (2020, real parameters): thresholds 0.91 / 1.20 / 1.52 €/h [C], amounts 2100 / 800 / 300 €/place [P]; HF = 10000 h.
    [Theory]
    [InlineData(8000, 4200000)]  // PF/HF = 0.80 ≤ 0.91 → 2100 × 20 = 42000.00
    [InlineData(9100, 4200000)]  // PF/HF = 0.91 (edge, ≤) → 2100 × 20 = 42000.00
    [InlineData(10000, 1600000)] // PF/HF = 1.00 ≤ 1.20 → 800 × 20 = 16000.00
    [InlineData(15200, 600000)]  // PF/HF = 1.52 ≤ 1.52 → 300 × 20 = 6000.00
    [InlineData(16000, 0)]       // PF/HF = 1.60 > 1.52 → no bonus (explained zero)
    public void Bonus_mixite(decimal pf, long expected)
    {
        var line = TestParameters.Engine().Compute(PsuTests.Eaje(2020, true, 10000m, 10000m, 80000m, pf, 1m)).Line(RuleIds.PsuBonusMixite);
        Assert.True(line.IsComputable);
        Assert.Equal(expected, line.Cents);
        Assert.Equal(pf / 10000m, line.Explanation!.Inputs.Single(i => i.Name == "PF / HF").Value);
        Assert.Contains(line.Explanation.Parameters, p => p.Key == "psu.bonus_mixite.seuil_1" && p.Tag == ConfidenceTag.C);
    }

    // Handicap: test barème (NF publicly) 0 → 0, 0.05 → 500, 0.10 → 1000, 0.20 → 1500 €/place; real cap 1300 €/place (2019, P).
    private static readonly ParameterOverrides Bareme = new ParameterOverrides().SetScale("psu.bonus_handicap.bareme",
        [new(0m, 0m), new(0.05m, 500m), new(0.10m, 1000m), new(0.20m, 1500m)]);

    [Theory]
    [InlineData(2, 40, 1000000)] // share 0.05 → 500 × 20 = 10000.00
    [InlineData(3, 40, 1000000)] // share 0.075 → step 0.05 → 500 × 20 = 10000.00
    [InlineData(4, 40, 2000000)] // share 0.10 → 1000 × 20 = 20000.00
    [InlineData(8, 40, 2600000)] // share 0.20 → 1500, capped at 1300 × 20 = 26000.00
    public void Bonus_inclusion_handicap(int aeeh, int enrolled, long expected)
    {
        var line = TestParameters.Engine(Bareme).Compute(PsuTests.Eaje(2022, true, 10000m, 10000m, 80000m, 20000m, 1m, enrolled: enrolled, aeeh: aeeh))
            .Line(RuleIds.PsuBonusHandicap);
        Assert.Equal(expected, line.Cents);
        Assert.Contains(Decisions.PsuHandicapStepScale, line.Explanation!.Decisions);
    }

    [Fact]
    public void Bonus_handicap_is_zero_without_AEEH_child_and_not_computable_without_bareme()
    {
        var engine = new FundingEngine(TestParameters.Real);
        var none = engine.Compute(PsuTests.Eaje(2022, true, 10000m, 10000m, 80000m, 20000m, 1m, aeeh: 0)).Line(RuleIds.PsuBonusHandicap);
        Assert.Equal(0, none.Cents);
        Assert.Equal([Decisions.PsuHandicapZeroShare], none.Explanation!.Decisions);
        var some = engine.Compute(PsuTests.Eaje(2022, true, 10000m, 10000m, 80000m, 20000m, 1m, aeeh: 2)).Line(RuleIds.PsuBonusHandicap);
        Assert.Equal(new Results.NotComputable(RuleIds.PsuBonusHandicap, "psu.bonus_handicap.bareme", 2022), some.Missing);
    }

    // Attractivité 2024 (real): 475 €/place public, 970 €/place private and associative.
    [Theory]
    [InlineData(ManagerType.Public, true, 950000)]       // 475 × 20 = 9500.00
    [InlineData(ManagerType.Private, true, 1940000)]     // 970 × 20 = 19400.00
    [InlineData(ManagerType.Associative, true, 1940000)] // 970 × 20 = 19400.00
    [InlineData(ManagerType.Private, false, 0)]          // conditions not declared → explained zero
    public void Bonus_attractivite(ManagerType manager, bool declared, long expected)
    {
        var line = new FundingEngine(TestParameters.Real).Compute(PsuTests.Eaje(2024, true, 10000m, 10000m, 80000m, 20000m, 1m, manager: manager, attractivite: declared))
            .Line(RuleIds.PsuBonusAttractivite);
        Assert.Equal(expected, line.Cents);
    }

    [Fact]
    public void Bonus_attractivite_before_2024_is_not_computable()
    {
        var line = new FundingEngine(TestParameters.Real).Compute(PsuTests.Eaje(2023, true, 10000m, 10000m, 80000m, 20000m, 1m, attractivite: true))
            .Line(RuleIds.PsuBonusAttractivite);
        Assert.Equal(new Results.NotComputable(RuleIds.PsuBonusAttractivite, "psu.bonus_attractivite.public", 2023), line.Missing);
    }
}
