using Ctg.Funding.Engine.BonusTerritoire;
using Ctg.Funding.Engine.Explanations;
using Ctg.Funding.Engine.Parameters;
using Ctg.Funding.Engine.Validation;
using static Ctg.Funding.Engine.BonusTerritoire.BonusTerritoireKind;

namespace Ctg.Funding.Engine.Tests;

/// <summary>
/// Bonus territoire (RULES.md §4), hand-computed. All amounts in cents; r = E / U in cents per unit.
/// Real parameters unless a case names an override (floors, revaluations and strata are NF publicly).
/// </summary>
public class BonusTerritoireTests
{
    internal static BonusTerritoireStructure S(string id, BonusTerritoireKind kind, long refCents, decimal refUnits, decimal units,
        string collectivity = "EPCI", bool eligible = true, bool open = true, int? stratum = null, bool qpv = false) => new()
    {
        StructureId = id, Kind = kind, SupportingCollectivityId = collectivity, ReferenceAmountCents = refCents,
        ReferenceUnits = refUnits, Units = units, SupportedBySignatoryWithCompetence = eligible, OpenDuringYear = open,
        WealthStratum = stratum, QpvOrZrr = qpv,
    };

    internal static BonusTerritoireAllocation Allocate(int year, ParameterOverrides? overrides, params BonusTerritoireStructure[] s)
    {
        var engine = new FundingEngine(TestParameters.Real);
        if (overrides is not null) engine = engine.WithOverrides(overrides);
        return engine.AllocateBonusTerritoire(new BonusTerritoireRequest { CtgId = "CTG-1", Year = year, Structures = s });
    }

    [Fact]
    public void Equal_activity_smooths_and_pays_the_envelope_exactly()
    {
        // E = 100000 + 50000 + 0 = 150000; U = 1000 + 2000 + 1000 = 4000 h; r = 37.5 c/h.
        // base A = 37.5 × 1000 = 37500 (loses 62500), B = 37.5 × 2000 = 75000 (gains 25000), C = 37500 (gains 37500). Σ = 150000 = E.
        var a = Allocate(2024, null, S("A", Alsh, 100000, 1000m, 1000m), S("B", Alsh, 50000, 2000m, 2000m), S("C", Alsh, 0, 1000m, 1000m));
        var g = Assert.Single(a.Groups);
        Assert.Equal(37.5m, g.UnitRateCents);
        Assert.Equal([37500L, 75000L, 37500L], a.Structures.Select(s => s.TotalCents));
        Assert.Equal([-62500L, 25000L, 37500L], a.Structures.Select(s => s.DifferenceToReferenceCents));
        Assert.Equal(150000, g.PaidCents);
        Assert.Equal(0, g.DifferenceToEnvelopeCents);
        Assert.True(g.EqualActivityInvariantApplies);
        Assert.True(g.EqualActivityInvariantHolds);
        Assert.Contains(Decisions.BtRevaluationDefaultOne, g.UnitRateExplanation.Decisions);
    }

    [Fact]
    public void Largest_remainder_gives_the_missing_cent_to_the_smaller_id_on_ties()
    {
        // E = 33333 + 33333 + 33334 = 100000; U = 3; each base = 100000 / 3 = 33333.33…; truncated Σ = 99999;
        // exact sum rounds to 100000 → one cent left, equal remainders → smallest id "A" gets it.
        var a = Allocate(2024, null, S("C", Rpe, 33333, 1m, 1m), S("A", Rpe, 33333, 1m, 1m), S("B", Rpe, 33334, 1m, 1m));
        Assert.Equal(["A", "B", "C"], a.Structures.Select(s => s.StructureId));
        Assert.Equal([33334L, 33333L, 33333L], a.Structures.Select(s => s.BasePart.Cents));
        Assert.Equal(100000, a.Groups[0].PaidCents);
        Assert.Equal(Rounding.LargestRemainderInGroup, a.Structures[0].BasePart.Explanation!.Rounding);
    }

    [Fact]
    public void Largest_remainder_prefers_the_largest_fraction()
    {
        // E = 1000, U = 7 (1 + 2 + 4): r = 142.857142…; exact 142.857 / 285.714 / 571.428 → trunc 142 + 285 + 571 = 998;
        // 2 cents left: fractions .857 (A), .714 (B), .428 (C) → A and B get one. 143 + 286 + 571 = 1000.
        var a = Allocate(2024, null, S("A", Laep, 1000, 1m, 1m), S("B", Laep, 0, 2m, 2m), S("C", Laep, 0, 4m, 4m));
        Assert.Equal([143L, 286L, 571L], a.Structures.Select(s => s.BasePart.Cents));
    }

