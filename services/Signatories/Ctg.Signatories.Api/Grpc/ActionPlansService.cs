using Ctg.Signatories.Domain;
using Ctg.Signatories.Persistence;
using Ctg.Signatories.V1;
using Grpc.Core;
using Ctg.ServiceDefaults.Security;
using Microsoft.AspNetCore.Authorization;

namespace Ctg.Signatories.Grpc;

/// <summary>The action plan: structure, quarterly follow-up, mid-term and final reviews.</summary>
public sealed class ActionPlansService(ActionPlanStore store, TimeProvider clock) : ActionPlans.ActionPlansBase
{
    [Authorize(Policy = CtgPolicies.SignatoriesWrite)]
    public override Task<ActionPlan> AddAxis(AddAxisRequest request, ServerCallContext context) =>
        Change(request.ConventionId, request.ExpectedVersion, plan => plan.AddAxis(request), context);

    [Authorize(Policy = CtgPolicies.SignatoriesWrite)]
    public override Task<ActionPlan> AddObjective(AddObjectiveRequest request, ServerCallContext context) =>
        Change(request.ConventionId, request.ExpectedVersion, plan => plan.AddObjective(request), context);

    [Authorize(Policy = CtgPolicies.SignatoriesWrite)]
    public override Task<ActionPlan> AddAction(AddActionRequest request, ServerCallContext context) =>
        Change(request.ConventionId, request.ExpectedVersion, plan => plan.AddAction(request), context);

    [Authorize(Policy = CtgPolicies.SignatoriesWrite)]
    public override Task<ActionPlan> RecordActionStatus(RecordActionStatusRequest request, ServerCallContext context) =>
        Change(request.ConventionId, request.ExpectedVersion, plan => plan.RecordActionStatus(request, Today()), context);

    [Authorize(Policy = CtgPolicies.SignatoriesWrite)]
    public override Task<ActionPlan> RecordReview(RecordReviewRequest request, ServerCallContext context) =>
        Change(request.ConventionId, request.ExpectedVersion, plan => plan.RecordReview(request), context);

    [Authorize(Policy = CtgPolicies.SignatoriesRead)]
    public override async Task<ActionPlan> GetActionPlan(GetActionPlanRequest request, ServerCallContext context)
    {
        var asOf = Dates.AsOf(request.AsOf, clock);
        var plan = await store.GetAsync(request.ConventionId, context.CancellationToken);
        return plan.ViewAsOf(asOf);
    }

    private async Task<ActionPlan> Change(string conventionId, long expectedVersion, Action<ActionPlanAggregate> command, ServerCallContext context)
    {
        var plan = await store.ChangeAsync(conventionId, expectedVersion, command, context.CancellationToken);
        return plan.ViewAsOf(null);
    }

    private DateOnly Today() => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
}
