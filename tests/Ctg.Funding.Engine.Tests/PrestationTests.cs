using Ctg.Funding.Engine.Explanations;
using Ctg.Funding.Engine.Rules;
using Ctg.Funding.Engine.Validation;

namespace Ctg.Funding.Engine.Tests;

/// <summary>
/// PS ALSH / Jeunes = 0.30 × min(C / HR, PP) × HR × rg; PS RPE = taux × min(C / ETP, PP) × ETP; PS LAEP = 0.30 × min(C / H, PP) × H.
/// Test ceilings (NF publicly): périscolaire 4.00, extrascolaire 5.00, jeunes 3.00 €/h; RPE taux 0.43 and 50000 €/ETP; LAEP 60 €/h.
/// </summary>
public class PrestationTests
{
    [Fact]
    public void Alsh_periscolaire_extrascolaire_complement_and_plan_mercredi_2024()
    {
        var result = TestParameters.Engine().Compute(new AlshInput
        {
            StructureId = "ALSH-1", Year = 2024, RegimeGeneralShare = 0.9m,
            Periscolaire = new AlshActivity(20000m, 60000m),  // C/HR = 3.00 < 4 → 0.30 × 60000 = 18000 × 0.9 = 16200.00
            Extrascolaire = new AlshActivity(10000m, 80000m), // C/HR = 8.00 > 5 → 0.30 × 5 × 10000 = 15000 × 0.9 = 13500.00
            AeehHours = 300m,                                 // 300 × 4.50 (2024) = 1350.00
            PlanMercrediLabelled = true, NewWednesdayHours = 1000m, // 1000 × 0.46 = 460.00
        });
        Assert.Equal(1620000, result.Line(RuleIds.PsAlshPeriscolaire).Cents);
        Assert.Equal(1350000, result.Line(RuleIds.PsAlshExtrascolaire).Cents);
        Assert.Equal(135000, result.Line(RuleIds.AlshComplementInclusif).Cents);
        Assert.Equal(46000, result.Line(RuleIds.AlshPlanMercredi).Cents);
        Assert.Equal(1620000 + 1350000 + 135000 + 46000, result.ComputableTotalCents);
        Assert.True(result.IsComplete);
    }

    [Theory]
    [InlineData(2024, 135000)] // 300 h × 4.50 = 1350.00
    [InlineData(2025, 117000)] // 300 h × 3.90 = 1170.00
    public void Complement_inclusif_by_year(int year, long expected)
    {
        var result = TestParameters.Engine().Compute(new AlshInput
        {
            StructureId = "ALSH-1", Year = year, RegimeGeneralShare = 1m, Periscolaire = new AlshActivity(1000m, 1000m), AeehHours = 300m,
        });
        Assert.Equal(expected, result.Line(RuleIds.AlshComplementInclusif).Cents);
    }

    [Fact]
    public void Alsh_without_ceiling_is_not_computable_but_the_complement_is()
    {
        var result = new FundingEngine(TestParameters.Real).Compute(new AlshInput
        {
            StructureId = "ALSH-1", Year = 2024, RegimeGeneralShare = 1m, Periscolaire = new AlshActivity(1000m, 1000m), AeehHours = 300m,
        });
        Assert.Equal(new Results.NotComputable(RuleIds.PsAlshPeriscolaire, "alsh.prix_plafond.periscolaire", 2024), result.Line(RuleIds.PsAlshPeriscolaire).Missing);
        Assert.Equal(135000, result.Line(RuleIds.AlshComplementInclusif).Cents);
        Assert.Equal(135000, result.ComputableTotalCents);
    }

    [Fact]
    public void Plan_mercredi_2018_is_not_computable_because_the_value_starts_in_september()
    {
        var result = TestParameters.Engine().Compute(new AlshInput
        {
            StructureId = "ALSH-1", Year = 2018, RegimeGeneralShare = 1m, Periscolaire = new AlshActivity(1000m, 1000m),
            PlanMercrediLabelled = true, NewWednesdayHours = 100m,
        });
        Assert.Equal("alsh.plan_mercredi", result.Line(RuleIds.AlshPlanMercredi).Missing!.ParameterKey);
    }

