using Ctg.Application.Commands;
using Ctg.ServiceDefaults.Security;
using Ctg.Signatories.Conventions;
using Ctg.Signatories.Shared;
using Ctg.Signatories.V1;
using Google.Protobuf;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;

namespace Ctg.Signatories.ActionPlans;

/// <summary>The action plan: structure, quarterly follow-up, mid-term and final reviews.</summary>
public sealed class ActionPlansService(ActionPlanStore store, ICommandPipeline pipeline, TimeProvider clock) : Ctg.Signatories.V1.ActionPlans.ActionPlansBase
{
    [Authorize(Policy = CtgPolicies.SignatoriesWrite)]
    public override Task<ActionPlan> AddAxis(AddAxisRequest request, ServerCallContext context) =>
        Change("signatories.AddAxis", request, request.ConventionId, request.ExpectedVersion, plan => plan.AddAxis(request.ToCommand()), context);

    [Authorize(Policy = CtgPolicies.SignatoriesWrite)]
    public override Task<ActionPlan> AddObjective(AddObjectiveRequest request, ServerCallContext context) =>
        Change("signatories.AddObjective", request, request.ConventionId, request.ExpectedVersion, plan => plan.AddObjective(request.ToCommand()), context);

    [Authorize(Policy = CtgPolicies.SignatoriesWrite)]
    public override Task<ActionPlan> AddAction(AddActionRequest request, ServerCallContext context) =>
        Change("signatories.AddAction", request, request.ConventionId, request.ExpectedVersion, plan => plan.AddAction(request.ToCommand()), context);

    [Authorize(Policy = CtgPolicies.SignatoriesWrite)]
    public override Task<ActionPlan> RecordActionStatus(RecordActionStatusRequest request, ServerCallContext context) =>
        Change("signatories.RecordActionStatus", request, request.ConventionId, request.ExpectedVersion, plan => plan.RecordActionStatus(request.ToCommand(), Today()), context);

    [Authorize(Policy = CtgPolicies.SignatoriesWrite)]
    public override Task<ActionPlan> RecordReview(RecordReviewRequest request, ServerCallContext context) =>
        Change("signatories.RecordReview", request, request.ConventionId, request.ExpectedVersion, plan => plan.RecordReview(request.ToCommand()), context);

    [Authorize(Policy = CtgPolicies.SignatoriesWrite)]
    public override Task<ActionPlan> SetDeclaredCounts(SetDeclaredCountsRequest request, ServerCallContext context) =>
        Change("signatories.SetDeclaredCounts", request, request.ConventionId, request.ExpectedVersion, plan => plan.SetDeclaredCounts(request.Declared), context);

    [Authorize(Policy = CtgPolicies.SignatoriesRead)]
    public override async Task<ActionPlan> GetActionPlan(GetActionPlanRequest request, ServerCallContext context)
    {
        var asOf = Dates.AsOf(request.AsOf, clock);
        var plan = await store.GetAsync(request.ConventionId, ConventionScope.Of(context.GetCaller()), context.CancellationToken);
        return plan.ViewAsOf(asOf);
    }

    private Task<ActionPlan> Change(string name, IMessage request, string conventionId, long expectedVersion, Action<ActionPlanAggregate> command, ServerCallContext context) =>
        pipeline.ExecuteAsync(context, name, request, async ctx => (await store.ChangeAsync(ctx, conventionId, expectedVersion, command)).ViewAsOf(null));

    private DateOnly Today() => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
}
