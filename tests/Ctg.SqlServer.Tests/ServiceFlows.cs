using System.Data.Common;
using System.Net.Http.Headers;
using System.Text;
using Ctg.Common.V1;
using Ctg.Data;
using Ctg.Eventing;
using Ctg.Eventing.Publishing;
using Ctg.Funding.V1;
using Ctg.Signatories.V1;
using Ctg.Structures.V1;
using Ctg.Testing;
using Dapper;
using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using ReportingClient = Ctg.Reporting.V1.Reporting.ReportingClient;
using SignatoriesDemo = Ctg.Signatories.V1.LoadDemoDataRequest;
using StructuresDemo = Ctg.Structures.V1.LoadDemoDataRequest;

namespace Ctg.SqlServer.Tests;

/// <summary>
/// The key flows of each service, written once against a database chooser: the SQL Server suite runs
/// them on SQL Server 2022, and the same flows run on SQLite here so that their expected values are
/// known to be right wherever no Docker engine lets the SQL Server suite run.
/// </summary>
internal static class ServiceFlows
{
    /// <summary>The settings that put one service on its own new database (empty: the default SQLite).</summary>
    public delegate Task<Dictionary<string, string?>> DatabaseFor(string service);

    private const string JuraNord = "ctg-39-jura-nord-2019";
    private const string Montbeliard = "ctg-25-pays-de-montbeliard-2023";

    // Nothing listens there: events stay in the outbox, where the flows read them.
    private static readonly string NoDapr = $"http://127.0.0.1:{FreePort.Next()}";

    public static async Task SignatoriesDemoDataAndAoObligations(DatabaseFor database)
    {
        await using var signatories = await StartAsync(Ctg.Signatories.SignatoriesApp.Build, await database("signatories"));
        var conventions = new Conventions.ConventionsClient(signatories.Channel);
        var competences = new Competences.CompetencesClient(signatories.Channel);

        Assert.Equal(5, (await conventions.LoadDemoDataAsync(new SignatoriesDemo())).LoadedConventionIds.Count);
        Assert.Equal(5, (await conventions.LoadDemoDataAsync(new SignatoriesDemo())).SkippedConventionIds.Count);
        var in2025 = await competences.GetAoObligationsAsync(new GetAoObligationsRequest { ConventionId = Montbeliard, AsOf = Day(2025, 12, 31) });
        var in2026 = await competences.GetAoObligationsAsync(new GetAoObligationsRequest { ConventionId = Montbeliard, AsOf = Day(2026, 1, 1) });

        Assert.Equal(3, in2025.Communes.Sum(c => c.Unmet.Count));
        Assert.Equal(6, in2026.Communes.Sum(c => c.Unmet.Count));
        Assert.Equal(12, in2026.Communes.Count(c => c.Obligations.Count == 4));
        Assert.Equal(5, await CountAsync(signatories, "conventions"));
        Assert.Equal(5, await CountAsync(signatories, "action_plans"));
        var missing = await Assert.ThrowsAsync<RpcException>(() => conventions.GetConventionAsync(new GetConventionRequest { ConventionId = "ctg-00-absente" }).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, missing.StatusCode);
    }

    public static async Task ConventionListPagesInOrder(DatabaseFor database)
    {
        await using var signatories = await StartAsync(Ctg.Signatories.SignatoriesApp.Build, await database("signatories"));
        var conventions = new Conventions.ConventionsClient(signatories.Channel);
        await conventions.LoadDemoDataAsync(new SignatoriesDemo());

        var first = await conventions.ListConventionsAsync(new ListConventionsRequest { Page = new PageRequest { PageSize = 3 } });
        var second = await conventions.ListConventionsAsync(new ListConventionsRequest { Page = new PageRequest { PageSize = 3, PageToken = first.Page.NextPageToken } });

        var ids = first.Conventions.Concat(second.Conventions).Select(c => c.ConventionId).ToList();
        Assert.Equal(5, ids.Count);
        Assert.Equal(ids.Distinct().Count(), ids.Count);
        Assert.Equal(3, first.Conventions.Count);
        Assert.Equal("", second.Page.NextPageToken);
    }

