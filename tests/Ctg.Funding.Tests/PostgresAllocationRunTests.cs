using Ctg.Funding.V1;
using Ctg.Structures.V1;
using Ctg.Testing;
using Grpc.Core;
using Npgsql;

namespace Ctg.Funding.Tests;

/// <summary>The allocation-run persistence on PostgreSQL: the same answers, the same immutability.</summary>
[Collection(FundingCollection.Name)]
[Trait("Category", "Postgres")]
public sealed class PostgresAllocationRunTests(FundingHarness harness)
{
    [PostgresFact]
    public async Task Runs_are_recorded_approved_once_and_immutable_on_postgres()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        await using var funding = await harness.StartFundingAsync(new()
        {
            ["Database:Provider"] = "postgres",
            ["Database:ConnectionString"] = database.ConnectionString,
        });
        var runs = new AllocationRuns.AllocationRunsClient(funding.Channel);
        var approver = new AllocationRuns.AllocationRunsClient(funding.ChannelAs(TestIdentity.SecondStaffUser));
        var run = await runs.RunAllocationAsync(new RunAllocationRequest
        {
            ConventionId = JuraNord.ConventionId, Year = JuraNord.Year, DeclarationVersion = DeclarationVersion.Reel, RequestedBy = "pg", IncludeExplanations = true,
        });
        Assert.Equal(29770400, run.TotalPaid.Cents);
        Assert.All(run.Groups, g => Assert.Equal(g.Envelope.Cents, g.Paid.Cents));

        var approved = await approver.ApproveRunAsync(new ApproveRunRequest { RunId = run.RunId, ApprovedBy = "directeur.caf39" });
        Assert.Equal(RunStatus.Approved, approved.Status);
        var again = await Assert.ThrowsAsync<RpcException>(async () => await approver.ApproveRunAsync(new ApproveRunRequest { RunId = run.RunId, ApprovedBy = "x" }));
        Assert.Equal(StatusCode.FailedPrecondition, again.StatusCode);

        var stored = await runs.GetRunAsync(new GetRunRequest { RunId = run.RunId, IncludeInputs = true, IncludeExplanations = true });
        Assert.Equal(run.Structures, stored.Structures);
        Assert.Equal(11, stored.Inputs.Structures.Count);
        Assert.Equal(1, await FundingHarness.CountAsync(funding, "allocation_runs"));
        Assert.Equal(11, await FundingHarness.CountAsync(funding, "allocation_run_structures"));
        Assert.Equal(2, await FundingHarness.CountAsync(funding, "outbox"));

        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var update = new NpgsqlCommand($"UPDATE allocation_runs SET total_paid_cents = 1 WHERE run_id = '{run.RunId}'", connection);
        var refused = await Assert.ThrowsAsync<PostgresException>(() => update.ExecuteNonQueryAsync());
        Assert.Contains("never changes", refused.MessageText);
    }
}

/// <summary>The approval race of issue 15 on PostgreSQL: two runs of the same CTG, year and version approved at the
/// same moment cannot both record the same superseded run; an approved run cannot be deleted.</summary>
[Collection(FundingCollection.Name)]
[Trait("Category", "Postgres")]
public sealed class PostgresApprovalRaceTests(FundingHarness harness)
{
    [PostgresFact]
    public async Task Concurrent_approvals_never_supersede_the_same_run()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        await using var funding = await harness.StartFundingAsync(new()
        {
            ["Database:Provider"] = "postgres",
            ["Database:ConnectionString"] = database.ConnectionString,
        });
        var runs = new AllocationRuns.AllocationRunsClient(funding.Channel);
        var approver = new AllocationRuns.AllocationRunsClient(funding.ChannelAs(TestIdentity.SecondStaffUser));
        var request = new RunAllocationRequest { ConventionId = JuraNord.ConventionId, Year = JuraNord.Year, DeclarationVersion = DeclarationVersion.Reel, RequestedBy = "pg" };
        var candidates = new List<AllocationRun>();
        for (var i = 0; i < 6; i++) candidates.Add(await runs.RunAllocationAsync(request));

        // Six approvals at once: whatever order the database gives them, each approved run supersedes a different run.
        var outcomes = await Task.WhenAll(candidates.Select(async run =>
        {
            try
            {
                return (Run: await approver.ApproveRunAsync(new ApproveRunRequest { RunId = run.RunId, ApprovedBy = "directeur.caf39" }), Code: StatusCode.OK);
            }
            catch (RpcException e)
            {
                return (Run: (AllocationRun?)null, Code: e.StatusCode);
            }
        }));

        var approved = outcomes.Where(o => o.Code == StatusCode.OK).Select(o => o.Run!).ToList();
        Assert.NotEmpty(approved);
        Assert.All(outcomes.Where(o => o.Code != StatusCode.OK), o => Assert.True(o.Code is StatusCode.Aborted or StatusCode.Unavailable, o.Code.ToString()));
        Assert.Equal(approved.Count, approved.Select(r => r.SupersedesRunId).Distinct().Count());
        // They form one chain: the first supersedes nothing, each other one the approval before it.
        Assert.Single(approved, r => r.SupersedesRunId == "");
        var ids = approved.Select(r => r.RunId).ToHashSet();
        Assert.All(approved.Where(r => r.SupersedesRunId != ""), r => Assert.Contains(r.SupersedesRunId, ids));

        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var delete = new NpgsqlCommand($"DELETE FROM allocation_runs WHERE run_id = '{approved[0].RunId}'", connection);
        var refused = await Assert.ThrowsAsync<PostgresException>(() => delete.ExecuteNonQueryAsync());
        Assert.Contains("never deleted", refused.MessageText);
    }
}
