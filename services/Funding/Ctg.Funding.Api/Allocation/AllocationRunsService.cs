using Ctg.Application.Commands;
using Ctg.Funding.Api.Allocation;
using Ctg.Funding.Api.Inputs;
using Ctg.Funding.Api.Parameters;
using Ctg.Funding.Api.Shared;
using Ctg.Funding.V1;
using Ctg.ServiceDefaults;
using Ctg.ServiceDefaults.Security;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;

namespace Ctg.Funding.Api.Allocation;

/// <summary>Bonus territoire allocation runs: computed from a frozen snapshot, recorded once, approved once.</summary>
public sealed class AllocationRunsService(AllocationInputReader reader, AllocationCalculator calculator, ParametersInForce parameters, FundingStore store,
    ICommandPipeline pipeline, FundingAccess access, AllocationBatchRunner batches, TimeProvider clock)
    : AllocationRuns.AllocationRunsBase
{
    [Authorize(Policy = CtgPolicies.FundingCompute)]
    public override async Task<AllocationRun> RunAllocation(RunAllocationRequest request, ServerCallContext context)
    {
        var ct = context.CancellationToken;
        await access.RequireConventionAsync(context.GetCaller(), request.ConventionId, ct);
        // A retry is answered from what was recorded, before the inputs are read again: they may have changed since.
        if (await pipeline.EarlierResponseAsync<AllocationRun>(context, "funding.RunAllocation", request, request.ClientRequestId) is { } earlier)
        {
            return earlier;
        }

        var inputs = await reader.ReadAsync(request, activityOverrides: null, ct);
        var active = await parameters.CurrentAsync(ct);
        var run = calculator.Calculate(inputs, active.Engine, active.Version);
        run.ParameterSetNumber = active.Number;
        run.RunId = "run-" + Guid.NewGuid().ToString("N");
        run.Status = RunStatus.Completed;
        run.CreatedAt = Decimals.Timestamp(clock);
        // Who requested it comes from the token; the request field is only used while calls carry no identity.
        var caller = context.GetCaller();
        run.RequestedBy = caller.IsAuthenticated ? caller.Subject : request.RequestedBy;
        return await pipeline.ExecuteAsync(context, "funding.RunAllocation", request, async ctx =>
        {
            await store.SaveRunAsync(ctx, run);
            // The snapshot is recorded with the run; the answer leaves it out (GetRun with include_inputs gives it back).
            return AllocationAnswers.Answer(run, request.IncludeExplanations);
        }, request.ClientRequestId, request.ConventionId);
    }

    /// <summary>Many CTGs at once (a CAF's December allocation): see <see cref="AllocationBatchRunner"/>.</summary>
    [Authorize(Policy = CtgPolicies.FundingCompute)]
    public override Task RunAllocations(RunAllocationsRequest request, IServerStreamWriter<RunAllocationsItem> responseStream, ServerCallContext context) =>
        batches.RunAsync(request, responseStream, context);

    [Authorize(Policy = CtgPolicies.FundingRead)]
    public override async Task<AllocationRun> GetRun(GetRunRequest request, ServerCallContext context)
    {
        RequireRunId(request.RunId, "run_id");
        var run = await store.GetRunAsync(request.RunId, context.CancellationToken)
            ?? throw RpcErrors.NotFound($"Allocation run '{request.RunId}' is unknown.");
        run = await access.ScopeRunAsync(context.GetCaller(), run, context.CancellationToken);
        if (!request.IncludeInputs) run.Inputs = null;
        if (!request.IncludeExplanations) WithoutExplanations(run);
        return run;
    }

    [Authorize(Policy = CtgPolicies.FundingRead)]
    public override async Task<ListRunsResponse> ListRuns(ListRunsRequest request, ServerCallContext context)
    {
        new Validation().Require(!string.IsNullOrWhiteSpace(request.ConventionId), "convention_id", "must not be empty").ThrowIfInvalid();
        var ct = context.CancellationToken;
        var caller = context.GetCaller();
        var visible = await access.RequireConventionStructuresAsync(caller, request.ConventionId, ct);
        var runs = await store.ListRunsAsync(request.ConventionId, request.Year, ct);
        var response = new ListRunsResponse();
        if (visible is null)
        {
            response.Runs.AddRange(runs);
            return response;
        }

        // A manager's summaries carry the totals of their own groups only, so each run is read whole and narrowed.
        foreach (var summary in runs)
        {
            var run = await store.GetRunAsync(summary.RunId, ct);
            if (run is not null && RunScope.Narrow(run, visible) is { } narrowed)
            {
                summary.TotalEnvelope = narrowed.TotalEnvelope;
                summary.TotalPaid = narrowed.TotalPaid;
                response.Runs.Add(summary);
            }
        }

        return response;
    }

    [Authorize(Policy = CtgPolicies.FundingApprove)]
    public override async Task<AllocationRun> ApproveRun(ApproveRunRequest request, ServerCallContext context)
    {
        var caller = context.GetCaller();
        new Validation()
            .Require(!string.IsNullOrWhiteSpace(request.RunId), "run_id", "must not be empty")
            .Require(caller.IsAuthenticated || !string.IsNullOrWhiteSpace(request.ApprovedBy), "approved_by", "must name who approves")
            .ThrowIfInvalid();
        var approvedBy = caller.IsAuthenticated ? caller.Subject : request.ApprovedBy;
        // Serializable: two approvals of runs of the same CTG and year cannot both read the same latest approved run
        // (the unique index on the superseded run is the second guard).
        var stored = await store.GetRunAsync(request.RunId, context.CancellationToken)
            ?? throw RpcErrors.NotFound($"Allocation run '{request.RunId}' is unknown.");
        await access.RequireConventionAsync(caller, stored.ConventionId, context.CancellationToken);
        var command = context.Command("funding.ApproveRun", request, request.RunId) with { Isolation = System.Data.IsolationLevel.Serializable };
        return await pipeline.ExecuteAsync(command, async ctx =>
        {
            var run = await store.ApproveAsync(ctx, request.RunId, approvedBy, stored => ApprovalPolicy.Decide(stored, caller.IsAuthenticated ? caller.Subject : null));
            run.Inputs = null;
            return run;
        }, context.CancellationToken);
    }

    [Authorize(Policy = CtgPolicies.FundingRead)]
    public override async Task<RunComparison> CompareRuns(CompareRunsRequest request, ServerCallContext context)
    {
        new Validation()
            .Require(!string.IsNullOrWhiteSpace(request.BaseRunId), "base_run_id", "must not be empty")
            .Require(!string.IsNullOrWhiteSpace(request.OtherRunId), "other_run_id", "must not be empty")
            .ThrowIfInvalid();
        var ct = context.CancellationToken;
        var baseRun = await store.GetRunAsync(request.BaseRunId, ct) ?? throw RpcErrors.NotFound($"Allocation run '{request.BaseRunId}' is unknown.");
        var otherRun = await store.GetRunAsync(request.OtherRunId, ct) ?? throw RpcErrors.NotFound($"Allocation run '{request.OtherRunId}' is unknown.");
        var caller = context.GetCaller();
        return RunComparer.Compare(await access.ScopeRunAsync(caller, baseRun, ct), await access.ScopeRunAsync(caller, otherRun, ct));
    }

    private static void WithoutExplanations(AllocationRun run) => AllocationAnswers.WithoutExplanations(run);

    private static void RequireRunId(string runId, string field) =>
        new Validation().Require(!string.IsNullOrWhiteSpace(runId), field, "must not be empty").ThrowIfInvalid();
}