    [Fact]
    public void Lower_activity_pays_less_and_says_why()
    {
        // E = 200000, U = 2000 h, r = 100 c/h. A: u 800 → existing 800 → 80000; B: u 1000 → 100000.
        // paid 180000, difference −20000 = lower activity r × (1800 − 2000).
        var a = Allocate(2024, null, S("A", Alsh, 100000, 1000m, 800m), S("B", Alsh, 100000, 1000m, 1000m));
        var g = a.Groups[0];
        Assert.Equal([80000L, 100000L], a.Structures.Select(s => s.TotalCents));
        Assert.Equal(-20000, g.DifferenceToEnvelopeCents);
        Assert.Equal(-20000m, g.LowerActivityCents);
        Assert.Equal(0, g.NewActivityCents);
        Assert.False(g.EqualActivity);
        Assert.False(g.EqualActivityInvariantApplies);
    }

    [Fact]
    public void Higher_activity_within_the_cap_is_paid_at_r()
    {
        // 2025, cap 0.25 × U = 0.25 × 2000 = 500 h. New: A 100 h, B 200 h = 300 ≤ 500 → all eligible at r = 100 c/h.
        // A = 100000 + 10000, B = 100000 + 20000; paid 230000 = E + 30000 new activity.
        var a = Allocate(2025, null, S("A", Alsh, 100000, 1000m, 1100m), S("B", Alsh, 100000, 1000m, 1200m));
        Assert.Equal([110000L, 120000L], a.Structures.Select(s => s.TotalCents));
        Assert.Equal(30000, a.Groups[0].NewActivityCents);
        Assert.Equal(30000, a.Groups[0].DifferenceToEnvelopeCents);
        Assert.Contains(Decisions.BtNewHoursAtUnitRate, a.Structures[0].NewPart.Explanation!.Decisions);
    }

    [Fact]
    public void New_hours_above_the_cap_are_scaled_pro_rata()
    {
        // cap 500 h; new A 300 + B 400 = 700 > 500 → eligible A = 300 × 500/700 = 214.2857 h → × 100 = 21428.57 → 21429;
        // B = 400 × 500/700 = 285.7142 h → 28571.43 → 28571. Σ new = 50000 = cap × r.
        var a = Allocate(2025, null, S("A", Alsh, 100000, 1000m, 1300m), S("B", Alsh, 100000, 1000m, 1400m));
        Assert.Equal([21429L, 28571L], a.Structures.Select(s => s.NewPart.Cents));
        Assert.Equal(500m, a.Groups[0].EligibleNewUnits);
        Assert.Equal(250000, a.Groups[0].PaidCents);
    }

    [Fact]
    public void Jeunes_group_has_its_own_cap()
    {
        // Two groups of one collectivity: ALSH (E 100000, U 1000, new 100 ≤ 250) and Jeunes (E 10000, U 100, new 50 > 25).
        // Jeunes: r = 100 c/h, eligible 25 h → 2500. ALSH: 100 h × 100 = 10000.
        var a = Allocate(2025, null, S("ALSH", Alsh, 100000, 1000m, 1100m), S("JEUNES", Jeunes, 10000, 100m, 150m));
        Assert.Equal(10000, a.Structure("ALSH").NewPart.Cents);
        Assert.Equal(2500, a.Structure("JEUNES").NewPart.Cents);
        Assert.Contains(Decisions.BtJeunesUsesAlshCap, a.Structure("JEUNES").NewPart.Explanation!.Decisions);
    }

    [Fact]
    public void Cap_missing_for_the_year_makes_only_the_new_parts_not_computable()
    {
        // bt.alsh.cap_heures_nouvelles is sourced from 2025: in 2024 the new part is not computable, the base still is.
        var a = Allocate(2024, null, S("A", Alsh, 100000, 1000m, 1100m), S("B", Alsh, 100000, 1000m, 1000m));
        var s = a.Structure("A");
        Assert.Equal(100000, s.BasePart.Cents);
        Assert.Equal(new Results.NotComputable(RuleIds.BtNewActivity, "bt.alsh.cap_heures_nouvelles", 2024), s.NewPart.Missing);
        Assert.True(a.Structure("B").NewPart.IsComputable);
        Assert.Single(a.Groups[0].NotComputable);
    }

