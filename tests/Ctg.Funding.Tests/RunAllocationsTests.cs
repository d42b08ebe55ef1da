using Ctg.Common.V1;
using Ctg.Funding.V1;
using Ctg.ServiceDefaults;
using Ctg.Structures.V1;
using Ctg.Testing;
using Grpc.Core;

namespace Ctg.Funding.Tests;

/// <summary>RunAllocations, many CTGs in one call: the same runs to the cent as RunAllocation, a refusal per CTG where
/// RunAllocation would refuse, retries answered from the first call, and the caller's CAF.</summary>
[Collection(FundingCollection.Name)]
public sealed class RunAllocationsTests(FundingHarness harness)
{
    private const int NotFound = 5, InvalidArgument = 3, FailedPrecondition = 9;

    [Fact]
    public async Task Jura_Nord_in_a_batch_is_recorded_exactly_as_RunAllocation_records_it()
    {
        var items = await RunAsync(harness.Runs, new RunAllocationsRequest
        {
            Year = JuraNord.Year, DeclarationVersion = DeclarationVersion.Reel, ConventionIds = { JuraNord.ConventionId },
        });
        var batch = Assert.Single(items).Run;
        var single = await harness.Runs.RunAllocationAsync(new RunAllocationRequest
        {
            ConventionId = JuraNord.ConventionId, Year = JuraNord.Year, DeclarationVersion = DeclarationVersion.Reel,
        });

        // The hand-checked envelopes of AllocationRunTests: 297 704,00 € paid in full at equal activity.
        Assert.Equal(29770400, batch.TotalPaid.Cents);
        AssertSameAllocation(single, batch);
        Assert.NotEqual(single.RunId, batch.RunId);
        Assert.Null(batch.Inputs);
        Assert.All(batch.Structures, s => Assert.Null(s.Explanation));
        var stored = await harness.Runs.GetRunAsync(new GetRunRequest { RunId = batch.RunId, IncludeInputs = true, IncludeExplanations = true });
        Assert.Equal(11, stored.Inputs.Structures.Count);
        Assert.NotEmpty(stored.Structures[0].Explanation.Children);
    }

    [Theory]
    [InlineData(DeclarationVersion.Previsionnel, 11)]
    [InlineData(DeclarationVersion.ActualiseJuin, 23)]
    [InlineData(DeclarationVersion.ActualiseSeptembre, 37)]
    public async Task Generated_activities_are_allocated_by_CAF_to_the_cent_as_RunAllocation_allocates_them(DeclarationVersion version, int seed)
    {
        // 2023, the last year of Jura Nord, which no other test declares: activity drawn at random around the reference
        // (gains, losses, floors), the same draw for a given seed.
        var random = new Random(seed);
        foreach (var (id, kind, _, units) in JuraNord.Structures)
        {
            var reference = decimal.Parse(units, System.Globalization.CultureInfo.InvariantCulture);
            var drawn = kind switch
            {
                StructureKind.EajePsu => random.Next(10, 60).ToString(System.Globalization.CultureInfo.InvariantCulture),
                StructureKind.Rpe => (random.Next(5, 30) / 10m).ToString(System.Globalization.CultureInfo.InvariantCulture),
                _ => ((int)(reference * (decimal)(0.4 + random.NextDouble() * 1.2))).ToString(System.Globalization.CultureInfo.InvariantCulture),
            };
            await harness.Declarations.SubmitDeclarationAsync(new SubmitDeclarationRequest
            {
                StructureId = id, Year = 2023, Version = version, Figures = JuraNord.EqualActivity(kind, drawn),
            });
        }

        var items = await RunAsync(harness.Runs, new RunAllocationsRequest { Year = 2023, DeclarationVersion = version, CafDepartements = { "39" } });
        var batch = items.Single(i => i.ConventionId == JuraNord.ConventionId).Run;
        var single = await harness.Runs.RunAllocationAsync(new RunAllocationRequest { ConventionId = JuraNord.ConventionId, Year = 2023, DeclarationVersion = version });
        AssertSameAllocation(single, batch);
        Assert.Equal(items.Select(i => i.ConventionId).Order(StringComparer.Ordinal), items.Select(i => i.ConventionId));
    }

