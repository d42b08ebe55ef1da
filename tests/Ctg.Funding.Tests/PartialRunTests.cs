using Ctg.Funding.V1;
using Ctg.ServiceDefaults;
using Ctg.Structures.V1;
using Grpc.Core;

namespace Ctg.Funding.Tests;

/// <summary>
/// A partial amount is never shown or approved as final (issue 13): the ALSH of Dammartin-Marpain declares 50 000 h
/// against 39 731 h of reference in the 2020 prévisionnel; its new hours are paid at r up to the group's cap, and the
/// cap (bt.alsh.cap_heures_nouvelles) has no value before 2025 in the shipped files.
/// </summary>
[Collection(FundingCollection.Name)]
public sealed class PartialRunTests(FundingHarness harness)
{
    private const string Dammartin = "str-39-jn-alsh-dammartin-marpain";

    private async Task<AllocationRun> RunWithNewHoursAsync()
    {
        foreach (var (id, kind, _, units) in JuraNord.Structures)
        {
            try
            {
                await harness.Declarations.SubmitDeclarationAsync(new SubmitDeclarationRequest
                {
                    StructureId = id, Year = JuraNord.Year, Version = DeclarationVersion.Previsionnel,
                    Figures = JuraNord.EqualActivity(kind, id == Dammartin ? "50000" : units),
                });
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.AlreadyExists)
            {
            }
        }

        return await harness.Runs.RunAllocationAsync(new RunAllocationRequest
        {
            ConventionId = JuraNord.ConventionId, Year = JuraNord.Year, DeclarationVersion = DeclarationVersion.Previsionnel, RequestedBy = "caf39.finance",
        });
    }

    [Fact]
    public async Task Each_structure_group_and_the_run_say_whether_they_are_complete()
    {
        var run = await RunWithNewHoursAsync();

        Assert.False(run.Complete);
        var dammartin = run.Structures.Single(s => s.StructureId == Dammartin);
        Assert.False(dammartin.Complete);
        var missing = Assert.Single(dammartin.NotComputable);
        Assert.Equal(("bt.alsh.cap_heures_nouvelles", 2020), (missing.ParameterKey, missing.Year));
        // Its amount is only the base part: 39 731 existing hours at r = 18 361 100 c / 264 826 h, nothing for the new hours.
        Assert.Equal(0, dammartin.NewActivity.Cents);
        Assert.True(Math.Abs(dammartin.Amount.Cents - 18361100m * 39731m / 264826m) < 1m, dammartin.Amount.Cents.ToString());
        // The other ALSH have no new hours: complete, but their group is not.
        Assert.All(run.Structures.Where(s => s.StructureId != Dammartin), s => Assert.True(s.Complete, s.StructureId));
        Assert.Empty(run.Structures.Single(s => s.StructureId == "str-39-jn-alsh-fraisans").NotComputable);
        Assert.False(run.Groups.Single(g => g.Kind == BonusTerritoireKind.Alsh).Complete);
        Assert.All(run.Groups.Where(g => g.Kind != BonusTerritoireKind.Alsh), g => Assert.True(g.Complete, g.Kind.ToString()));

        var stored = await harness.Runs.GetRunAsync(new GetRunRequest { RunId = run.RunId });
        Assert.False(stored.Complete);
        Assert.False(stored.Structures.Single(s => s.StructureId == Dammartin).Complete);
    }

    [Fact]
    public async Task An_incomplete_run_cannot_be_approved_and_the_refusal_lists_what_is_missing()
    {
        var run = await RunWithNewHoursAsync();

        var e = await Assert.ThrowsAsync<RpcException>(async () =>
            await harness.Approvals.ApproveRunAsync(new ApproveRunRequest { RunId = run.RunId, ApprovedBy = "directeur.caf39" }));

        Assert.Equal(StatusCode.FailedPrecondition, e.StatusCode);
        var violation = Assert.Single(e.FieldViolations());
        Assert.Equal("not_computable[0]", violation.Field);
        Assert.Contains("bt.alsh.cap_heures_nouvelles", violation.Description);
        Assert.Contains("2020", violation.Description);
        Assert.Contains(Dammartin, e.Status.Detail);
        var stored = await harness.Runs.GetRunAsync(new GetRunRequest { RunId = run.RunId });
        Assert.Equal(RunStatus.Completed, stored.Status);
        Assert.Equal("", stored.ApprovedBy);
    }
}