    public static async Task StructuresFundingAllocationRunIsApprovedOnceAndImmutable(DatabaseFor database)
    {
        await using var signatories = await StartAsync(Ctg.Signatories.SignatoriesApp.Build, await database("signatories"));
        await new Conventions.ConventionsClient(signatories.Channel).LoadDemoDataAsync(new SignatoriesDemo());
        var structuresSettings = await database("structures");
        structuresSettings["Services:Signatories"] = signatories.GrpcAddress.ToString();
        await using var structures = await StartAsync(Ctg.Structures.StructuresApp.Build, structuresSettings);
        var import = new StructureImport.StructureImportClient(structures.Channel);
        var demo = await import.LoadDemoDataAsync(new StructuresDemo());
        // The 2019 activity that make run imports before it shows the Jura Nord bonus territoire.
        using (var upload = import.ImportCsv())
        {
            await upload.RequestStream.WriteAsync(new CsvChunk
            {
                Options = new ImportOptions { Kind = ImportKind.Declarations, SkipExisting = true },
                Content = Google.Protobuf.ByteString.CopyFrom(await File.ReadAllBytesAsync(
                    Path.Combine(RepositoryFiles.Root, "tools/Ctg.Cli/DemoData/declarations_jura_nord_2019.csv"))),
            });
            await upload.RequestStream.CompleteAsync();
            Assert.Equal(11, (await upload).RowsImported);
        }

        var fundingSettings = await database("funding");
        fundingSettings["Services:Signatories"] = signatories.GrpcAddress.ToString();
        fundingSettings["Services:Structures"] = structures.GrpcAddress.ToString();
        await using var funding = await StartAsync(Ctg.Funding.Api.FundingApp.Build, fundingSettings);
        var runs = new AllocationRuns.AllocationRunsClient(funding.Channel);
        // Four-eyes: the run is approved by another staff user than the one who requested it.
        var approver = new AllocationRuns.AllocationRunsClient(funding.ChannelAs(TestIdentity.SecondStaffUser));

        Assert.True(demo.Reports.Sum(r => r.RowsImported) > 0);
        var run = await runs.RunAllocationAsync(new RunAllocationRequest
        {
            ConventionId = JuraNord, Year = 2019, DeclarationVersion = DeclarationVersion.Reel, RequestedBy = "sqlserver", IncludeExplanations = true,
        });
        Assert.Equal(29770400, run.TotalPaid.Cents);
        Assert.All(run.Groups, g => Assert.Equal(g.Envelope.Cents, g.Paid.Cents));
        var approved = await approver.ApproveRunAsync(new ApproveRunRequest { RunId = run.RunId, ApprovedBy = "directeur.caf39" });
        Assert.Equal(RunStatus.Approved, approved.Status);
        var again = await Assert.ThrowsAsync<RpcException>(() => approver.ApproveRunAsync(new ApproveRunRequest { RunId = run.RunId, ApprovedBy = "x" }).ResponseAsync);
        Assert.Equal(StatusCode.FailedPrecondition, again.StatusCode);

        var stored = await runs.GetRunAsync(new GetRunRequest { RunId = run.RunId, IncludeInputs = true, IncludeExplanations = true });
        Assert.Equal(run.Structures, stored.Structures);
        Assert.Equal(run.TotalPaid.Cents, stored.TotalPaid.Cents);
        Assert.Equal(1, await CountAsync(funding, "allocation_runs"));
        Assert.Equal(11, stored.Inputs.Structures.Count);
        Assert.Equal(11, await CountAsync(funding, "allocation_run_structures"));
        Assert.Equal(2, await CountAsync(funding, "outbox"));

        // The database itself refuses to change an approved run, whatever the code does.
        var connections = funding.Services.GetRequiredService<IDbConnectionFactory>();
        await using var connection = await connections.OpenAsync(CancellationToken.None);
        var refused = await Assert.ThrowsAnyAsync<DbException>(() =>
            connection.ExecuteAsync("UPDATE allocation_runs SET total_paid_cents = 1 WHERE run_id = @RunId", new { run.RunId }));
        Assert.Contains("never changes", refused.Message);
        Assert.Equal(run.TotalPaid.Cents, (await runs.GetRunAsync(new GetRunRequest { RunId = run.RunId })).TotalPaid.Cents);
    }

