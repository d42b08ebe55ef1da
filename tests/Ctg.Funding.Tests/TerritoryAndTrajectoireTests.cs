using Ctg.Funding.V1;
using Ctg.ServiceDefaults;
using Ctg.Structures.V1;
using Grpc.Core;

namespace Ctg.Funding.Tests;

/// <summary>The rules issue 13 found missing: the bonus trajectoire by RPC and the territory data of communes (RULES.md §4.9, §6.1).</summary>
[Collection(FundingCollection.Name)]
public sealed class TerritoryAndTrajectoireTests(FundingHarness harness)
{
    [Theory]
    // growth = (places − 100) / 100 against the steps 4 % → 100 €, 8 % → 200 €, 12 % → 300 € per eligible place (90).
    [InlineData("112", 2700000, "0.12")]   // 12 % → 300 € × 90 = 27 000,00 €
    [InlineData("108.5", 1800000, "0.085")] // 8,5 % → 200 € × 90 = 18 000,00 €
    [InlineData("104", 900000, "0.04")]    // 4 % → 100 € × 90 = 9 000,00 €
    [InlineData("103", 0, "0.03")]         // below the first step: an explained zero
    public async Task The_bonus_trajectoire_is_a_step_function_of_the_growth_of_places(string places, long expectedCents, string growth)
    {
        var result = await harness.Computations.ComputeBonusTrajectoireAsync(new ComputeBonusTrajectoireRequest
        {
            TerritoryId = JuraNord.ConventionId, Year = 2027, BasePlaces = "100", Places = places, EligiblePlaces = "90",
        });

        Assert.True(result.Line.Computable);
        Assert.Equal(expectedCents, result.Line.Amount.Cents);
        Assert.Equal(growth, result.Growth);
        Assert.Contains(result.Line.Explanation.Decisions, d => d.Id == "DECISION-TRAJECTOIRE-STEP-FUNCTION");
        Assert.Matches("^[0-9a-f]{64}$", result.ParameterSetHash);
    }

    [Fact]
    public async Task The_bonus_trajectoire_before_2025_is_not_computable_and_zero_base_places_is_invalid()
    {
        var before = await harness.Computations.ComputeBonusTrajectoireAsync(new ComputeBonusTrajectoireRequest
        {
            TerritoryId = "t", Year = 2024, BasePlaces = "100", Places = "120", EligiblePlaces = "90",
        });
        Assert.False(before.Line.Computable);
        Assert.Equal(("bonus_trajectoire.seuil_3", 2024), (before.Line.NotComputable.ParameterKey, before.Line.NotComputable.Year));

        var e = await Assert.ThrowsAsync<RpcException>(async () => await harness.Computations.ComputeBonusTrajectoireAsync(new ComputeBonusTrajectoireRequest
        {
            TerritoryId = "t", Year = 2025, BasePlaces = "0", Places = "x", EligiblePlaces = "10",
        }));
        Assert.Equal(StatusCode.InvalidArgument, e.StatusCode);
        Assert.Equal("places", Assert.Single(e.FieldViolations()).Field);
        e = await Assert.ThrowsAsync<RpcException>(async () => await harness.Computations.ComputeBonusTrajectoireAsync(new ComputeBonusTrajectoireRequest
        {
            TerritoryId = "t", Year = 2025, BasePlaces = "0", Places = "10", EligiblePlaces = "10",
        }));
        Assert.Equal("base_places", Assert.Single(e.FieldViolations()).Field);
    }

    [Fact]
    public async Task A_territory_file_with_errors_is_refused_line_by_line_and_nothing_is_stored()
    {
        await using var funding = await harness.StartFundingAsync(new());
        var territory = new TerritoryData.TerritoryDataClient(funding.Channel);

        var e = await Assert.ThrowsAsync<RpcException>(async () => await territory.ImportTerritoryCsvAsync(new ImportTerritoryCsvRequest
        {
            SourceNote = "CAF du Jura, strates 2025",
            Csv = "commune_insee;from_year;stratum;qpv;zrr\n39228;2021;3;non;oui\n3922;2021;9;peut-être;non\n39228;2021;2;non;non\n",
        }));

        Assert.Equal(StatusCode.InvalidArgument, e.StatusCode);
        Assert.Equal(new[] { "lines[3].commune_insee", "lines[3].stratum", "lines[3].qpv", "lines[4].commune_insee" }, e.FieldViolations().Select(v => v.Field));
        Assert.Equal(0, await FundingHarness.CountAsync(funding, "territory_communes"));
    }

