using Ctg.Data;
using Ctg.Testing;
using Ctg.Funding.V1;
using Ctg.ServiceDefaults;
using Ctg.Structures.V1;
using Dapper;
using Grpc.Core;
using static Ctg.Funding.Tests.FundingHarness;

namespace Ctg.Funding.Tests;

[Collection(FundingCollection.Name)]
public sealed class AllocationRunTests(FundingHarness harness)
{
    private static RunAllocationRequest JuraNordRequest(DeclarationVersion version = DeclarationVersion.Reel) => new()
    {
        ConventionId = JuraNord.ConventionId, Year = JuraNord.Year, DeclarationVersion = version, RequestedBy = "caf39.finance",
    };

    [Fact]
    public async Task Jura_Nord_pays_each_group_its_envelope_to_the_cent_at_equal_activity()
    {
        var run = await harness.Runs.RunAllocationAsync(JuraNordRequest());

        // Envelopes E = Σ 2018 CEJ amounts per (collectivity, kind), seed 001 l.728-738:
        //   EAJE 82 442,00 €; RPE 22 865,00 €; Jeunes 8 786,00 €;
        //   ALSH 35 292 + 24 494 + 43 831 + 24 495 + 19 403 + 19 337 + 16 759 + 0 = 183 611,00 €.
        var expected = new Dictionary<BonusTerritoireKind, long>
        {
            [BonusTerritoireKind.Eaje] = 8244200,
            [BonusTerritoireKind.Rpe] = 2286500,
            [BonusTerritoireKind.Alsh] = 18361100,
            [BonusTerritoireKind.Jeunes] = 878600,
        };
        Assert.Equal(4, run.Groups.Count);
        foreach (var group in run.Groups)
        {
            Assert.Equal(JuraNord.Epci, group.CollectivityId);
            Assert.Equal(expected[group.Kind], group.Envelope.Cents);
            Assert.Equal(expected[group.Kind], group.Paid.Cents);
            Assert.Equal(0, group.Difference.Cents);
            Assert.Empty(group.Causes);
            Assert.Equal(group.Paid.Cents, run.Structures.Where(s => s.Kind == group.Kind).Sum(s => s.Amount.Cents));
        }

        Assert.Equal(29770400, run.TotalEnvelope.Cents);
        Assert.Equal(29770400, run.TotalPaid.Cents);
        Assert.Equal(RunStatus.Completed, run.Status);
        Assert.Matches("^[0-9a-f]{64}$", run.InputHash);
        Assert.Matches("^[0-9a-f]{64}$", run.ParameterSetHash);
        Assert.Equal("embedded", run.ParameterSetVersion);
        Assert.Null(run.Inputs);
        var stored = await harness.Runs.GetRunAsync(new GetRunRequest { RunId = run.RunId, IncludeInputs = true, IncludeExplanations = true });
        Assert.Equal(11, stored.Inputs.Structures.Count);
        Assert.Equal(run.InputHash, Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Google.Protobuf.MessageExtensions.ToByteArray(stored.Inputs))));

        // Smoothing inside the ALSH group: r = 18 361 100 c / 264 826 h. Each site gets r × its hours (±1 cent of
        // largest-remainder rounding): Ougney / Vitreux, with a CEJ of 0 €, gains; Fraisans, paid 55,88 c/h
        // under the CEJ against a group rate of 69,33 c/h, gains; Montmirey (104,05 c/h) loses.
        const decimal envelope = 18361100m, hours = 264826m;
        foreach (var (id, kind, reference, units) in JuraNord.Structures.Where(s => s.Kind == StructureKind.Alsh))
        {
            var s = run.Structures.Single(x => x.StructureId == id);
            var exact = envelope * decimal.Parse(units, System.Globalization.CultureInfo.InvariantCulture) / hours;
            Assert.True(Math.Abs(s.Amount.Cents - exact) < 1m, $"{id}: {s.Amount.Cents} against exact {exact}");
            Assert.Equal(reference, s.CejReference.Cents);
            Assert.Equal(s.Amount.Cents - reference, s.GainOrLoss.Cents);
        }

        Assert.True(run.Structures.Single(s => s.StructureId == "str-39-jn-alsh-ougney-vitreux").GainOrLoss.Cents > 700000);
        Assert.True(run.Structures.Single(s => s.StructureId == "str-39-jn-alsh-fraisans").GainOrLoss.Cents > 0);
        Assert.True(run.Structures.Single(s => s.StructureId == "str-39-jn-alsh-montmirey-la-ville").GainOrLoss.Cents < 0);
        // A group of one structure pays it exactly its reference.
        Assert.Equal(8244200, run.Structures.Single(s => s.StructureId == "str-39-jn-multi-accueil-fraisans").Amount.Cents);
        Assert.Equal(0, run.Structures.Single(s => s.StructureId == "str-39-jn-multi-accueil-fraisans").GainOrLoss.Cents);
        // The answer leaves the explanations out unless asked; the run keeps them.
        Assert.All(run.Structures, s => Assert.Null(s.Explanation));
        Assert.All(run.Groups, g => Assert.Null(g.Explanation));
        Assert.NotEmpty(stored.Structures[0].Explanation.Children);
        var explained = await harness.Runs.RunAllocationAsync(new RunAllocationRequest(JuraNordRequest()) { IncludeExplanations = true });
        Assert.NotEmpty(explained.Structures[0].Explanation.Children);
        Assert.NotNull(explained.Groups[0].Explanation);
    }

    [Fact]
    public async Task Same_inputs_give_the_same_hash_and_the_same_cents()
    {
        var first = await harness.Runs.RunAllocationAsync(JuraNordRequest());
        var second = await harness.Runs.RunAllocationAsync(JuraNordRequest());
        Assert.NotEqual(first.RunId, second.RunId);
        Assert.Equal(first.InputHash, second.InputHash);
        Assert.Equal(first.Structures.Select(s => (s.StructureId, s.Amount.Cents)), second.Structures.Select(s => (s.StructureId, s.Amount.Cents)));
    }

    [Fact]
    public async Task An_approved_run_never_changes_and_a_recomputation_is_a_new_record()
    {
        var run = await harness.Runs.RunAllocationAsync(JuraNordRequest());
        var approved = await harness.Approvals.ApproveRunAsync(new ApproveRunRequest { RunId = run.RunId, ApprovedBy = "directeur.caf39" });
        Assert.Equal(RunStatus.Approved, approved.Status);
        Assert.Equal(TestIdentity.SecondStaffUser, approved.ApprovedBy);

        var again = await Assert.ThrowsAsync<RpcException>(async () =>
            await harness.Approvals.ApproveRunAsync(new ApproveRunRequest { RunId = run.RunId, ApprovedBy = "someone.else" }));
        Assert.Equal(StatusCode.FailedPrecondition, again.StatusCode);
        Assert.Equal("run_id", Assert.Single(again.FieldViolations()).Field);

        var recomputed = await harness.Runs.RunAllocationAsync(JuraNordRequest());
        Assert.NotEqual(run.RunId, recomputed.RunId);
        var secondApproval = await harness.Approvals.ApproveRunAsync(new ApproveRunRequest { RunId = recomputed.RunId, ApprovedBy = "directeur.caf39" });
        Assert.Equal(run.RunId, secondApproval.SupersedesRunId);

        var stored = await harness.Runs.GetRunAsync(new GetRunRequest { RunId = run.RunId, IncludeInputs = true });
        Assert.Equal(RunStatus.Approved, stored.Status);
        Assert.Equal(TestIdentity.SecondStaffUser, stored.ApprovedBy);
        Assert.Equal(run.InputHash, stored.InputHash);
        Assert.Equal(run.Structures.Select(s => (s.StructureId, s.Amount.Cents)), stored.Structures.Select(s => (s.StructureId, s.Amount.Cents)));
        Assert.Equal(run.InputHash, Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Google.Protobuf.MessageExtensions.ToByteArray(stored.Inputs))));

        // Not even a direct write can change what an approved run computed: the database refuses it.
        var connections = (IDbConnectionFactory)harness.Funding.Services.GetService(typeof(IDbConnectionFactory))!;
        await using var connection = await connections.OpenAsync(CancellationToken.None);
        await Assert.ThrowsAnyAsync<Exception>(() => connection.ExecuteAsync(
            "UPDATE allocation_runs SET total_paid_cents = 1 WHERE run_id = @RunId", new { run.RunId }));
        await Assert.ThrowsAnyAsync<Exception>(() => connection.ExecuteAsync(
            "UPDATE allocation_runs SET approved_by = 'x' WHERE run_id = @RunId", new { run.RunId }));
        await Assert.ThrowsAnyAsync<Exception>(() => connection.ExecuteAsync(
            "UPDATE allocation_run_structures SET amount_cents = 1 WHERE run_id = @RunId", new { run.RunId }));
    }

    [Fact]
    public async Task Compare_reports_per_group_and_per_structure_differences()
    {
        // The June update declares 8 439 fewer hours at the ALSH of Fraisans (70 000 instead of 78 439).
        foreach (var (id, kind, _, units) in JuraNord.Structures)
        {
            await harness.Declarations.SubmitDeclarationAsync(new SubmitDeclarationRequest
            {
                StructureId = id, Year = JuraNord.Year, Version = DeclarationVersion.ActualiseJuin,
                Figures = JuraNord.EqualActivity(kind, id == "str-39-jn-alsh-fraisans" ? "70000" : units),
            });
        }

        var reel = await harness.Runs.RunAllocationAsync(JuraNordRequest());
        var june = await harness.Runs.RunAllocationAsync(JuraNordRequest(DeclarationVersion.ActualiseJuin));
        var alsh = june.Groups.Single(g => g.Kind == BonusTerritoireKind.Alsh);
        Assert.Contains("lower_activity", alsh.Causes);
        Assert.True(alsh.Difference.Cents < 0);
        Assert.Equal(alsh.Difference.Cents, alsh.CauseAmounts.Sum(c => c.Amount.Cents));

        var comparison = await harness.Runs.CompareRunsAsync(new CompareRunsRequest { BaseRunId = reel.RunId, OtherRunId = june.RunId });
        Assert.False(comparison.SameInputs);
        Assert.True(comparison.SameParameters);
        Assert.Equal(june.TotalPaid.Cents - reel.TotalPaid.Cents, comparison.TotalDifference.Cents);
        Assert.Equal(comparison.TotalDifference.Cents, comparison.Structures.Sum(s => s.Difference.Cents));
        foreach (var g in comparison.Groups)
        {
            Assert.Equal(g.Kind == BonusTerritoireKind.Alsh ? alsh.Difference.Cents : 0, g.Difference.Cents);
        }

        var fraisans = comparison.Structures.Single(s => s.StructureId == "str-39-jn-alsh-fraisans");
        Assert.True(fraisans.Difference.Cents < 0);
        Assert.Equal(reel.Structures.Single(s => s.StructureId == fraisans.StructureId).Amount.Cents, fraisans.BaseAmount.Cents);
        // r = 18 361 100 / 264 826 c/h is unchanged, so Fraisans loses r × 8 439 h (within a cent of rounding).
        Assert.True(Math.Abs(fraisans.Difference.Cents + 18361100m * 8439m / 264826m) < 1m);
    }

    [Fact]
    public async Task Runs_are_listed_newest_first_without_their_structures()
    {
        var run = await harness.Runs.RunAllocationAsync(JuraNordRequest());
        var list = await harness.Runs.ListRunsAsync(new ListRunsRequest { ConventionId = JuraNord.ConventionId, Year = JuraNord.Year });
        Assert.Equal(run.RunId, list.Runs[0].RunId);
        Assert.Empty(list.Runs[0].Structures);
        Assert.Equal(run.TotalPaid.Cents, list.Runs[0].TotalPaid.Cents);
    }

    [Fact]
    public async Task Unknown_run_is_not_found()
    {
        var e = await Assert.ThrowsAsync<RpcException>(async () => await harness.Runs.GetRunAsync(new GetRunRequest { RunId = "run-nope" }));
        Assert.Equal(StatusCode.NotFound, e.StatusCode);
    }
}
