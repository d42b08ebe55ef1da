using Ctg.Funding.V1;
using Ctg.Structures.V1;
using Ctg.Testing;
using Grpc.Core;

namespace Ctg.Funding.Tests;

/// <summary>
/// Row-level scoping with real tokens of the test identity provider, checked through the real structures
/// service with the forwarded token: the CC Jura Nord manager reads the Multi-accueil Fraisans and the
/// CC Jura Nord share of a Jura Nord run, and gets NOT_FOUND for the PMA crèche of Audincourt and for the
/// RAM (managed by the Mutualité); a CAF du Doubs officer gets NOT_FOUND for everything of the CAF du Jura.
/// </summary>
[Collection(FundingCollection.Name)]
public sealed class ManagerScopingTests(FundingHarness harness)
{
    private const string Fraisans = "str-39-jn-multi-accueil-fraisans";
    private const string Ram = "str-39-jn-ram-jura-nord";
    private const string Pma = StructureFundingTests.EajeId;
    private const int PmaYear = 2025;

    private FundingComputations.FundingComputationsClient ComputationsAs(string login) => new(harness.Funding.ChannelAs(login));

    private AllocationRuns.AllocationRunsClient RunsAs(string login) => new(harness.Funding.ChannelAs(login));

    /// <summary>A réel computation of Fraisans (2020, declared by the harness) and a prévisionnel one of the PMA crèche (2025), by the staff.</summary>
    private async Task<(StructureFundingResult Fraisans, StructureFundingResult Pma)> ComputeBothAsync()
    {
        var fraisans = await harness.Computations.ComputeStructureAsync(new ComputeStructureRequest { StructureId = Fraisans, Year = JuraNord.Year, DeclarationVersion = DeclarationVersion.Reel });
        await StructureFundingTests.EnsureEajeAsync(harness);
        try
        {
            await harness.Declarations.SubmitDeclarationAsync(new SubmitDeclarationRequest
            {
                StructureId = Pma, Year = PmaYear, Version = DeclarationVersion.Previsionnel, Figures = StructureFundingTests.Figures(20000),
            });
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.AlreadyExists)
        {
        }

        var pma = await harness.Computations.ComputeStructureAsync(new ComputeStructureRequest { StructureId = Pma, Year = PmaYear, DeclarationVersion = DeclarationVersion.Previsionnel });
        return (fraisans, pma);
    }

    private static async Task AssertNotFoundAsync<T>(Func<Task<T>> call)
    {
        var e = await Assert.ThrowsAsync<RpcException>(call);
        Assert.Equal(StatusCode.NotFound, e.StatusCode);
    }

    [Fact]
    public async Task The_manager_reads_the_funding_of_their_structure_and_nothing_of_another()
    {
        var (fraisans, _) = await ComputeBothAsync();
        var manager = ComputationsAs(TestIdentity.ManagerUser);

        var computation = await manager.GetComputationAsync(new GetComputationRequest { StructureId = Fraisans, Year = JuraNord.Year, ComputationId = fraisans.ComputationId });
        Assert.Equal(fraisans, computation);
        var history = await manager.GetFundingHistoryAsync(new GetFundingHistoryRequest { StructureId = Fraisans, Year = JuraNord.Year });
        Assert.Contains(history.Computations, c => c.ComputationId == fraisans.ComputationId);
        var schedule = await manager.GetPaymentScheduleAsync(new GetPaymentScheduleRequest { StructureId = Fraisans, Year = JuraNord.Year });
        Assert.Equal(fraisans.Total, schedule.EntitlementReel);

        // The PMA crèche has a computation the staff can read; for the manager it does not exist.
        Assert.Equal(PmaYear, (await harness.Computations.GetComputationAsync(new GetComputationRequest { StructureId = Pma, Year = PmaYear })).Year);
        await AssertNotFoundAsync(() => manager.GetComputationAsync(new GetComputationRequest { StructureId = Pma, Year = PmaYear }).ResponseAsync);
        await AssertNotFoundAsync(() => manager.GetFundingHistoryAsync(new GetFundingHistoryRequest { StructureId = Pma }).ResponseAsync);
        await AssertNotFoundAsync(() => manager.GetPaymentScheduleAsync(new GetPaymentScheduleRequest { StructureId = Pma, Year = PmaYear }).ResponseAsync);
        // The RAM of their own CTG is managed by someone else.
        await AssertNotFoundAsync(() => manager.GetFundingHistoryAsync(new GetFundingHistoryRequest { StructureId = Ram }).ResponseAsync);
    }

    [Fact]
    public async Task The_manager_may_not_compute_or_simulate()
    {
        var manager = ComputationsAs(TestIdentity.ManagerUser);
        var e = await Assert.ThrowsAsync<RpcException>(() => manager.ComputeStructureAsync(
            new ComputeStructureRequest { StructureId = Fraisans, Year = JuraNord.Year, DeclarationVersion = DeclarationVersion.Reel }).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, e.StatusCode);
        var simulation = new FundingSimulation.FundingSimulationClient(harness.Funding.ChannelAs(TestIdentity.ManagerUser));
        e = await Assert.ThrowsAsync<RpcException>(() => simulation.SimulateAsync(new SimulateRequest
        {
            Structure = new ComputeStructureRequest { StructureId = Fraisans, Year = JuraNord.Year, DeclarationVersion = DeclarationVersion.Reel },
        }).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, e.StatusCode);
    }

