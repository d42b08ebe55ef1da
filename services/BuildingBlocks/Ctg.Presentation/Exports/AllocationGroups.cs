using Ctg.Funding.V1;
using Ctg.Presentation.Formatting;

namespace Ctg.Presentation.Exports;

/// <summary>How an allocation run is laid out wherever a person reads it (terminal, CSV, COPIL report, web):
/// groups by collectivity name then kind, structures by name, and what makes an amount partial.</summary>
public static class AllocationGroups
{
    /// <summary>True when the structure's amount lacks a part (runs stored before the complete flag list what is missing).</summary>
    public static bool IsPartial(StructureAllocation s) => s.NotComputable.Count > 0;

    /// <summary>True when a structure of the group is partial, so that its paid amount and difference are partial too.</summary>
    public static bool IsPartial(AllocationRun run, GroupResult group) =>
        group.Causes.Contains("not_computable") || StructuresOf(run, group).Any(IsPartial);

    public static IEnumerable<GroupResult> OrderedGroups(AllocationRun run) =>
        run.Groups.OrderBy(CollectivityName, StringComparer.Create(French.Culture, false)).ThenBy(g => (int)g.Kind);

    public static IEnumerable<StructureAllocation> StructuresOf(AllocationRun run, GroupResult group) =>
        run.Structures.Where(s => s.CollectivityId == group.CollectivityId && s.Kind == group.Kind)
            .OrderBy(s => s.StructureName, StringComparer.Create(French.Culture, false));

    public static string CollectivityName(GroupResult group) =>
        string.IsNullOrEmpty(group.CollectivityName) ? group.CollectivityId : group.CollectivityName;

    /// <summary>The name of each collectivity of a run's groups, by id: what the explanations' notes are said with.</summary>
    public static IReadOnlyDictionary<string, string> CollectivityNames(AllocationRun run) =>
        run.Groups.Where(g => !string.IsNullOrEmpty(g.CollectivityName))
            .GroupBy(g => g.CollectivityId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First().CollectivityName, StringComparer.Ordinal);

    public static string GroupTitle(GroupResult group) => $"{CollectivityName(group)} — {Labels.Kind(group.Kind)}";
}
