using Ctg.Funding.V1;
using Ctg.Structures.V1;
using Ctg.Testing;
using Grpc.Core;

namespace Ctg.Funding.Tests;

/// <summary>When an upstream service cannot answer, the caller gets UNAVAILABLE and nothing is saved.</summary>
[Collection(FundingCollection.Name)]
public sealed class UpstreamOutageTests(FundingHarness harness)
{
    [Fact]
    public async Task Structures_down_gives_unavailable_and_saves_nothing()
    {
        var nobody = $"http://127.0.0.1:{FreePort.Next()}";
        await using var funding = await harness.StartFundingAsync(new()
        {
            ["Services:Structures"] = nobody,
            ["Services:RetryAttempts"] = "1",
        });
        var before = await FundingHarness.CountAllAsync(funding);

        var compute = await Assert.ThrowsAsync<RpcException>(async () => await new FundingComputations.FundingComputationsClient(funding.Channel)
            .ComputeStructureAsync(new ComputeStructureRequest { StructureId = "str-39-jn-alsh-fraisans", Year = JuraNord.Year, DeclarationVersion = DeclarationVersion.Reel }));
        Assert.Equal(StatusCode.Unavailable, compute.StatusCode);
        Assert.Contains("structures", compute.Status.Detail);

        var run = await Assert.ThrowsAsync<RpcException>(async () => await new AllocationRuns.AllocationRunsClient(funding.Channel)
            .RunAllocationAsync(new RunAllocationRequest { ConventionId = JuraNord.ConventionId, Year = JuraNord.Year, DeclarationVersion = DeclarationVersion.Reel }));
        Assert.Equal(StatusCode.Unavailable, run.StatusCode);

        Assert.Equal(before, await FundingHarness.CountAllAsync(funding));
    }

    [Fact]
    public async Task Signatories_down_gives_unavailable_for_an_allocation()
    {
        await using var funding = await harness.StartFundingAsync(new()
        {
            ["Services:Signatories"] = $"http://127.0.0.1:{FreePort.Next()}",
            ["Services:RetryAttempts"] = "1",
        });
        var e = await Assert.ThrowsAsync<RpcException>(async () => await new AllocationRuns.AllocationRunsClient(funding.Channel)
            .RunAllocationAsync(new RunAllocationRequest { ConventionId = JuraNord.ConventionId, Year = JuraNord.Year, DeclarationVersion = DeclarationVersion.Reel }));
        Assert.Equal(StatusCode.Unavailable, e.StatusCode);
        Assert.Contains("signatories", e.Status.Detail);
        Assert.Equal(0, await FundingHarness.CountAsync(funding, "allocation_runs"));
    }
}