    [Fact]
    public async Task The_manager_reads_only_their_share_of_a_run()
    {
        var run = await harness.Runs.RunAllocationAsync(new RunAllocationRequest { ConventionId = JuraNord.ConventionId, Year = JuraNord.Year, DeclarationVersion = DeclarationVersion.Reel });
        var manager = RunsAs(TestIdentity.ManagerUser);

        var seen = await manager.GetRunAsync(new GetRunRequest { RunId = run.RunId, IncludeInputs = true, IncludeExplanations = true });
        Assert.Equal(10, seen.Structures.Count);
        Assert.DoesNotContain(seen.Structures, s => s.StructureId == Ram);
        Assert.Equal(10, seen.Inputs.Structures.Count);
        // The groups of their structures: EAJE 82 442,00 €, ALSH 183 611,00 €, jeunes 8 786,00 € (no RPE).
        Assert.Equal(new[] { BonusTerritoireKind.Eaje, BonusTerritoireKind.Alsh, BonusTerritoireKind.Jeunes }.Order(), seen.Groups.Select(g => g.Kind).Order());
        Assert.Equal(8244200 + 18361100 + 878600, seen.TotalPaid.Cents);
        Assert.NotNull(seen.Structures.Single(s => s.StructureId == Fraisans).Explanation);

        var listed = await manager.ListRunsAsync(new ListRunsRequest { ConventionId = JuraNord.ConventionId, Year = JuraNord.Year });
        Assert.Equal(27483900, listed.Runs.Single(r => r.RunId == run.RunId).TotalPaid.Cents);
        var comparison = await manager.CompareRunsAsync(new CompareRunsRequest { BaseRunId = run.RunId, OtherRunId = run.RunId });
        Assert.Equal(3, comparison.Groups.Count);

        // The PMA convention has no structure of theirs.
        await AssertNotFoundAsync(() => manager.ListRunsAsync(new ListRunsRequest { ConventionId = "ctg-25-pays-de-montbeliard-2023" }).ResponseAsync);
    }

    [Fact]
    public async Task Staff_of_another_CAF_get_not_found_for_the_CAF_du_Jura()
    {
        var (fraisans, _) = await ComputeBothAsync();
        var run = await harness.Runs.RunAllocationAsync(new RunAllocationRequest { ConventionId = JuraNord.ConventionId, Year = JuraNord.Year, DeclarationVersion = DeclarationVersion.Reel });
        var computations = ComputationsAs(TestIdentity.Caf25StaffUser);
        var runs = RunsAs(TestIdentity.Caf25StaffUser);

        await AssertNotFoundAsync(() => computations.GetComputationAsync(new GetComputationRequest { StructureId = Fraisans, Year = JuraNord.Year, ComputationId = fraisans.ComputationId }).ResponseAsync);
        await AssertNotFoundAsync(() => computations.GetFundingHistoryAsync(new GetFundingHistoryRequest { StructureId = Fraisans }).ResponseAsync);
        await AssertNotFoundAsync(() => computations.GetPaymentScheduleAsync(new GetPaymentScheduleRequest { StructureId = Fraisans, Year = JuraNord.Year }).ResponseAsync);
        await AssertNotFoundAsync(() => computations.ComputeStructureAsync(new ComputeStructureRequest { StructureId = Fraisans, Year = JuraNord.Year, DeclarationVersion = DeclarationVersion.Reel }).ResponseAsync);
        await AssertNotFoundAsync(() => runs.GetRunAsync(new GetRunRequest { RunId = run.RunId }).ResponseAsync);
        await AssertNotFoundAsync(() => runs.ListRunsAsync(new ListRunsRequest { ConventionId = JuraNord.ConventionId }).ResponseAsync);
        await AssertNotFoundAsync(() => runs.CompareRunsAsync(new CompareRunsRequest { BaseRunId = run.RunId, OtherRunId = run.RunId }).ResponseAsync);
        await AssertNotFoundAsync(() => runs.ApproveRunAsync(new ApproveRunRequest { RunId = run.RunId }).ResponseAsync);
        await AssertNotFoundAsync(() => runs.RunAllocationAsync(new RunAllocationRequest { ConventionId = JuraNord.ConventionId, Year = JuraNord.Year, DeclarationVersion = DeclarationVersion.Reel }).ResponseAsync);

        // Their own CAF's crèche is theirs to read.
        var pma = await computations.GetComputationAsync(new GetComputationRequest { StructureId = Pma, Year = PmaYear });
        Assert.Equal(Pma, pma.StructureId);
    }
}
