using Ctg.Funding.V1;

namespace Ctg.Funding.Api.Allocation;

/// <summary>What a run answer carries: never the inputs snapshot (GetRun with include_inputs gives it back), and the
/// explanation trees, most of a run's size, only when asked.</summary>
public static class AllocationAnswers
{
    public static AllocationRun Answer(AllocationRun run, bool includeExplanations)
    {
        // A plain clone would copy the snapshot and the explanation trees deeply only for them to be dropped: they are
        // taken off the run for the clone and put back, so the run itself is left as it was.
        var inputs = run.Inputs;
        var groupExplanations = includeExplanations ? null : run.Groups.Select(g => g.Explanation).ToArray();
        var structureExplanations = includeExplanations ? null : run.Structures.Select(s => s.Explanation).ToArray();
        run.Inputs = null;
        if (!includeExplanations) WithoutExplanations(run);
        try
        {
            return run.Clone();
        }
        finally
        {
            run.Inputs = inputs;
            for (var i = 0; groupExplanations is not null && i < groupExplanations.Length; i++) run.Groups[i].Explanation = groupExplanations[i];
            for (var i = 0; structureExplanations is not null && i < structureExplanations.Length; i++) run.Structures[i].Explanation = structureExplanations[i];
        }
    }

    public static void WithoutExplanations(AllocationRun run)
    {
        foreach (var g in run.Groups) g.Explanation = null;
        foreach (var s in run.Structures) s.Explanation = null;
    }
}
