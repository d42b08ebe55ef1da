using Ctg.Funding.Engine.Explanations;
using Ctg.Funding.Engine.Parameters;
using static Ctg.Funding.Engine.BonusTerritoire.BonusTerritoireKind;
using static Ctg.Funding.Engine.Tests.BonusTerritoireTests;

namespace Ctg.Funding.Engine.Tests;

/// <summary>
/// DECISION-BT-STRATUM-FLOORS and DECISION-BT-STRATUM-OF-GROUP (RULES.md §4.2), hand-computed: one ALSH group,
/// A (1 000,00 €, 1 000 h) and B (500,00 €, 1 000 h) at equal activity, E = 150 000 c, U = 2 000 h, E / U = 75 c/h.
/// The values are test values: the real floors and revaluations (per kind or per stratum) are not public.
/// </summary>
public class StratumFloorTests
{
    private static readonly ParameterOverrides Floors = new ParameterOverrides()
        .Set("bt.plancher.alsh", 0.80m)
        .SetScale("bt.strates.plancher.alsh", [new(1m, 0.70m), new(2m, 0.90m)]);

    private static readonly ParameterOverrides Revaluations = new ParameterOverrides()
        .Set("bt.revalorisation.alsh", 1.02m)
        .SetScale("bt.strates.revalorisation.alsh", [new(2m, 1.10m)]);

    [Fact]
    public void The_floor_of_the_group_stratum_replaces_the_kind_floor()
    {
        // Stratum 2: floor 0,90 €/h = 90 c/h > 75 → r = 90 c/h; A = B = 90 × 1 000 = 90 000 c; paid 180 000 c.
        var a = Allocate(2024, Floors, S("A", Alsh, 100000, 1000m, 1000m, stratum: 2), S("B", Alsh, 50000, 1000m, 1000m, stratum: 2));
        var g = Assert.Single(a.Groups);
        Assert.Equal(90m, g.UnitRateCents);
        Assert.Equal([90000L, 90000L], a.Structures.Select(s => s.TotalCents));
        Assert.Equal(180000, g.PaidCents);
        Assert.Contains(Decisions.BtStratumFloors, g.UnitRateExplanation.Decisions);
        Assert.Contains(g.UnitRateExplanation.Parameters, p => p.Key == "bt.strates.plancher.alsh");

        // Stratum 1: floor 0,70 €/h = 70 c/h < 75 → not binding, even though the kind's 0,80 €/h would be: r = 75, paid E.
        a = Allocate(2024, Floors, S("A", Alsh, 100000, 1000m, 1000m, stratum: 1), S("B", Alsh, 50000, 1000m, 1000m, stratum: 1));
        Assert.Equal(75m, a.Groups[0].UnitRateCents);
        Assert.Equal(150000, a.Groups[0].PaidCents);
    }

    [Fact]
    public void A_stratum_without_a_value_or_a_group_of_mixed_strata_takes_the_kind_floor()
    {
        // Stratum 3 has no bracket: the kind's floor, 80 c/h; A = B = 80 000 c; paid 160 000 c.
        var a = Allocate(2024, Floors, S("A", Alsh, 100000, 1000m, 1000m, stratum: 3), S("B", Alsh, 50000, 1000m, 1000m, stratum: 3));
        Assert.Equal(80m, a.Groups[0].UnitRateCents);
        Assert.Equal(160000, a.Groups[0].PaidCents);
        Assert.DoesNotContain(Decisions.BtStratumFloors, a.Groups[0].UnitRateExplanation.Decisions);

        // A in stratum 2, B in stratum 1: the group's territory has no single stratum → the kind's 80 c/h.
        a = Allocate(2024, Floors, S("A", Alsh, 100000, 1000m, 1000m, stratum: 2), S("B", Alsh, 50000, 1000m, 1000m, stratum: 1));
        Assert.Equal(160000, a.Groups[0].PaidCents);

        // No territory data (stratum unknown for B): the kind's floor too.
        a = Allocate(2024, Floors, S("A", Alsh, 100000, 1000m, 1000m, stratum: 2), S("B", Alsh, 50000, 1000m, 1000m));
        Assert.Equal(160000, a.Groups[0].PaidCents);
    }

    [Fact]
    public void The_revaluation_of_the_group_stratum_replaces_the_kind_revaluation()
    {
        // Stratum 2: 75 × 1,10 = 82,5 c/h; A = B = 82 500 c; paid 165 000 c, of which 15 000 c of revaluation.
        var a = Allocate(2024, Revaluations, S("A", Alsh, 100000, 1000m, 1000m, stratum: 2), S("B", Alsh, 50000, 1000m, 1000m, stratum: 2));
        Assert.Equal(82.5m, a.Groups[0].UnitRateCents);
        Assert.Equal([82500L, 82500L], a.Structures.Select(s => s.TotalCents));
        Assert.Equal(165000, a.Groups[0].PaidCents);
        Assert.Equal(15000m, a.Groups[0].RevaluationCents);

        // Stratum 1 has no value: the kind's 1,02 → 76,5 c/h; A = B = 76 500 c; paid 153 000 c.
        a = Allocate(2024, Revaluations, S("A", Alsh, 100000, 1000m, 1000m, stratum: 1), S("B", Alsh, 50000, 1000m, 1000m, stratum: 1));
        Assert.Equal(76.5m, a.Groups[0].UnitRateCents);
        Assert.Equal(153000, a.Groups[0].PaidCents);
    }

    [Fact]
    public void With_the_shipped_parameters_strata_change_nothing()
    {
        // Neither the kind's nor the strata's values are public: r = E / U, the envelope is paid exactly.
        var a = Allocate(2024, null, S("A", Alsh, 100000, 1000m, 1000m, stratum: 2), S("B", Alsh, 50000, 1000m, 1000m, stratum: 2));
        Assert.Equal(75m, a.Groups[0].UnitRateCents);
        Assert.Equal(150000, a.Groups[0].PaidCents);
    }
}