    [Fact]
    public async Task Each_CTG_RunAllocation_would_refuse_gets_its_refusal_and_nothing_is_recorded()
    {
        var draft = "ctg-39-test-batch-draft-" + Guid.NewGuid().ToString("N")[..8];
        await harness.Conventions.CreateConventionDraftAsync(new Ctg.Signatories.V1.CreateConventionDraftRequest
        {
            ConventionId = draft, CafDepartement = "39", Name = "CTG brouillon (test du lot)",
            Territory = new Ctg.Signatories.V1.Territory { Communes = { new Ctg.Signatories.V1.Commune { InseeCode = "39217", Name = "Fraisans" } } },
            Period = new Ctg.Signatories.V1.Period { Start = new Date { Year = 2024, Month = 1, Day = 1 }, End = new Date { Year = 2028, Month = 12, Day = 31 } },
            Fields = { Ctg.Signatories.V1.FieldOfIntervention.PetiteEnfance },
        });
        var runsBefore = await FundingHarness.CountAsync(harness.Funding, "allocation_runs");

        var items = await RunAsync(harness.Runs, new RunAllocationsRequest
        {
            Year = 2025, DeclarationVersion = DeclarationVersion.Reel, ConventionIds = { JuraNord.ConventionId, draft, "ctg-00-unknown" },
        });

        // In convention_id order (ordinal).
        Assert.Equal(new[] { "ctg-00-unknown", JuraNord.ConventionId, draft }, items.Select(i => i.ConventionId));
        Assert.All(items, i => Assert.Null(i.Run));
        Assert.Equal(NotFound, items[0].Refusal.Code);
        Assert.Equal(InvalidArgument, items[1].Refusal.Code);
        Assert.Equal("year", Assert.Single(items[1].Refusal.Violations).Field);
        Assert.Equal(FailedPrecondition, items[2].Refusal.Code);
        Assert.Equal("convention_id", Assert.Single(items[2].Refusal.Violations).Field);
        Assert.Equal(runsBefore, await FundingHarness.CountAsync(harness.Funding, "allocation_runs"));
    }

    [Fact]
    public async Task The_same_client_request_id_answers_the_first_runs_and_records_nothing_more()
    {
        var request = new RunAllocationsRequest
        {
            Year = JuraNord.Year, DeclarationVersion = DeclarationVersion.Reel, ConventionIds = { JuraNord.ConventionId },
            ClientRequestId = "batch-" + Guid.NewGuid().ToString("N"),
        };
        var first = Assert.Single(await RunAsync(harness.Runs, request)).Run;
        var runsAfterFirst = await FundingHarness.CountAsync(harness.Funding, "allocation_runs");

        var again = Assert.Single(await RunAsync(harness.Runs, request)).Run;

        Assert.Equal(first.RunId, again.RunId);
        Assert.Equal(first.TotalPaid.Cents, again.TotalPaid.Cents);
        Assert.Equal(runsAfterFirst, await FundingHarness.CountAsync(harness.Funding, "allocation_runs"));
    }

    [Fact]
    public async Task A_call_naming_no_CTG_is_refused_on_convention_ids()
    {
        var e = await Assert.ThrowsAsync<RpcException>(() => RunAsync(harness.Runs, new RunAllocationsRequest { Year = 2025, DeclarationVersion = DeclarationVersion.Reel }));
        Assert.Equal(StatusCode.InvalidArgument, e.StatusCode);
        Assert.Equal("convention_ids", Assert.Single(e.FieldViolations()).Field);
    }

    [Fact]
    public async Task A_CAF_s_staff_runs_only_their_CAF_s_allocations()
    {
        var caf25 = new AllocationRuns.AllocationRunsClient(harness.Funding.ChannelAs(TestIdentity.Caf25StaffUser));

        var e = await Assert.ThrowsAsync<RpcException>(() => RunAsync(caf25, new RunAllocationsRequest
        {
            Year = JuraNord.Year, DeclarationVersion = DeclarationVersion.Reel, CafDepartements = { "39" },
        }));
        Assert.Equal(StatusCode.PermissionDenied, e.StatusCode);

        var items = await RunAsync(caf25, new RunAllocationsRequest
        {
            Year = JuraNord.Year, DeclarationVersion = DeclarationVersion.Reel, ConventionIds = { JuraNord.ConventionId },
        });
        Assert.Equal(NotFound, Assert.Single(items).Refusal.Code);
    }

    private static async Task<List<RunAllocationsItem>> RunAsync(AllocationRuns.AllocationRunsClient client, RunAllocationsRequest request)
    {
        using var call = client.RunAllocations(request);
        var items = new List<RunAllocationsItem>();
        await foreach (var item in call.ResponseStream.ReadAllAsync())
        {
            items.Add(item);
        }

        return items;
    }

    /// <summary>Same inputs, parameters, envelopes and amounts to the cent, structure by structure and group by group.</summary>
    private static void AssertSameAllocation(AllocationRun expected, AllocationRun actual)
    {
        Assert.Equal(expected.ConventionId, actual.ConventionId);
        Assert.Equal(expected.InputHash, actual.InputHash);
        Assert.Equal(expected.ParameterSetHash, actual.ParameterSetHash);
        Assert.Equal(expected.TotalEnvelope.Cents, actual.TotalEnvelope.Cents);
        Assert.Equal(expected.TotalPaid.Cents, actual.TotalPaid.Cents);
        Assert.Equal(expected.Complete, actual.Complete);
        Assert.Equal(
            expected.Groups.Select(g => (g.CollectivityId, g.Kind, g.Envelope.Cents, g.Paid.Cents, g.Difference.Cents)),
            actual.Groups.Select(g => (g.CollectivityId, g.Kind, g.Envelope.Cents, g.Paid.Cents, g.Difference.Cents)));
        Assert.Equal(
            expected.Structures.Select(s => (s.StructureId, s.Kind, s.Amount.Cents, s.CejReference.Cents, s.GainOrLoss.Cents)),
            actual.Structures.Select(s => (s.StructureId, s.Kind, s.Amount.Cents, s.CejReference.Cents, s.GainOrLoss.Cents)));
    }
}