    /// <summary>The events signatories wrote for its demo data, delivered to reporting as the bus does,
    /// then all delivered again: every projection upsert and the inbox run, and the redelivery changes nothing.</summary>
    public static async Task ReportingAppliesEachEventOnce(DatabaseFor database)
    {
        await using var signatories = await StartAsync(Ctg.Signatories.SignatoriesApp.Build, await database("signatories"));
        await new Conventions.ConventionsClient(signatories.Channel).LoadDemoDataAsync(new SignatoriesDemo());
        await using var reporting = await StartAsync(Ctg.Reporting.ReportingApp.Build, await database("reporting"));
        var events = await signatories.Services.GetRequiredService<OutboxStore>().ReadUnpublishedAsync(1000, CancellationToken.None);
        var client = new ReportingClient(reporting.Channel);

        Assert.NotEmpty(events);
        Assert.All(await DeliverAsync(reporting, events), status => Assert.Equal("SUCCESS", status));
        var stats = await client.GetReadModelStatsAsync(new Ctg.Reporting.V1.GetReadModelStatsRequest());
        Assert.All(await DeliverAsync(reporting, events), status => Assert.Equal("SUCCESS", status));
        var again = await client.GetReadModelStatsAsync(new Ctg.Reporting.V1.GetReadModelStatsRequest());

        Assert.Equal(events.Count, stats.Applied.Sum(a => a.Applied));
        Assert.Equal(events.GroupBy(e => e.Topic).ToDictionary(g => g.Key, g => (long)g.Count()), stats.Applied.ToDictionary(a => a.Topic, a => a.Applied));
        Assert.Equal(stats.Digest, again.Digest);
        Assert.Equal(stats.Applied, again.Applied);
        Assert.Equal(1, stats.Tables.Single(t => t.Table == "rm_conventions").Rows);
    }

    private static async Task<List<string>> DeliverAsync(ServiceUnderTest reporting, IEnumerable<OutboxEvent> events)
    {
        using var http = new HttpClient { BaseAddress = reporting.HttpAddress };
        var statuses = new List<string>();
        foreach (var e in events)
        {
            var cloudEvent = CloudEvent.Create(e.EventId, e.Source, e.EventType, e.OccurredAtUtc, e.Topic, "pubsub", e.Sequence, e.Data);
            using var content = new StringContent(cloudEvent.ToJsonString(), Encoding.UTF8);
            content.Headers.ContentType = new MediaTypeHeaderValue(CloudEvent.ContentType);
            using var response = await http.PostAsync("/events/" + e.Topic, content);
            using var body = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            statuses.Add(body.RootElement.GetProperty("status").GetString()!);
        }

        return statuses;
    }

    private static Task<ServiceUnderTest> StartAsync(Func<string[], Microsoft.AspNetCore.Builder.WebApplication> build, Dictionary<string, string?> settings)
    {
        settings.TryAdd("Dapr:HttpEndpoint", NoDapr);
        return ServiceUnderTest.StartAsync(build, settings);
    }

    private static async Task<long> CountAsync(ServiceUnderTest service, string table)
    {
        var connections = service.Services.GetRequiredService<IDbConnectionFactory>();
        await using var connection = await connections.OpenAsync(CancellationToken.None);
        return await connection.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM {table}");
    }

    private static Date Day(int year, int month, int day) => new() { Year = year, Month = month, Day = day };
}
