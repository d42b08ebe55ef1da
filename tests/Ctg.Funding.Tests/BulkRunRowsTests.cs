using Ctg.Application.Commands;
using Ctg.Data;
using Ctg.Funding.Api.Events;
using Ctg.Funding.Api.Shared;
using Ctg.Funding.V1;
using Ctg.ServiceDefaults.Security;
using Ctg.Testing;
using Dapper;
using Google.Protobuf.WellKnownTypes;

namespace Ctg.Funding.Tests;

/// <summary>A batch's structure rows go by the dialect's fastest path (multi-row INSERTs of
/// <see cref="FundingStore.StructureRowsPerInsert"/> rows on PostgreSQL, a prepared statement per row on SQLite):
/// every row lands once, with its run, in the command's transaction.</summary>
[Collection(FundingCollection.Name)]
public sealed class BulkRunRowsTests(FundingHarness harness)
{
    [Fact]
    public Task Runs_saved_together_keep_every_structure_row_on_sqlite() => SaveAndReadAsync(harness.Funding);

    [PostgresFact]
    [Trait("Category", "Postgres")]
    public async Task Runs_saved_together_keep_every_structure_row_across_the_insert_chunks_on_postgres()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        await using var funding = await harness.StartFundingAsync(new()
        {
            ["Database:Provider"] = "postgres",
            ["Database:ConnectionString"] = database.ConnectionString,
        });
        await SaveAndReadAsync(funding);
    }

    private static async Task SaveAndReadAsync(ServiceUnderTest funding)
    {
        // 350 + 1 + 0 rows: one full INSERT of 300 rows, then 51 rows that span the first and the second run.
        var runs = new[] { Run(350), Run(1), Run(0) };
        var store = (FundingStore)funding.Services.GetService(typeof(FundingStore))!;
        var pipeline = (ICommandPipeline)funding.Services.GetService(typeof(ICommandPipeline))!;
        await pipeline.ExecuteAsync(new CommandInfo("tests.SaveRuns", new Empty(), CallerIdentity.Anonymous),
            async ctx => { await store.SaveRunsAsync(ctx, runs.Select(EncodedRun.Of).ToList()); return 0; }, CancellationToken.None);

        var connections = (IDbConnectionFactory)funding.Services.GetService(typeof(IDbConnectionFactory))!;
        await using var connection = await connections.OpenAsync(CancellationToken.None);
        foreach (var run in runs)
        {
            var rows = (await connection.QueryAsync<(string StructureId, string CollectivityId, long Kind, long AmountCents, long ReferenceCents)>(
                """
                SELECT structure_id, collectivity_id, kind, amount_cents, reference_cents FROM allocation_run_structures
                WHERE run_id = @RunId ORDER BY structure_id
                """, new { run.RunId })).ToList();
            Assert.Equal(run.Structures.Select(s => (s.StructureId, s.CollectivityId, (long)s.Kind, s.Amount.Cents, s.CejReference.Cents)), rows);
        }

        var events = await connection.ExecuteScalarAsync<long>(
            "SELECT COUNT(*) FROM outbox WHERE topic = @Topic AND data LIKE @Run", new { Topic = FundingTopics.AllocationRunCompleted, Run = $"%{runs[0].RunId}%" });
        Assert.Equal(1, events);
    }

    private static AllocationRun Run(int structures)
    {
        var run = new AllocationRun
        {
            RunId = "run-bulk-" + Guid.NewGuid().ToString("N"), ConventionId = "ctg-bulk", Year = 2025,
            DeclarationVersion = Structures.V1.DeclarationVersion.Reel, InputHash = new string('a', 64), ParameterSetHash = new string('b', 64),
            ParameterSetVersion = "embedded", CreatedAt = "2025-12-01T10:00:00.000Z", RequestedBy = "tests",
            TotalEnvelope = new Common.V1.Money(), TotalPaid = new Common.V1.Money(),
        };
        for (var i = 0; i < structures; i++)
        {
            run.Structures.Add(new StructureAllocation
            {
                StructureId = $"str-{i:D4}", CollectivityId = $"sig-{i % 7}", Kind = (BonusTerritoireKind)(1 + (i % 5)),
                Amount = new Common.V1.Money { Cents = 100_000 + i }, CejReference = new Common.V1.Money { Cents = 90_000 - i },
                GainOrLoss = new Common.V1.Money { Cents = 10_000 + (2 * i) },
            });
        }

        run.TotalPaid.Cents = run.Structures.Sum(s => s.Amount.Cents);
        return run;
    }
}
