using Ctg.Funding.V1;
using Ctg.ServiceDefaults;
using Ctg.Structures.V1;
using Grpc.Core;

namespace Ctg.Funding.Tests;

/// <summary>
/// Reading back what ComputeStructure recorded: GetComputation answers the recorded result byte for byte
/// (lines, explanations, not-computable parts, payments), the latest one by declaration version then time,
/// and GetFundingHistory pages with the shared paging rule. The Multi-accueil Fraisans (30 places,
/// CC Jura Nord) is computed for 2022, a year no other test declares for it.
/// </summary>
[Collection(FundingCollection.Name)]
public sealed class ComputationReadTests(FundingHarness harness)
{
    private const string Fraisans = "str-39-jn-multi-accueil-fraisans";
    private const int Year = 2022;

    private async Task<StructureFundingResult> ComputeAsync(DeclarationVersion version)
    {
        try
        {
            await harness.Declarations.SubmitDeclarationAsync(new SubmitDeclarationRequest
            {
                StructureId = Fraisans, Year = Year, Version = version,
                Figures = JuraNord.EqualActivity(StructureKind.EajePsu, "30"),
            });
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.AlreadyExists)
        {
        }

        return await harness.Computations.ComputeStructureAsync(new ComputeStructureRequest { StructureId = Fraisans, Year = Year, DeclarationVersion = version });
    }

    [Fact]
    public async Task The_recorded_computation_is_answered_as_computed_and_the_latest_is_the_most_advanced_version()
    {
        var reel = await ComputeAsync(DeclarationVersion.Reel);
        // A prévisionnel computed after the réel is not "the latest": the réel is the more advanced version.
        var previsionnel = await ComputeAsync(DeclarationVersion.Previsionnel);

        var byId = await harness.Computations.GetComputationAsync(new GetComputationRequest { StructureId = Fraisans, Year = Year, ComputationId = previsionnel.ComputationId });
        Assert.Equal(previsionnel, byId);
        Assert.All(byId.Lines.Where(l => l.Computable), l => Assert.NotNull(l.Explanation));

        var latest = await harness.Computations.GetComputationAsync(new GetComputationRequest { StructureId = Fraisans, Year = Year });
        Assert.Equal(reel, latest);
        Assert.Equal(DeclarationVersion.Reel, latest.DeclarationVersion);

        // A second réel computation is now the latest.
        var reelAgain = await ComputeAsync(DeclarationVersion.Reel);
        latest = await harness.Computations.GetComputationAsync(new GetComputationRequest { StructureId = Fraisans, Year = Year });
        Assert.Equal(reelAgain.ComputationId, latest.ComputationId);
    }

    [Fact]
    public async Task No_computation_is_not_found()
    {
        var none = await Assert.ThrowsAsync<RpcException>(() => harness.Computations.GetComputationAsync(
            new GetComputationRequest { StructureId = Fraisans, Year = 2031 }).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, none.StatusCode);

        var unknown = await Assert.ThrowsAsync<RpcException>(() => harness.Computations.GetComputationAsync(
            new GetComputationRequest { StructureId = Fraisans, Year = Year, ComputationId = "fc-00000000000000000000000000000000" }).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, unknown.StatusCode);

        var bad = await Assert.ThrowsAsync<RpcException>(() => harness.Computations.GetComputationAsync(new GetComputationRequest { Year = 1999 }).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, bad.StatusCode);
        Assert.Equal(new[] { "structure_id", "year" }, bad.FieldViolations().Select(v => v.Field));
    }

    [Fact]
    public async Task The_history_pages_one_computation_at_a_time()
    {
        var first = await ComputeAsync(DeclarationVersion.Reel);
        var second = await ComputeAsync(DeclarationVersion.Reel);
        var all = await harness.Computations.GetFundingHistoryAsync(new GetFundingHistoryRequest { StructureId = Fraisans, Year = Year });
        Assert.Equal("", all.NextPageToken);
        Assert.Contains(all.Computations, c => c.ComputationId == first.ComputationId);
        Assert.Contains(all.Computations, c => c.ComputationId == second.ComputationId);

        var paged = new List<string>();
        var token = "";
        var pages = 0;
        do
        {
            var page = await harness.Computations.GetFundingHistoryAsync(new GetFundingHistoryRequest { StructureId = Fraisans, Year = Year, PageSize = 1, PageToken = token });
            Assert.True(page.Computations.Count <= 1);
            paged.AddRange(page.Computations.Select(c => c.ComputationId));
            token = page.NextPageToken;
            pages++;
        }
        while (token.Length > 0 && pages < 100);

        Assert.Equal(all.Computations.Select(c => c.ComputationId), paged);
        Assert.Equal(all.Computations.Count, pages);
    }

    [Fact]
    public async Task A_bad_page_is_invalid()
    {
        var e = await Assert.ThrowsAsync<RpcException>(() => harness.Computations.GetFundingHistoryAsync(
            new GetFundingHistoryRequest { StructureId = Fraisans, PageSize = 501, PageToken = "not-a-token" }).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, e.StatusCode);
        Assert.Equal(new[] { "page_size", "page_token" }, e.FieldViolations().Select(v => v.Field));
    }
}
