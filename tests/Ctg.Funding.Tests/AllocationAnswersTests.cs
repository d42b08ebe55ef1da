using Ctg.Funding.Api.Allocation;
using Ctg.Funding.V1;

namespace Ctg.Funding.Tests;

/// <summary>A run answer leaves out the snapshot (and the explanations unless asked) and leaves the recorded run as it was.</summary>
public sealed class AllocationAnswersTests
{
    private static AllocationRun Run() => new()
    {
        RunId = "run-1", ConventionId = "ctg-1", Inputs = new AllocationInputs { ConventionId = "ctg-1" },
        Groups = { new GroupResult { CollectivityId = "sig-1", Explanation = new Explanation { RuleId = "BT_UNIT_RATE" } } },
        Structures = { new StructureAllocation { StructureId = "str-1", Amount = new Common.V1.Money { Cents = 12_345 }, Explanation = new Explanation { RuleId = "BONUS_TERRITOIRE" } } },
    };

    [Fact]
    public void The_answer_without_explanations_has_none_and_the_run_keeps_its_own()
    {
        var run = Run();
        var before = run.Clone();

        var answer = AllocationAnswers.Answer(run, includeExplanations: false);

        Assert.Null(answer.Inputs);
        Assert.Null(Assert.Single(answer.Groups).Explanation);
        Assert.Null(Assert.Single(answer.Structures).Explanation);
        Assert.Equal(12_345, answer.Structures[0].Amount.Cents);
        Assert.Equal(before, run);
        Assert.NotSame(run.Structures[0], answer.Structures[0]);
    }

    [Fact]
    public void The_answer_with_explanations_keeps_them_and_drops_only_the_snapshot()
    {
        var run = Run();
        var before = run.Clone();

        var answer = AllocationAnswers.Answer(run, includeExplanations: true);

        Assert.Null(answer.Inputs);
        Assert.Equal("BT_UNIT_RATE", answer.Groups[0].Explanation.RuleId);
        Assert.Equal("BONUS_TERRITOIRE", answer.Structures[0].Explanation.RuleId);
        Assert.Equal(before, run);
        Assert.NotSame(run.Structures[0].Explanation, answer.Structures[0].Explanation);
    }
}