    [Fact]
    public void Floor_raises_the_unit_rate()
    {
        // Override bt.plancher.alsh = 1.20 €/h = 120 c/h > r0 = 100 → r = 120; equal activity: 120000 each, paid 240000,
        // floor effect (120 − 100) × 2000 = 40000; the equal-activity invariant does not apply (floor binding).
        var a = Allocate(2024, new ParameterOverrides().Set("bt.plancher.alsh", 1.20m), S("A", Alsh, 100000, 1000m, 1000m), S("B", Alsh, 100000, 1000m, 1000m));
        var g = a.Groups[0];
        Assert.True(g.FloorBinding);
        Assert.Equal(120m, g.UnitRateCents);
        Assert.Equal(240000, g.PaidCents);
        Assert.Equal(40000m, g.FloorEffectCents);
        Assert.False(g.EqualActivityInvariantApplies);
    }

    [Fact]
    public void Floor_below_the_rate_does_not_bind()
    {
        var a = Allocate(2024, new ParameterOverrides().Set("bt.plancher.alsh", 0.50m), S("A", Alsh, 100000, 1000m, 1000m));
        Assert.False(a.Groups[0].FloorBinding);
        Assert.Equal(100000, a.Groups[0].PaidCents);
        Assert.True(a.Groups[0].EqualActivityInvariantHolds);
    }

    [Fact]
    public void Revaluation_multiplies_the_rate()
    {
        // Override bt.revalorisation.alsh = 1.02: r = 100 × 1.02 = 102 c/h; 102000 each; revaluation effect 2 × 2000 = 4000.
        var a = Allocate(2024, new ParameterOverrides().Set("bt.revalorisation.alsh", 1.02m), S("A", Alsh, 100000, 1000m, 1000m), S("B", Alsh, 100000, 1000m, 1000m));
        Assert.Equal([102000L, 102000L], a.Structures.Select(s => s.TotalCents));
        Assert.Equal(4000m, a.Groups[0].RevaluationCents);
        Assert.Equal(4000, a.Groups[0].DifferenceToEnvelopeCents);
    }

    [Fact]
    public void New_eaje_places_by_stratum_qpv_and_not_computable_stratum()
    {
        // 2025 EAJE group: F (82442 € / 30 places, equal) base 8244200.
        // Q: new structure in a QPV, 10 places × maximum 3600 € = 36000.00 → 3600000.
        // S: new structure stratum 2, 5 places × test stratum amount 3000 € = 15000.00 → 1500000.
        var strata = new ParameterOverrides().SetScale("bt.eaje.nouvelles_places.strates", [new(1m, 2600m), new(2m, 3000m), new(3m, 3600m)]);
        BonusTerritoireStructure[] s =
        [
            S("F", Eaje, 8244200, 30m, 30m),
            S("Q", Eaje, 0, 0m, 10m, qpv: true),
            S("S", Eaje, 0, 0m, 5m, stratum: 2),
        ];
        var a = Allocate(2025, strata, s);
        Assert.Equal(8244200, a.Structure("F").TotalCents);
        Assert.Equal(3600000, a.Structure("Q").NewPart.Cents);
        Assert.Equal(1500000, a.Structure("S").NewPart.Cents);
        Assert.Equal(8244200 + 3600000 + 1500000, a.Groups[0].PaidCents);

        // With the real parameters the strata are NF: S is not computable, F and Q still are.
        var real = Allocate(2025, null, s);
        Assert.Equal(new Results.NotComputable(RuleIds.BtNewActivity, "bt.eaje.nouvelles_places.strates", 2025), real.Structure("S").NewPart.Missing);
        Assert.Equal(3600000, real.Structure("Q").NewPart.Cents);
        Assert.Equal(8244200 + 3600000, real.Groups[0].PaidCents);
    }

    [Fact]
    public void New_eaje_places_2020_use_the_2020_maximum()
    {
        // 2020 maximum 3100 €/place: 2 new places in a ZRR → 6200.00.
        var a = Allocate(2020, null, S("F", Eaje, 8244200, 30m, 32m, qpv: true));
        Assert.Equal(620000, a.Structure("F").NewPart.Cents);
        Assert.Equal(8244200, a.Structure("F").BasePart.Cents);
    }

