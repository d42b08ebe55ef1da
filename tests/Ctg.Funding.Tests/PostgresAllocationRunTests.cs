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
        var run = await runs.RunAllocationAsync(new RunAllocationRequest
        {
            ConventionId = JuraNord.ConventionId, Year = JuraNord.Year, DeclarationVersion = DeclarationVersion.Reel, RequestedBy = "pg",
        });
        Assert.Equal(29770400, run.TotalPaid.Cents);
        Assert.All(run.Groups, g => Assert.Equal(g.Envelope.Cents, g.Paid.Cents));

        var approved = await runs.ApproveRunAsync(new ApproveRunRequest { RunId = run.RunId, ApprovedBy = "directeur.caf39" });
        Assert.Equal(RunStatus.Approved, approved.Status);
        var again = await Assert.ThrowsAsync<RpcException>(async () => await runs.ApproveRunAsync(new ApproveRunRequest { RunId = run.RunId, ApprovedBy = "x" }));
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
