using Ctg.Funding.Api.Shared;
using Ctg.Funding.V1;

namespace Ctg.Funding.Tests;

/// <summary>The stored form's flat trees, host-free: any run reads back equal to the run written, and writing it leaves
/// the run as it was (the caller answers with it afterwards).</summary>
public sealed class FlatExplanationsTests
{
    [Fact]
    public void Random_runs_read_back_equal_to_what_was_written_and_are_left_unchanged()
    {
        for (var seed = 1; seed <= 200; seed++)
        {
            var random = new Random(seed);
            var run = RandomRun(random);
            var before = run.Clone();

            var payload = RunPayload.Encode(run);

            Assert.Equal(before, run);
            Assert.Equal(RunPayload.FlatDeflated, payload[1]);
            Assert.Equal(before, RunPayload.Decode(payload));
        }
    }

    [Fact]
    public void A_parameter_value_shared_by_two_trees_is_stored_once_and_read_back_as_two_copies()
    {
        var parameter = new ParameterValueUsed { Key = "bt.plancher.alsh", Value = "0.5", Unit = "ratio", Confidence = "P" };
        var run = new AllocationRun { RunId = "run-1" };
        run.Structures.Add(new StructureAllocation { StructureId = "a", Explanation = new Explanation { RuleId = "R", Parameters = { parameter.Clone() } } });
        run.Structures.Add(new StructureAllocation { StructureId = "b", Explanation = new Explanation { RuleId = "R", Parameters = { parameter.Clone() } } });

        var stored = new Api.Storage.StoredRun();
        var trees = FlatExplanations.TakeOff(run, stored);

        Assert.Single(stored.Parameters);
        Assert.Equal(["", "R"], stored.Strings);
        Assert.Equal([1u, 2u], stored.StructureRoots);
        stored.Run = run.Clone();
        FlatExplanations.PutBack(run, trees);
        var read = FlatExplanations.Read(stored);
        Assert.Equal(run, read);
        Assert.NotSame(read.Structures[0].Explanation.Parameters[0], read.Structures[1].Explanation.Parameters[0]);
    }

    [Fact]
    public void A_stored_run_whose_roots_do_not_match_its_structures_is_refused()
    {
        var stored = new Api.Storage.StoredRun { Run = new AllocationRun { Structures = { new StructureAllocation() } } };

        var error = Assert.Throws<InvalidDataException>(() => FlatExplanations.Read(stored));
        Assert.Equal("Stored allocation run whose explanation roots do not match its groups and structures.", error.Message);
    }

    private static AllocationRun RandomRun(Random random)
    {
        var run = new AllocationRun { RunId = "run-" + random.Next(), ConventionId = "ctg-" + random.Next(100), Year = 2019 };
        var parameters = Enumerable.Range(0, 4).Select(i => new ParameterValueUsed
        {
            Key = "p" + i, Value = Text(random), Unit = "ratio", ReferenceTitle = Text(random),
            EffectiveFrom = new Common.V1.Date { Year = 2019, Month = 1, Day = 1 },
            Brackets = { Enumerable.Range(0, random.Next(3)).Select(b => new ScaleBracket { Threshold = b.ToString(System.Globalization.CultureInfo.InvariantCulture), Amount = Text(random) }) },
        }).ToArray();
        for (var g = random.Next(4); g > 0; g--)
        {
            run.Groups.Add(new GroupResult { CollectivityId = Text(random), Explanation = random.Next(4) == 0 ? null : Tree(random, parameters, 3) });
        }

        for (var s = random.Next(6); s > 0; s--)
        {
            run.Structures.Add(new StructureAllocation { StructureId = Text(random), Explanation = random.Next(4) == 0 ? null : Tree(random, parameters, 4) });
        }

        return run;
    }

    private static Explanation Tree(Random random, ParameterValueUsed[] parameters, int depth)
    {
        var node = new Explanation
        {
            RuleId = Text(random), Formula = Text(random), ExactResult = Text(random), ResultUnit = Text(random),
            Rounding = random.Next(2) == 0 ? "" : Text(random), Note = random.Next(2) == 0 ? "" : Text(random),
        };
        for (var i = random.Next(4); i > 0; i--) node.Inputs.Add(new ExplanationInput { Name = Text(random), Value = Text(random), Unit = Text(random) });
        for (var i = random.Next(3); i > 0; i--) node.Parameters.Add(parameters[random.Next(parameters.Length)].Clone());
        for (var i = random.Next(3); i > 0; i--) node.Decisions.Add(new Decision { Id = Text(random), Text = Text(random) });
        for (var i = depth == 0 ? 0 : random.Next(4); i > 0; i--) node.Children.Add(Tree(random, parameters, depth - 1));
        return node;
    }

    /// <summary>Few distinct texts, so that trees share them as national runs do; sometimes empty.</summary>
    private static string Text(Random random) => random.Next(6) switch { 0 => "", var n => "t" + n + (random.Next(3) == 0 ? "é" : "") };
}
