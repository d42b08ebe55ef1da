using Ctg.Funding.Engine.BonusTerritoire;
using FsCheck;
using FsCheck.Xunit;

namespace Ctg.Funding.Engine.Tests;

/// <summary>
/// FsCheck properties of the allocation. Structures are built from generated numbers: reference units in
/// tenths (0.1 .. ), reference amounts in cents, five kinds and three collectivities spread by index, so
/// every run mixes several groups of uneven sizes.
/// </summary>
public class BonusTerritoireProperties
{
    private static readonly FundingEngine Engine = new(TestParameters.Real);
    private static readonly BonusTerritoireKind[] Kinds = [BonusTerritoireKind.Eaje, BonusTerritoireKind.Alsh, BonusTerritoireKind.Jeunes, BonusTerritoireKind.Rpe, BonusTerritoireKind.Laep];

    private static List<BonusTerritoireStructure> Build(PositiveInt[] refUnits, NonNegativeInt[] amounts, Func<int, decimal, decimal> units)
    {
        var n = Math.Min(refUnits.Length, amounts.Length);
        var list = new List<BonusTerritoireStructure>(n);
        for (var i = 0; i < n; i++)
        {
            var reference = refUnits[i].Get / 10m;
            list.Add(new BonusTerritoireStructure
            {
                StructureId = "S" + i.ToString("D3"),
                Kind = Kinds[i % Kinds.Length],
                SupportingCollectivityId = "C" + (i % 3),
                ReferenceAmountCents = amounts[i].Get,
                ReferenceUnits = reference,
                Units = units(i, reference),
                QpvOrZrr = true, // EAJE new places priced at the maximum, so no stratum is needed
            });
        }
        return list;
    }

    private static BonusTerritoireAllocation Allocate(IReadOnlyList<BonusTerritoireStructure> s, int year = 2025)
        => Engine.AllocateBonusTerritoire(new BonusTerritoireRequest { CtgId = "P", Year = year, Structures = s });

    [Property(MaxTest = 300)]
    public bool Group_sums_are_exact_at_equal_activity(PositiveInt[] refUnits, NonNegativeInt[] amounts)
    {
        var a = Allocate(Build(refUnits, amounts, (_, r) => r));
        return a.Groups.All(g => g.PaidCents == g.EnvelopeCents && g.EqualActivityInvariantApplies && g.EqualActivityInvariantHolds)
               && a.Structures.Sum(s => s.TotalCents) == a.TotalEnvelopeCents;
    }

    [Property(MaxTest = 300)]
    public bool No_base_part_is_negative(PositiveInt[] refUnits, NonNegativeInt[] amounts, NonNegativeInt[] activity)
    {
        var a = Allocate(Build(refUnits, amounts, (i, _) => activity.Length == 0 ? 0m : activity[i % activity.Length].Get / 10m));
        return a.Structures.All(s => s.BasePart.Cents >= 0 && (!s.NewPart.IsComputable || s.NewPart.Cents >= 0));
    }

    [Property(MaxTest = 300)]
    public bool More_activity_never_gives_less_money(PositiveInt[] refUnits, NonNegativeInt[] amounts, NonNegativeInt[] activity, PositiveInt pick, PositiveInt extra)
    {
        var before = Build(refUnits, amounts, (i, _) => activity.Length == 0 ? 0m : activity[i % activity.Length].Get / 10m);
        if (before.Count == 0) return true;
        var k = pick.Get % before.Count;
        var after = before.ToList();
        after[k] = after[k] with { Units = after[k].Units + extra.Get / 10m };
        var a = Allocate(before);
        var b = Allocate(after);
        var id = before[k].StructureId;
        // The structure itself: never less, below or above the cap (its pro-rata share of the cap only grows).
        if (b.Structure(id).TotalCents < a.Structure(id).TotalCents) return false;
        // Its group: never less while the group's new hours stay within the cap (beyond it, others are scaled down).
        var ga = a.Groups.Single(g => g.StructureIds.Contains(id));
        var gb = b.Groups.Single(g => g.StructureIds.Contains(id));
        var withinCap = gb.EligibleNewUnits == gb.NewUnits;
        return !withinCap || gb.PaidCents >= ga.PaidCents;
    }

    [Property(MaxTest = 200)]
    public bool Results_do_not_depend_on_input_order(PositiveInt[] refUnits, NonNegativeInt[] amounts, NonNegativeInt[] activity, int seed)
    {
        var structures = Build(refUnits, amounts, (i, _) => activity.Length == 0 ? 0m : activity[i % activity.Length].Get / 10m);
        var shuffled = structures.ToArray();
        new Random(seed).Shuffle(shuffled);
        var a = Allocate(structures);
        var b = Allocate(shuffled);
        return a.Structures.Select(s => (s.StructureId, s.BasePart.Cents, s.NewPart.Cents))
                   .SequenceEqual(b.Structures.Select(s => (s.StructureId, s.BasePart.Cents, s.NewPart.Cents)))
               && a.Groups.Select(g => (g.CollectivityId, g.Kind, g.PaidCents)).SequenceEqual(b.Groups.Select(g => (g.CollectivityId, g.Kind, g.PaidCents)));
    }
}
