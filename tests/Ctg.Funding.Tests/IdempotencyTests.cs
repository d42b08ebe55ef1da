using Ctg.Data;
using Ctg.Funding.V1;
using Ctg.ServiceDefaults;
using Ctg.Testing;
using Ctg.Structures.V1;
using Dapper;
using Grpc.Core;

namespace Ctg.Funding.Tests;

/// <summary>Issue 15: ComputeStructure and RunAllocation accept a client request id; every write leaves an audit record.</summary>
[Collection(FundingCollection.Name)]
public sealed class IdempotencyTests(FundingHarness harness)
{
    [Fact]
    public async Task The_same_run_request_id_answers_the_first_run_and_records_nothing_more()
    {
        await using var funding = await harness.StartFundingAsync(new());
        var runs = new AllocationRuns.AllocationRunsClient(funding.Channel);
        var approver = new AllocationRuns.AllocationRunsClient(funding.ChannelAs(TestIdentity.SecondStaffUser));
        var request = new RunAllocationRequest
        {
            ConventionId = JuraNord.ConventionId, Year = JuraNord.Year, DeclarationVersion = DeclarationVersion.Reel, ClientRequestId = "7c1f-run",
        };

        var first = await runs.RunAllocationAsync(request);
        var again = await runs.RunAllocationAsync(request);

        Assert.Equal(first.RunId, again.RunId);
        Assert.Equal(first, again);
        Assert.Equal(1, await FundingHarness.CountAsync(funding, "allocation_runs"));
        Assert.Equal(1, await FundingHarness.CountAsync(funding, "outbox"));

        var other = request.Clone();
        other.DeclarationVersion = DeclarationVersion.Previsionnel;
        var e = await Assert.ThrowsAsync<RpcException>(async () => await runs.RunAllocationAsync(other));
        Assert.Equal(StatusCode.AlreadyExists, e.StatusCode);
        Assert.Equal("client_request_id", Assert.Single(e.FieldViolations()).Field);
        Assert.Equal(1, await FundingHarness.CountAsync(funding, "allocation_runs"));
    }

    [Fact]
    public async Task The_same_computation_request_id_answers_the_first_computation()
    {
        await using var funding = await harness.StartFundingAsync(new());
        var computations = new FundingComputations.FundingComputationsClient(funding.Channel);
        var request = new ComputeStructureRequest
        {
            StructureId = "str-39-jn-ram-jura-nord", Year = JuraNord.Year, DeclarationVersion = DeclarationVersion.Reel, ClientRequestId = "7c1f-fc",
        };

        var first = await computations.ComputeStructureAsync(request);
        var again = await computations.ComputeStructureAsync(request);

        Assert.Equal(first.ComputationId, again.ComputationId);
        Assert.Equal(1, await FundingHarness.CountAsync(funding, "funding_computations"));
        var e = await Assert.ThrowsAsync<RpcException>(async () => await computations.ComputeStructureAsync(new ComputeStructureRequest
        {
            StructureId = "str-39-jn-alsh-fraisans", Year = JuraNord.Year, DeclarationVersion = DeclarationVersion.Reel, ClientRequestId = "7c1f-fc",
        }));
        Assert.Equal(StatusCode.AlreadyExists, e.StatusCode);
    }

    [Fact]
    public async Task Every_command_leaves_an_audit_record_and_a_refused_approval_too()
    {
        await using var funding = await harness.StartFundingAsync(new());
        var runs = new AllocationRuns.AllocationRunsClient(funding.Channel);
        var approver = new AllocationRuns.AllocationRunsClient(funding.ChannelAs(TestIdentity.SecondStaffUser));
        var run = await runs.RunAllocationAsync(new RunAllocationRequest { ConventionId = JuraNord.ConventionId, Year = JuraNord.Year, DeclarationVersion = DeclarationVersion.Reel });
        await approver.ApproveRunAsync(new ApproveRunRequest { RunId = run.RunId, ApprovedBy = "directeur.caf39" });
        await Assert.ThrowsAsync<RpcException>(async () => await approver.ApproveRunAsync(new ApproveRunRequest { RunId = run.RunId, ApprovedBy = "directeur.caf39" }));

        var connections = (IDbConnectionFactory)funding.Services.GetService(typeof(IDbConnectionFactory))!;
        await using var connection = await connections.OpenAsync(CancellationToken.None);
        var audit = (await connection.QueryAsync<(string Command, string Outcome)>("SELECT command, outcome FROM audit_log ORDER BY sequence")).ToList();
        Assert.Equal(3, audit.Count);
        Assert.Equal(("funding.RunAllocation", "succeeded"), audit[0]);
        Assert.Equal(("funding.ApproveRun", "succeeded"), audit[1]);
        Assert.Equal("funding.ApproveRun", audit[2].Command);
        Assert.NotEqual("succeeded", audit[2].Outcome);
        // An approved run can be neither changed nor deleted.
        await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => connection.ExecuteAsync("DELETE FROM allocation_run_structures WHERE run_id = @RunId", new { run.RunId }));
        await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => connection.ExecuteAsync("DELETE FROM allocation_runs WHERE run_id = @RunId", new { run.RunId }));
    }
}
