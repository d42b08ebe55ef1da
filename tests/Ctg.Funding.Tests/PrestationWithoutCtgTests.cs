using Ctg.Funding.V1;
using Ctg.ServiceDefaults;
using Ctg.Structures.V1;
using Grpc.Core;
using static Ctg.Funding.Tests.FundingHarness;

namespace Ctg.Funding.Tests;

/// <summary>
/// The prestation de service does not depend on a CTG (RULES.md §2): the crèche of Fraisans, whose CTG Jura Nord
/// ran 2019-2023, is computed for 2025. Only the bonus territoire needs a signed CTG covering the year.
/// </summary>
[Collection(FundingCollection.Name)]
public sealed class PrestationWithoutCtgTests(FundingHarness harness)
{
    public const string Creche = "str-39-jn-multi-accueil-fraisans";

    internal static async Task DeclareAsync(FundingHarness harness, string structureId, int year, ActivityFigures figures)
    {
        try
        {
            await harness.Declarations.SubmitDeclarationAsync(new SubmitDeclarationRequest
            {
                StructureId = structureId, Year = year, Version = DeclarationVersion.Reel, Figures = figures,
            });
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.AlreadyExists)
        {
        }
    }

    /// <summary>30 places, HF 49 277 h, HR 46 000 h (t = 1,0712…), C 414 306 €, PF 60 000 €, rg 0,95.</summary>
    internal static ActivityFigures CrecheFigures() => JuraNord.EqualActivity(StructureKind.EajePsu, "30");

    [Fact]
    public async Task A_2025_PSU_is_computed_for_a_structure_whose_CTG_ended_in_2023()
    {
        await DeclareAsync(harness, Creche, 2025, CrecheFigures());

        var result = await harness.Computations.ComputeStructureAsync(new ComputeStructureRequest
        {
            StructureId = Creche, Year = 2025, DeclarationVersion = DeclarationVersion.Reel,
        });

        Assert.Equal(2025, result.Year);
        Assert.Equal("", result.ConventionId);
        Assert.Equal(new[] { "PSU", "PSU.BONUS_MIXITE_SOCIALE", "PSU.BONUS_INCLUSION_HANDICAP", "PSU.BONUS_ATTRACTIVITE" }, result.Lines.Select(l => l.RuleId));
        // PF / HF = 60 000 / 49 277 = 1,2176 €/h: above 1,20, at most 1,52 → the third amount, 300 €/place × 30 = 9 000,00 €.
        Assert.Equal(900000, result.Lines.Single(l => l.RuleId == "PSU.BONUS_MIXITE_SOCIALE").Amount.Cents);
        // The 2025 linear ceilings are not public: the PSU itself is not computable, and says so.
        var psu = result.Lines.Single(l => l.RuleId == "PSU");
        Assert.False(psu.Computable);
        Assert.StartsWith("psu.prix_plafond.lineaire.", psu.NotComputable.ParameterKey);
        Assert.Equal(2025, psu.NotComputable.Year);
        Assert.False(result.Complete);
    }

    [Fact]
    public async Task The_simulation_of_a_structure_computes_a_year_outside_its_convention_too()
    {
        var simulated = await harness.Simulation.SimulateAsync(new SimulateRequest
        {
            Structure = new ComputeStructureRequest { StructureId = Creche, Year = 2026, DeclarationVersion = DeclarationVersion.Reel },
            ActivityOverrides = { new ActivityOverride { StructureId = Creche, Figures = CrecheFigures() } },
        });
        Assert.Equal(900000, simulated.Structure.Lines.Single(l => l.RuleId == "PSU.BONUS_MIXITE_SOCIALE").Amount.Cents);
        Assert.True(simulated.Structure.Simulated);
    }

    [Fact]
    public async Task The_bonus_territoire_still_needs_a_convention_covering_the_year()
    {
        var e = await Assert.ThrowsAsync<RpcException>(async () => await harness.Runs.RunAllocationAsync(new RunAllocationRequest
        {
            ConventionId = JuraNord.ConventionId, Year = 2025, DeclarationVersion = DeclarationVersion.Reel,
        }));
        Assert.Equal(StatusCode.InvalidArgument, e.StatusCode);
        Assert.Equal("year", Assert.Single(e.FieldViolations()).Field);
    }

    [Fact]
    public async Task A_year_before_the_structure_opened_is_invalid()
    {
        await StructureFundingTests.EnsureEajeAsync(harness);
        var structure = await harness.Registry.GetStructureAsync(new GetStructureRequest { StructureId = StructureFundingTests.EajeId });
        if (structure.Details.OpeningDate is not { Year: > 0 })
        {
            var details = structure.Details.Clone();
            details.OpeningDate = new Ctg.Common.V1.Date { Year = 2023, Month = 1, Day = 1 };
            await harness.Registry.ChangeStructureAsync(new ChangeStructureRequest
            {
                StructureId = structure.StructureId, ExpectedVersion = structure.Version, Details = details,
                EffectiveFrom = new Ctg.Common.V1.Date { Year = 2023, Month = 1, Day = 2 }, Reason = "date d'ouverture",
            });
        }

        var e = await Assert.ThrowsAsync<RpcException>(async () => await harness.Computations.ComputeStructureAsync(new ComputeStructureRequest
        {
            StructureId = StructureFundingTests.EajeId, Year = 2022, DeclarationVersion = DeclarationVersion.Reel,
        }));
        Assert.Equal(StatusCode.InvalidArgument, e.StatusCode);
        var violation = Assert.Single(e.FieldViolations());
        Assert.Equal(("year", "the structure is not open during 2022"), (violation.Field, violation.Description));
    }
}
