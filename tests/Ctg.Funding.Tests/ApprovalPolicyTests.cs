using Ctg.Funding.Api.Allocation;
using Ctg.Funding.V1;

namespace Ctg.Funding.Tests;

/// <summary>Host-free: the rules of approving an allocation run (RULES.md §4.7).</summary>
public sealed class ApprovalPolicyTests
{
    private static AllocationRun Run(string requestedBy = "claire.martin") => new()
    {
        RunId = "run-1", ConventionId = "ctg-39-jura-nord-2019", Year = 2020, Status = RunStatus.Completed, RequestedBy = requestedBy, Complete = true,
    };

    [Fact]
    public void Another_approver_may_approve_a_complete_run() =>
        Assert.Equal(ApprovalRefusal.None, ApprovalPolicy.Decide(Run(), "paul.girard").Refusal);

    [Fact]
    public void The_requester_cannot_approve_their_own_run()
    {
        var decision = ApprovalPolicy.Decide(Run(), "claire.martin");
        Assert.Equal(ApprovalRefusal.RequesterCannotApprove, decision.Refusal);
        Assert.Equal("Allocation run 'run-1' was requested by 'claire.martin', who cannot also approve it (four-eyes): another approver must.", decision.Message);
    }

    [Fact]
    public void Without_an_identity_four_eyes_cannot_be_judged_and_is_not_applied() =>
        Assert.True(ApprovalPolicy.Decide(Run("claire.martin"), approverSubject: null).IsAllowed);

    [Fact]
    public void An_approved_run_is_refused_before_anything_else()
    {
        var run = Run();
        run.Status = RunStatus.Approved;
        run.NotComputable.Add(new NotComputable { RuleId = "R", ParameterKey = "k", Year = 2020 });
        var decision = ApprovalPolicy.Decide(run, "claire.martin");
        Assert.Equal(ApprovalRefusal.AlreadyApproved, decision.Refusal);
        Assert.Equal(("run_id", "already approved"), Assert.Single(decision.Violations));
    }

    [Fact]
    public void An_incomplete_run_is_refused_with_one_violation_per_missing_parameter_and_year()
    {
        var run = Run();
        run.NotComputable.Add(new NotComputable { RuleId = "BONUS_TERRITOIRE.NEW_ACTIVITY", ParameterKey = "bt.alsh.cap_heures_nouvelles", Year = 2020 });
        run.NotComputable.Add(new NotComputable { RuleId = "BONUS_TERRITOIRE.NEW_ACTIVITY", ParameterKey = "bt.eaje.nouvelles_places.strates", Year = 2020 });
        run.Structures.Add(new StructureAllocation { StructureId = "str-a", NotComputable = { run.NotComputable[0] } });

        var decision = ApprovalPolicy.Decide(run, "paul.girard");

        Assert.Equal(ApprovalRefusal.Incomplete, decision.Refusal);
        Assert.Equal(
            [
                ("not_computable[0]", "BONUS_TERRITOIRE.NEW_ACTIVITY: parameter bt.alsh.cap_heures_nouvelles has no value for 2020"),
                ("not_computable[1]", "BONUS_TERRITOIRE.NEW_ACTIVITY: parameter bt.eaje.nouvelles_places.strates has no value for 2020"),
            ],
            decision.Violations);
        Assert.Contains("(structures str-a)", decision.Message);
    }
}
