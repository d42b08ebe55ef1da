using Ctg.Funding.V1;
using Ctg.Structures.V1;
using static Ctg.Funding.Tests.FundingHarness;

namespace Ctg.Funding.Tests;

/// <summary>DECISION-ALSH-SPLIT (RULES.md §2): the périscolaire and extrascolaire parts of an ALSH declaration are priced at their own ceiling.</summary>
[Collection(FundingCollection.Name)]
public sealed class AlshSplitTests(FundingHarness harness)
{
    private const string Fraisans = "str-39-jn-alsh-fraisans";

    private async Task<StructureFundingResult> SimulateAsync(ActivityFigures figures) =>
        (await harness.Simulation.SimulateAsync(new SimulateRequest
        {
            Structure = new ComputeStructureRequest { StructureId = Fraisans, Year = 2024, DeclarationVersion = DeclarationVersion.Reel },
            // The ALSH ceilings are not public: the simulation supplies them (2,00 €/h périscolaire, 2,50 €/h extrascolaire).
            ParameterOverrides =
            {
                new ParameterOverride { Key = "alsh.prix_plafond.periscolaire", Value = "2" },
                new ParameterOverride { Key = "alsh.prix_plafond.extrascolaire", Value = "2.5" },
            },
            ActivityOverrides = { new ActivityOverride { StructureId = Fraisans, Figures = figures } },
        })).Structure;

    [Fact]
    public async Task Each_part_is_priced_at_its_own_ceiling()
    {
        var result = await SimulateAsync(new ActivityFigures
        {
            HoursAttended = Dec("10000"), OperatingCosts = Euros(50000), RegimeGeneralShare = Dec("0.9"),
            Periscolaire = new AlshActivityPart { HoursAttended = Dec("6000"), OperatingCosts = Euros(24000) },
            Extrascolaire = new AlshActivityPart { HoursAttended = Dec("4000"), OperatingCosts = Euros(26000) },
        });

        // Périscolaire: C / HR = 4,00 €/h > 2,00 → 0,30 × 2,00 × 6 000 × 0,9 = 3 240,00 €.
        // Extrascolaire: C / HR = 6,50 €/h > 2,50 → 0,30 × 2,50 × 4 000 × 0,9 = 2 700,00 €.
        Assert.Equal(324000, result.Lines.Single(l => l.RuleId == "PS_ALSH.PERISCOLAIRE").Amount.Cents);
        Assert.Equal(270000, result.Lines.Single(l => l.RuleId == "PS_ALSH.EXTRASCOLAIRE").Amount.Cents);
        Assert.Equal(594000, result.Total.Cents);
        Assert.True(result.Complete);
    }

    [Fact]
    public async Task Without_the_split_the_whole_site_counts_under_periscolaire()
    {
        var result = await SimulateAsync(new ActivityFigures { HoursAttended = Dec("10000"), OperatingCosts = Euros(50000), RegimeGeneralShare = Dec("0.9") });

        // 0,30 × min(5,00 ; 2,00) × 10 000 × 0,9 = 5 400,00 €, no extrascolaire line.
        Assert.Equal(540000, Assert.Single(result.Lines, l => l.RuleId.StartsWith("PS_ALSH.", StringComparison.Ordinal)).Amount.Cents);
        Assert.Equal("PS_ALSH.PERISCOLAIRE", result.Lines[0].RuleId);
    }
}
