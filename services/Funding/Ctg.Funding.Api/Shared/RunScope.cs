using Ctg.Funding.V1;

namespace Ctg.Funding.Api.Shared;

/// <summary>
/// A structure manager's view of an allocation run: their structures' allocations, inputs and missing
/// parameters, and the groups those structures belong to (a group's envelope and rate are what their
/// amount is computed from). The totals become those of the groups kept; other structures disappear.
/// </summary>
public static class RunScope
{
    /// <summary>The narrowed copy, or null when the run allocates nothing to the visible structures.</summary>
    public static AllocationRun? Narrow(AllocationRun run, IReadOnlySet<string> visible)
    {
        var inInputs = run.Inputs?.Structures.Any(s => visible.Contains(s.StructureId)) ?? false;
        if (!run.Structures.Any(s => visible.Contains(s.StructureId)) && !run.ExcludedStructureIds.Any(visible.Contains) && !inInputs)
        {
            return null;
        }

        var narrowed = run.Clone();
        Keep(narrowed.Structures, s => visible.Contains(s.StructureId));
        Keep(narrowed.ExcludedStructureIds, visible.Contains);
        var groups = narrowed.Structures.Select(s => (s.CollectivityId, s.Kind)).ToHashSet();
        Keep(narrowed.Groups, g => groups.Contains((g.CollectivityId, g.Kind)));
        narrowed.NotComputable.Clear();
        narrowed.NotComputable.AddRange(narrowed.Structures.SelectMany(s => s.NotComputable).Distinct());
        narrowed.TotalEnvelope = new Ctg.Common.V1.Money { Cents = narrowed.Groups.Sum(g => g.Envelope?.Cents ?? 0) };
        narrowed.TotalPaid = new Ctg.Common.V1.Money { Cents = narrowed.Groups.Sum(g => g.Paid?.Cents ?? 0) };
        if (narrowed.Inputs is not null)
        {
            Keep(narrowed.Inputs.Structures, s => visible.Contains(s.StructureId));
            var collectivities = narrowed.Inputs.Structures.Select(s => s.SupportingCollectivityId).ToHashSet(StringComparer.Ordinal);
            Keep(narrowed.Inputs.Collectivities, c => collectivities.Contains(c.SignatoryId));
        }

        return narrowed;
    }

    private static void Keep<T>(Google.Protobuf.Collections.RepeatedField<T> items, Func<T, bool> keep)
    {
        var kept = items.Where(keep).ToList();
        items.Clear();
        items.AddRange(kept);
    }
}
