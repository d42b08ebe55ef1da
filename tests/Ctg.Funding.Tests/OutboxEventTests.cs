using System.Text.Json;
using Ctg.Testing;
using Ctg.Data;
using Ctg.Funding.V1;
using Ctg.Structures.V1;
using Dapper;

namespace Ctg.Funding.Tests;

/// <summary>The events of a run and its approval are in the outbox with the JSON EVENTS.md documents.</summary>
[Collection(FundingCollection.Name)]
public sealed class OutboxEventTests(FundingHarness harness)
{
    [Fact]
    public async Task A_run_and_its_approval_write_their_events_with_the_documented_fields()
    {
        var run = await harness.Runs.RunAllocationAsync(new RunAllocationRequest
        {
            ConventionId = JuraNord.ConventionId, Year = JuraNord.Year, DeclarationVersion = DeclarationVersion.Reel, RequestedBy = "events",
        });
        await harness.Approvals.ApproveRunAsync(new ApproveRunRequest { RunId = run.RunId, ApprovedBy = "directeur.caf39" });

        var completed = await EventAsync("funding.allocation-run-completed.v1", run.RunId);
        Assert.Equal(JuraNord.ConventionId, completed.GetProperty("conventionId").GetString());
        Assert.Equal(2020, completed.GetProperty("year").GetInt32());
        Assert.Equal("reel", completed.GetProperty("declarationVersion").GetString());
        Assert.Equal(29770400, completed.GetProperty("totalPaidCents").GetInt64());
        var alsh = completed.GetProperty("groups").EnumerateArray().Single(g => g.GetProperty("kind").GetString() == "alsh");
        Assert.Equal(JuraNord.Epci, alsh.GetProperty("supportingCollectivityId").GetString());
        Assert.Equal(18361100, alsh.GetProperty("envelopeCents").GetInt64());
        Assert.Equal(18361100, alsh.GetProperty("allocatedCents").GetInt64());
        Assert.Equal(0, alsh.GetProperty("causes").GetArrayLength());
        var structure = completed.GetProperty("structures").EnumerateArray().Single(s => s.GetProperty("structureId").GetString() == "str-39-jn-multi-accueil-fraisans");
        Assert.Equal(8244200, structure.GetProperty("totalCents").GetInt64());
        Assert.Equal(8244200, structure.GetProperty("referenceCents").GetInt64());

        var approved = await EventAsync("funding.allocation-approved.v1", run.RunId);
        Assert.Equal(TestIdentity.SecondStaffUser, approved.GetProperty("approvedBy").GetString());
        Assert.False(string.IsNullOrEmpty(approved.GetProperty("approvedAt").GetString()));
        Assert.Equal(11, approved.GetProperty("structures").GetArrayLength());
    }

    private async Task<JsonElement> EventAsync(string topic, string runId)
    {
        var connections = (IDbConnectionFactory)harness.Funding.Services.GetService(typeof(IDbConnectionFactory))!;
        await using var connection = await connections.OpenAsync(CancellationToken.None);
        var rows = await connection.QueryAsync<string>("SELECT data FROM outbox WHERE topic = @Topic", new { Topic = topic });
        return rows.Select(r => JsonDocument.Parse(r).RootElement).Single(e => e.GetProperty("runId").GetString() == runId);
    }
}
