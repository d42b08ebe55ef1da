using Ctg.Funding.V1;

namespace Ctg.Funding.Api.Allocation;

/// <summary>What a run answer carries: never the inputs snapshot (GetRun with include_inputs gives it back), and the
/// explanation trees, most of a run's size, only when asked.</summary>
public static class AllocationAnswers
{
    public static AllocationRun Answer(AllocationRun run, bool includeExplanations)
    {
        var answer = run.Clone();
        answer.Inputs = null;
        if (!includeExplanations) WithoutExplanations(answer);
        return answer;
    }

    public static void WithoutExplanations(AllocationRun run)
    {
        foreach (var g in run.Groups) g.Explanation = null;
        foreach (var s in run.Structures) s.Explanation = null;
    }
}
