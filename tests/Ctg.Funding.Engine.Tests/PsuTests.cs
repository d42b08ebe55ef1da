using Ctg.Funding.Engine.Explanations;
using Ctg.Funding.Engine.Parameters;
using Ctg.Funding.Engine.Rules;

namespace Ctg.Funding.Engine.Tests;

/// <summary>
/// PSU = max(0, 0.66 × min(PRH, PP) × HF − PF) × rg, rounded to the cent; PRH = C / HF; t = HF / HR.
/// Ceilings are test overrides (real values are NF): bands with supplies 8.00 / 7.50 / 7.00 €/h,
/// without 7.00 / 6.50 / 6.00; 2025 line with supplies PPmax 10.00, PPmin 8.70 (bounds 1.07 and 1.20 are real).
/// </summary>
public class PsuTests
{
    public static TheoryData<string, int, bool, decimal, decimal, decimal, decimal, decimal, long, decimal> Cases => new()
    {
        // case,               year, cr,    HF,     HR,     C,         PF,        rg,   expected cents, PP
        // t = 10000/9500 = 1.0526 ≤ 1.07 → band 1 = 8.00; PRH = 10.00 > 8 → 0.66 × 8 × 10000 = 52800 − 20000 = 32800 × 0.9 = 29520.00
        { "band 1",            2020, true,  10000m, 9500m,  100000m,   20000m,    0.9m, 2952000, 8.00m },
        // t = 1.07 exactly → band 1 = 8.00; PRH = 18.69 > 8 → 0.66 × 8 × 10700 = 56496.00
        { "band 1 edge 1.07",  2020, true,  10700m, 10000m, 200000m,   0m,        1m,   5649600, 8.00m },
        // t = 1.10 → band 2 = 7.50; PRH = 6.3636 < 7.50 → 0.66 × 70000 = 46200 − 12345.67 = 33854.33 × 0.85 = 28776.1805 → 28776.18
        { "band 2",            2020, true,  11000m, 10000m, 70000m,    12345.67m, 0.85m, 2877618, 7.50m },
        // t = 1.17 exactly → band 3 = 7.00; 0.66 × 7 × 11700 = 54054.00
        { "band 3 edge 1.17",  2020, true,  11700m, 10000m, 200000m,   0m,        1m,   5405400, 7.00m },
        // t = 1.20 → band 3 without supplies = 6.00; PRH 7.5 > 6 → 0.66 × 6 × 12000 = 47520 − 15000 = 32520.00
        { "band 3 no supplies",2020, false, 12000m, 10000m, 90000m,    15000m,    1m,   3252000, 6.00m },
        // band 1 without supplies = 7.00; PRH = 5 < 7 → 0.66 × 5000 = 3300 − 4000 < 0 → 0
        { "PF above → 0",      2020, false, 1000m,  1000m,  5000m,     4000m,     1m,   0,       7.00m },
        // PRH = 1.00025 < 8 → 0.66 × 1000.25 = 660.165 → half away from zero → 660.17
        { "half cent",         2020, true,  1000m,  1000m,  1000.25m,  0m,        1m,   66017,   8.00m },
        // 2024 uses the real 10.05 €/h (tag D): PRH 15 > 10.05 → 0.66 × 10.05 × 10000 = 66330 − 20000 = 46330 × 0.95 = 44013.50
        { "2024 real ceiling", 2024, true,  10000m, 10000m, 150000m,   20000m,    0.95m, 4401350, 10.05m },
        // 2025 line, t = 1.07 → PPmax 10.00: 0.66 × 10 × 10700 = 70620 − 10000 = 60620.00
        { "2025 t=1.07",       2025, true,  10700m, 10000m, 200000m,   10000m,    1m,   6062000, 10.00m },
        // t = 1.135: position (11350 − 10700)/(0.13 × 10000) = 0.5 → PP = 10 − 0.5 × 1.30 = 9.35;
        // 0.66 × 9.35 × 11350 = 70040.85 − 10000 = 60040.85
        { "2025 mid-line",     2025, true,  11350m, 10000m, 200000m,   10000m,    1m,   6004085, 9.35m },
        // t = 1.10: position 300/1300 = 0.230769… → PP = 10 − 0.230769… × 1.3 = 9.70 exactly;
        // 0.66 × 9.70 × 11000 = 70422 − 10000 = 60422 × 0.5 = 30211.00
        { "2025 t=1.10",       2025, true,  11000m, 10000m, 200000m,   10000m,    0.5m, 3021100, 9.70m },
        // t = 1.20 → PPmin 8.70: 0.66 × 8.70 × 12000 = 68904 − 10000 = 58904.00
        { "2025 t=1.20",       2025, true,  12000m, 10000m, 200000m,   10000m,    1m,   5890400, 8.70m },
        // t = 1.30 > 1.20 → PPmin: 0.66 × 8.70 × 13000 = 74646 − 10000 = 64646.00
        { "2025 t=1.30",       2025, true,  13000m, 10000m, 200000m,   10000m,    1m,   6464600, 8.70m },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Psu_hand_computed(string name, int year, bool supplies, decimal hf, decimal hr, decimal c, decimal pf, decimal rg, long expectedCents, decimal expectedCeiling)
    {
        var engine = year == 2024 ? new FundingEngine(TestParameters.Real) : TestParameters.Engine();
        var result = engine.Compute(Eaje(year, supplies, hf, hr, c, pf, rg));
        var psu = result.Line(RuleIds.Psu);
        Assert.True(psu.IsComputable, name);
        Assert.Equal(expectedCents, psu.Cents);
        var ceiling = psu.Explanation!.Children.Single();
        Assert.Equal(RuleIds.PsuCeiling, ceiling.RuleId);
        Assert.Equal(expectedCeiling, ceiling.ExactResult);
        Assert.Contains(Decisions.PsuPrhDenominator, psu.Explanation.Decisions);
        Assert.Contains(Decisions.PsuRgFinalFactor, psu.Explanation.Decisions);
        Assert.Equal(Rounding.ToCentHalfAwayFromZero, psu.Explanation.Rounding);
        if (year >= 2025) Assert.Contains(Decisions.Psu2025Linear, ceiling.Decisions);
    }

    [Fact]
    public void Explanation_carries_parameter_values_with_reference_and_tag()
    {
        var psu = new FundingEngine(TestParameters.Real).Compute(Eaje(2024, true, 10000m, 10000m, 150000m, 20000m, 0.95m)).Line(RuleIds.Psu);
        var taux = Assert.Single(psu.Explanation!.Parameters);
        Assert.Equal("psu.taux", taux.Key);
        Assert.Equal(new DateOnly(2002, 1, 1), taux.EffectiveFrom);
        Assert.Equal(ConfidenceTag.P, taux.Tag);
        Assert.Contains("13-119984", taux.Reference.Title);
        var ceiling = psu.Explanation.Children[0].Parameters.Single(p => p.Key == "psu.prix_plafond.bande_1.avec_fournitures");
        Assert.Equal(10.05m, ceiling.Scalar);
        Assert.Equal(ConfidenceTag.D, ceiling.Tag);
        Assert.Equal(new DateOnly(2024, 1, 1), ceiling.EffectiveFrom);
    }

    [Fact]
    public void Missing_ceiling_is_not_computable_and_the_bonuses_still_run()
    {
        // Real parameters: no band 2 ceiling for 2022 (NF). t = 1.10 → band 2.
        var result = new FundingEngine(TestParameters.Real).Compute(Eaje(2022, true, 11000m, 10000m, 70000m, 8000m, 1m));
        var psu = result.Line(RuleIds.Psu);
        Assert.False(psu.IsComputable);
        Assert.Equal(new Results.NotComputable(RuleIds.Psu, "psu.prix_plafond.bande_2.avec_fournitures", 2022), psu.Missing);
        // PF / HF = 8000 / 11000 = 0.727 ≤ 0.91 → 2100 € × 20 places = 42000.00, computed although the PSU is not.
        var mixite = result.Line(RuleIds.PsuBonusMixite);
        Assert.Equal(4200000, mixite.Cents);
        Assert.False(result.IsComplete);
        Assert.Equal(4200000, result.ComputableTotalCents);
    }

    [Fact]
    public void Missing_2025_ceiling_names_the_linear_maximum()
    {
        var psu = new FundingEngine(TestParameters.Real).Compute(Eaje(2025, true, 10000m, 10000m, 70000m, 8000m, 1m)).Line(RuleIds.Psu);
        Assert.Equal("psu.prix_plafond.lineaire.maximum.avec_fournitures", psu.Missing!.ParameterKey);
        Assert.Equal(2025, psu.Missing.Year);
    }

    [Fact]
    public void Override_supplies_a_missing_ceiling()
    {
        // Same input as above with psu.prix_plafond.lineaire.maximum.avec_fournitures = 6.00 for the simulation:
        // PRH = 7 > 6 → 0.66 × 6 × 10000 = 39600 − 8000 = 31600.00
        var engine = new FundingEngine(TestParameters.Real).WithOverrides(new ParameterOverrides().Set("psu.prix_plafond.lineaire.maximum.avec_fournitures", 6m));
        var psu = engine.Compute(Eaje(2025, true, 10000m, 10000m, 70000m, 8000m, 1m)).Line(RuleIds.Psu);
        Assert.Equal(3160000, psu.Cents);
        Assert.Equal(ConfidenceTag.SimulationOverride, psu.Explanation!.Children[0].Parameters.Single(p => p.Key.Contains("maximum")).Tag);
    }

    [Theory]
    [InlineData(0, 10000, 50000, 0, "hours_attended")]
    [InlineData(10000, 0, 50000, 0, "hours_invoiced")]
    [InlineData(10000, 10000, -1, 0, "operating_costs")]
    [InlineData(10000, 10000, 50000, -5, "family_participations")]
    [InlineData(-1, 10000, 50000, 0, "hours_attended")]
    public void Invalid_input_is_reported_by_field(decimal hr, decimal hf, decimal c, decimal pf, string field)
    {
        var ex = Assert.Throws<Validation.FundingInputException>(() => TestParameters.Engine().Compute(Eaje(2020, true, hf, hr, c, pf, 1m)));
        var v = Assert.Single(ex.Violations);
        Assert.Equal(field, v.Field);
    }

    [Fact]
    public void Zero_hours_attended_message_says_the_billing_rate_cannot_be_computed()
    {
        var v = FundingEngine.Validate(Eaje(2020, true, 1000m, 0m, 100m, 0m, 1.2m));
        Assert.Equal(["hours_attended", "regime_general_share"], v.Select(x => x.Field));
        Assert.Contains("billing rate", v[0].Message);
    }

    internal static EajeInput Eaje(int year, bool supplies, decimal hf, decimal hr, decimal c, decimal pf, decimal rg,
        decimal places = 20m, int enrolled = 40, int aeeh = 0, ManagerType manager = ManagerType.Public, bool attractivite = false) => new()
    {
        StructureId = "EAJE-1", Year = year, AgreedPlaces = places, HoursInvoiced = hf, HoursAttended = hr, OperatingCosts = c,
        FamilyParticipations = pf, RegimeGeneralShare = rg, SuppliesNappiesAndMeals = supplies, EnrolledChildren = enrolled,
        AeehChildren = aeeh, ManagerType = manager, AttractiviteSalaryConditionsDeclared = attractivite,
    };
}

public class ExplanationFormatterTests
{
    [Fact]
    public void Text_shows_rule_parameters_with_reference_rounding_and_decisions_in_french_format()
    {
        var psu = new FundingEngine(TestParameters.Real).Compute(PsuTests.Eaje(2024, true, 10000m, 10000m, 150000m, 20000m, 0.95m)).Line(Explanations.RuleIds.Psu);
        var text = Explanations.ExplanationFormatter.ToText(psu);
        Assert.StartsWith("PSU = 44 013,50 €", text);
        Assert.Contains("paramètre psu.taux = 0,66 ratio (en vigueur le 01/01/2002, P, Assemblée nationale", text);
        Assert.Contains("paramètre psu.prix_plafond.bande_1.avec_fournitures = 10,05 eur_per_hour (en vigueur le 01/01/2024, D,", text);
        Assert.Contains("arrondi : rounded to the cent, half away from zero", text);
        Assert.Contains("DECISION-PSU-PRH-DENOMINATOR : ", text);
    }

    [Fact]
    public void Not_computable_text_names_key_and_year()
    {
        var line = new FundingEngine(TestParameters.Real).Compute(new Rules.RpeInput { StructureId = "R", Year = 2024, Etp = 1m, OperatingCosts = 1m }).Line(Explanations.RuleIds.PsRpe);
        Assert.Equal("PS_RPE : non calculable — le paramètre « rpe.taux » n'a pas de valeur pour 2024", Explanations.ExplanationFormatter.ToText(line));
    }
}
