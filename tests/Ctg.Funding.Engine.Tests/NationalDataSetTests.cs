using Ctg.DataGen;

namespace Ctg.Funding.Engine.Tests;

public class NationalDataSetTests
{
    [Fact]
    public void Generator_gives_the_national_counts_and_is_deterministic()
    {
        var a = NationalDataSetGenerator.Generate();
        var b = NationalDataSetGenerator.Generate();
        Assert.Equal(30_000, a.Communes.Count);
        Assert.Equal(1_200, a.Ctgs.Count);
        Assert.Equal(13_000, a.Structures.Count(s => s.Id.StartsWith("EAJE-")));
        Assert.Equal(35_000, a.Structures.Count(s => s.Id.StartsWith("ALSH-")));
        Assert.Equal(3_000, a.Structures.Count(s => s.Id.StartsWith("RPE-")));
        Assert.Equal(2_000, a.Structures.Count(s => s.Id.StartsWith("LAEP-")));
        Assert.Equal(30_000, a.Communes.Select(c => c.InseeCode).Distinct().Count());
        Assert.Equal(a.Structures.Select(s => s.BonusTerritoire), b.Structures.Select(s => s.BonusTerritoire));
        Assert.Equal(a.Structures.Select(s => s.Activity), b.Structures.Select(s => s.Activity));
    }

    [Fact]
    public void National_allocation_keeps_every_invariant_and_benchmark_inputs_are_all_computable()
    {
        var data = NationalDataSetGenerator.Generate();
        var engine = new FundingEngine(TestParameters.Real).WithOverrides(BenchmarkParameters.NfTestValues());
        var allocations = data.AllocationRequests().Select(engine.AllocateBonusTerritoire).ToList();
        Assert.All(allocations, a => Assert.True(a.AllInvariantsHold, a.CtgId));
        Assert.Contains(allocations, a => a.Excluded.Count > 0);
        Assert.All(data.Structures.Take(2_000), s => Assert.True(engine.Compute(s.Activity).IsComplete, s.Id));
    }
}