    [Fact]
    public void Rpe_new_etp_paid_at_r()
    {
        // RAM Jura Nord: E = 2286500, U = 1.4 ETP → r = 1633214.2857… c/ETP; u = 1.5 → new 0.1 ETP → 163321.43 → 163321.
        var a = Allocate(2024, null, S("RAM", Rpe, 2286500, 1.4m, 1.5m));
        Assert.Equal(2286500, a.Structure("RAM").BasePart.Cents);
        Assert.Equal(163321, a.Structure("RAM").NewPart.Cents);
        Assert.Contains(Decisions.BtRpeLaepNewUnitsAtUnitRate, a.Structure("RAM").NewPart.Explanation!.Decisions);
    }

    [Fact]
    public void New_laep_in_an_empty_group_gets_the_floor_or_nothing()
    {
        // E = 0 and U = 0: r = 0 (decision) → 500 new hours × 0 = 0; with a floor of 2 €/h: 500 × 200 c = 100000.
        var none = Allocate(2024, null, S("L", Laep, 0, 0m, 500m));
        Assert.Equal(0, none.Structure("L").TotalCents);
        Assert.Contains(Decisions.BtEmptyGroupRate, none.Groups[0].UnitRateExplanation.Decisions);
        var floored = Allocate(2024, new ParameterOverrides().Set("bt.plancher.laep", 2m), S("L", Laep, 0, 0m, 500m));
        Assert.Equal(100000, floored.Structure("L").TotalCents);
    }

    [Fact]
    public void Groups_are_by_reference_collectivity_and_kind()
    {
        // Same kind, two collectivities: no smoothing across them.
        var a = Allocate(2024, null, S("A", Alsh, 100000, 1000m, 1000m, "COMMUNE-1"), S("B", Alsh, 50000, 1000m, 1000m, "COMMUNE-2"));
        Assert.Equal(2, a.Groups.Count);
        Assert.Equal([100000L, 50000L], a.Structures.Select(s => s.TotalCents));
    }

    [Fact]
    public void Ineligible_structures_are_excluded_and_listed()
    {
        var a = Allocate(2024, null,
            S("A", Alsh, 100000, 1000m, 1000m),
            S("CLOSED", Alsh, 50000, 1000m, 0m, open: false),
            S("UNSIGNED", Alsh, 50000, 1000m, 1000m, eligible: false),
            S("MAM", NotEligible, 0, 0m, 0m));
        Assert.Equal(["A"], a.Structures.Select(s => s.StructureId));
        Assert.Equal(100000, a.Groups[0].EnvelopeCents);
        Assert.Equal(["CLOSED", "MAM", "UNSIGNED"], a.Excluded.Select(e => e.StructureId));
        Assert.StartsWith("not open during the year", a.Excluded[0].Reason);
    }

    [Fact]
    public void Reference_amount_with_zero_reference_units_is_invalid()
    {
        var ex = Assert.Throws<FundingInputException>(() => Allocate(2024, null, S("A", Alsh, 100000, 1000m, 1000m), S("B", Alsh, 5000, 0m, 10m)));
        var v = Assert.Single(ex.Violations);
        Assert.Equal("structures[1].reference_units", v.Field);
    }

    [Fact]
    public void Negative_units_and_duplicate_ids_are_invalid()
    {
        var ex = Assert.Throws<FundingInputException>(() => Allocate(2024, null, S("A", Alsh, 100000, 1000m, -1m), S("A", Alsh, 0, 10m, 10m)));
        Assert.Equal(["structures[0].units", "structures[1].structure_id"], ex.Violations.Select(v => v.Field));
    }

    [Fact]
    public void Allocation_records_the_parameter_set_hash()
    {
        var a = Allocate(2024, null, S("A", Alsh, 100000, 1000m, 1000m));
        Assert.Equal(TestParameters.Real.ContentHash, a.ParameterSetHash);
    }
}

public class BonusTerritoireUnitsTests
{
    [Theory]
    [InlineData(30, 12, 30)]  // 30 × 12 / 12
    [InlineData(30, 6, 15)]   // 30 × 6 / 12
    [InlineData(10, 3, 2.5)]  // 10 × 3 / 12
    public void Eaje_places_are_prorated_by_months_open(decimal places, int months, decimal expected)
        => Assert.Equal(expected, BonusTerritoireUnits.EajePlaces(places, months));

    [Fact]
    public void Alsh_hours_add_periscolaire_and_extrascolaire()
        => Assert.Equal(39731m, BonusTerritoireUnits.AlshHours(30000m, 9731m));
}