    [Fact]
    public void Ps_jeunes()
    {
        // C/HR = 12000 / 3000 = 4 > 3 → 0.30 × 3 × 3000 = 2700 × rg 1 = 2700.00
        var line = TestParameters.Engine().Compute(new JeunesInput { StructureId = "J-1", Year = 2024, HoursAttended = 3000m, OperatingCosts = 12000m, RegimeGeneralShare = 1m })
            .Line(RuleIds.PsJeunes);
        Assert.Equal(270000, line.Cents);
        Assert.Contains(Decisions.AlshJeunesSameFormula, line.Explanation!.Decisions);
    }

    [Theory]
    [InlineData(1.5, 90000, false, 3225000, 0)]      // C/ETP = 60000 > 50000 → 0.43 × 50000 × 1.5 = 32250.00
    [InlineData(1.5, 90000, true, 3225000, 300000)]  // + missions renforcées 3000.00
    [InlineData(1.4, 83473, false, 3010000, 0)]      // Jura Nord RAM budget: 59623.57 > 50000 → 0.43 × 70000 = 30100.00
    [InlineData(1, 40000, false, 1720000, 0)]        // 40000 < 50000 → 0.43 × 40000 = 17200.00
    public void Ps_rpe(decimal etp, decimal costs, bool renforcees, long expectedPs, long expectedMissions)
    {
        var result = TestParameters.Engine().Compute(new RpeInput { StructureId = "RPE-1", Year = 2024, Etp = etp, OperatingCosts = costs, MissionsRenforcees = renforcees });
        Assert.Equal(expectedPs, result.Line(RuleIds.PsRpe).Cents);
        if (renforcees) Assert.Equal(expectedMissions, result.Line(RuleIds.RpeMissionsRenforcees).Cents);
        else Assert.Single(result.Lines);
    }

    [Fact]
    public void Ps_rpe_with_real_parameters_names_the_missing_rate()
    {
        var line = new FundingEngine(TestParameters.Real).Compute(new RpeInput { StructureId = "RPE-1", Year = 2024, Etp = 1m, OperatingCosts = 40000m })
            .Line(RuleIds.PsRpe);
        Assert.Equal(new Results.NotComputable(RuleIds.PsRpe, "rpe.taux", 2024), line.Missing);
    }

    [Theory]
    [InlineData(500, 25000, 750000)] // C/H = 50 < 60 → 0.30 × 25000 = 7500.00
    [InlineData(400, 30000, 720000)] // C/H = 75 > 60 → 0.30 × 60 × 400 = 7200.00
    [InlineData(0, 0, 0)]            // no activity, no costs → explained zero
    public void Ps_laep(decimal hours, decimal costs, long expected)
    {
        var line = TestParameters.Engine().Compute(new LaepInput { StructureId = "LAEP-1", Year = 2024, OpeningHours = hours, OperatingCosts = costs }).Line(RuleIds.PsLaep);
        Assert.Equal(expected, line.Cents);
    }

    [Fact]
    public void Negative_hours_and_costs_are_field_violations()
    {
        var ex = Assert.Throws<FundingInputException>(() => TestParameters.Engine().Compute(new AlshInput
        {
            StructureId = "ALSH-1", Year = 2024, RegimeGeneralShare = 1m,
            Periscolaire = new AlshActivity(-1m, 100m), Extrascolaire = new AlshActivity(10m, -5m),
        }));
        Assert.Equal(["periscolaire.hours_attended", "extrascolaire.operating_costs"], ex.Violations.Select(v => v.Field));
    }

    [Fact]
    public void Costs_with_zero_hours_cannot_be_computed()
    {
        var v = FundingEngine.Validate(new LaepInput { StructureId = "L", Year = 2024, OpeningHours = 0m, OperatingCosts = 100m });
        Assert.Equal("opening_hours", Assert.Single(v).Field);
    }
}