    [Fact]
    public async Task Territory_data_in_force_is_the_latest_from_year_not_after_the_year()
    {
        await using var funding = await harness.StartFundingAsync(new());
        var territory = new TerritoryData.TerritoryDataClient(funding.Channel);
        var imported = await territory.ImportTerritoryCsvAsync(new ImportTerritoryCsvRequest
        {
            SourceNote = "CAF du Jura, strates",
            Csv = "\uFEFFcommune_insee,from_year,stratum,qpv,zrr\r\n39228,2019,2,non,non\r\n39228,2024,4,non,oui\r\n",
        });
        Assert.Equal(2, imported.LinesImported);

        var in2020 = await territory.GetCommuneTerritoryAsync(new GetCommuneTerritoryRequest { CommuneInsee = "39228", Year = 2020 });
        Assert.Equal((2019, 2, false, false), (in2020.FromYear, in2020.Stratum, in2020.Qpv, in2020.Zrr));
        var in2025 = await territory.GetCommuneTerritoryAsync(new GetCommuneTerritoryRequest { CommuneInsee = "39228", Year = 2025 });
        Assert.Equal((2024, 4, true), (in2025.FromYear, in2025.Stratum, in2025.Zrr));
        var e = await Assert.ThrowsAsync<RpcException>(async () =>
            await territory.GetCommuneTerritoryAsync(new GetCommuneTerritoryRequest { CommuneInsee = "39228", Year = 2018 }));
        Assert.Equal(StatusCode.NotFound, e.StatusCode);
    }

    [Fact]
    public async Task New_EAJE_places_in_a_QPV_commune_are_paid_at_the_maximum_once_the_territory_data_is_loaded()
    {
        // The September update declares 40 places at the crèche of Fraisans (39235) against 30 of reference: 10 new places.
        foreach (var (id, kind, _, units) in JuraNord.Structures)
        {
            try
            {
                await harness.Declarations.SubmitDeclarationAsync(new SubmitDeclarationRequest
                {
                    StructureId = id, Year = JuraNord.Year, Version = DeclarationVersion.ActualiseSeptembre,
                    Figures = JuraNord.EqualActivity(kind, id == PrestationWithoutCtgTests.Creche ? "40" : units),
                });
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.AlreadyExists)
            {
            }
        }

        var request = new RunAllocationRequest { ConventionId = JuraNord.ConventionId, Year = JuraNord.Year, DeclarationVersion = DeclarationVersion.ActualiseSeptembre };
        await using var funding = await harness.StartFundingAsync(new());
        var runs = new AllocationRuns.AllocationRunsClient(funding.Channel);

        // Without territory data the stratum is unknown: the new places are not computable, never paid as zero.
        var unknown = (await runs.RunAllocationAsync(request)).Structures.Single(s => s.StructureId == PrestationWithoutCtgTests.Creche);
        Assert.False(unknown.Complete);
        Assert.Equal(("bt.eaje.nouvelles_places.strates", 2020), (unknown.NotComputable[0].ParameterKey, unknown.NotComputable[0].Year));

        await new TerritoryData.TerritoryDataClient(funding.Channel).ImportTerritoryCsvAsync(new ImportTerritoryCsvRequest
        {
            SourceNote = "CAF du Jura (test)", Csv = "commune_insee;from_year;stratum;qpv;zrr\n39235;2019;3;oui;non\n",
        });
        var run = await runs.RunAllocationAsync(request);

        // QPV → the maximum amount of 2020, 3 100 € a place: 10 × 3 100,00 € = 31 000,00 €, on top of the base 82 442,00 €.
        var creche = run.Structures.Single(s => s.StructureId == PrestationWithoutCtgTests.Creche);
        Assert.True(creche.Complete);
        Assert.Equal(3100000, creche.NewActivity.Cents);
        Assert.Equal(8244200 + 3100000, creche.Amount.Cents);
        var input = (await runs.GetRunAsync(new GetRunRequest { RunId = run.RunId, IncludeInputs = true })).Inputs.Structures.Single(s => s.StructureId == PrestationWithoutCtgTests.Creche);
        Assert.Equal((3, true, "39235"), (input.WealthStratum, input.QpvOrZrr, input.CommuneInsee));
    }
}
