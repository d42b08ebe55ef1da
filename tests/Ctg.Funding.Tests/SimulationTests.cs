using Ctg.Funding.V1;
using Ctg.Structures.V1;
using static Ctg.Funding.Tests.FundingHarness;

namespace Ctg.Funding.Tests;

[Collection(FundingCollection.Name)]
public sealed class SimulationTests(FundingHarness harness)
{
    [Fact]
    public async Task Simulating_an_allocation_with_more_activity_and_a_parameter_saves_nothing()
    {
        var before = await CountAllAsync(harness.Funding);
        var response = await harness.Simulation.SimulateAsync(new SimulateRequest
        {
            Allocation = new RunAllocationRequest { ConventionId = JuraNord.ConventionId, Year = JuraNord.Year, DeclarationVersion = DeclarationVersion.Reel },
            // 1 000 new hours at Rans; the 25 % cap of new ALSH hours has a value from 2025 only, so it is supplied here.
            ParameterOverrides = { new ParameterOverride { Key = "bt.alsh.cap_heures_nouvelles", Value = "0.25" } },
            ActivityOverrides = { new ActivityOverride { StructureId = "str-39-jn-alsh-rans", ActivityUnits = "22344" } },
        });
        var after = await CountAllAsync(harness.Funding);
        Assert.Equal(before, after);

        var run = response.Allocation;
        Assert.Equal(RunStatus.Simulated, run.Status);
        Assert.Equal("", run.RunId);
        var rans = run.Structures.Single(s => s.StructureId == "str-39-jn-alsh-rans");
        // New hours are paid at r = 18 361 100 / 264 826 c/h: 1 000 h → 69 332,21 c rounded to the cent.
        Assert.Equal(Math.Round(18361100m * 1000m / 264826m, MidpointRounding.AwayFromZero), rans.NewActivity.Cents);
        var alsh = run.Groups.Single(g => g.Kind == BonusTerritoireKind.Alsh);
        Assert.Equal(rans.NewActivity.Cents, alsh.Difference.Cents);
        Assert.Contains("new_activity", alsh.Causes);
        Assert.True(run.Inputs.Structures.Single(s => s.StructureId == "str-39-jn-alsh-rans").ActivityOverridden);
        Assert.NotEqual("embedded", run.ParameterSetVersion);
    }

    [Fact]
    public async Task Simulating_a_structure_with_overrides_saves_nothing_and_tags_the_override()
    {
        await StructureFundingTests.EnsureEajeAsync(harness);
        var before = await CountAllAsync(harness.Funding);
        var response = await harness.Simulation.SimulateAsync(new SimulateRequest
        {
            Structure = new ComputeStructureRequest { StructureId = StructureFundingTests.EajeId, Year = 2024, DeclarationVersion = DeclarationVersion.Previsionnel },
            ParameterOverrides = { new ParameterOverride { Key = "psu.taux", Value = "0.70" } },
            ActivityOverrides = { new ActivityOverride { StructureId = StructureFundingTests.EajeId, Figures = StructureFundingTests.Figures(30000) } },
        });
        Assert.Equal(before, await CountAllAsync(harness.Funding));

        // PSU = 0,70 × 10 × 30 000 − 30 000 = 180 000,00 €.
        var result = response.Structure;
        Assert.True(result.Simulated);
        Assert.Equal("", result.ComputationId);
        var psu = result.Lines.Single(l => l.RuleId == "PSU");
        Assert.Equal(18000000, psu.Amount.Cents);
        Assert.Contains(Flatten(psu.Explanation), e => e.Parameters.Any(p => p.Key == "psu.taux" && p.Confidence == "SimulationOverride"));
        Assert.Empty(result.Payments);
    }

    private static IEnumerable<Explanation> Flatten(Explanation e) => new[] { e }.Concat(e.Children.SelectMany(Flatten));
}
