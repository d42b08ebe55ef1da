using System.Text.Json;
using Ctg.Data;
using Ctg.Funding.V1;
using Ctg.Structures.V1;
using Ctg.Testing;
using Dapper;
using Microsoft.Extensions.DependencyInjection;

namespace Ctg.Funding.Tests;

/// <summary>The funding service reads the time from its injected clock only: with a fixed one, a run's
/// created_at, a computation's computed_at and the time their events happened are that instant.</summary>
[Collection(FundingCollection.Name)]
public sealed class ServiceClockTests(FundingHarness harness)
{
    [Fact]
    public async Task A_run_and_a_computation_are_stamped_with_the_service_clock()
    {
        var clock = new FixedClock(new DateTimeOffset(2026, 12, 2, 9, 30, 15, 250, TimeSpan.Zero));
        await using var funding = await harness.StartFundingAsync(new(), services => services.AddSingleton<TimeProvider>(clock));

        var run = await new AllocationRuns.AllocationRunsClient(funding.Channel).RunAllocationAsync(new RunAllocationRequest
        {
            ConventionId = JuraNord.ConventionId, Year = JuraNord.Year, DeclarationVersion = DeclarationVersion.Reel,
        });
        var computation = await new FundingComputations.FundingComputationsClient(funding.Channel).ComputeStructureAsync(new ComputeStructureRequest
        {
            StructureId = JuraNord.Structures[0].Id, Year = JuraNord.Year, DeclarationVersion = DeclarationVersion.Reel,
        });

        Assert.Equal(("2026-12-02T09:30:15.250Z", "2026-12-02T09:30:15.250Z"), (run.CreatedAt, computation.ComputedAt));
        var connections = (IDbConnectionFactory)funding.Services.GetService(typeof(IDbConnectionFactory))!;
        await using var connection = await connections.OpenAsync(CancellationToken.None);
        var events = (await connection.QueryAsync<(string OccurredAt, string Data)>("SELECT occurred_at, data FROM outbox")).ToList();
        Assert.NotEmpty(events);
        Assert.All(events, e =>
        {
            Assert.Equal("2026-12-02T09:30:15.2500000Z", e.OccurredAt);
            Assert.Equal("2026-12-02T09:30:15.25+00:00", JsonDocument.Parse(e.Data).RootElement.GetProperty("occurredAt").GetString());
        });
    }
}
