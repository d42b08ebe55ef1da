using Microsoft.AspNetCore.Authorization;
using Ctg.ServiceDefaults.Security;
using Ctg.Application.Commands;
using Ctg.Signatories.Domain;
using Google.Protobuf;
using Ctg.Signatories.Persistence;
using Ctg.Signatories.V1;
using Grpc.Core;

namespace Ctg.Signatories.Grpc;

/// <summary>The CTG's governance: bodies, meetings, chargés de coopération and the frequency alerts.
/// Commands change the convention (its version) in one transaction.</summary>
public sealed class GovernanceService(ConventionStore store, ICommandPipeline pipeline, TimeProvider clock) : Governance.GovernanceBase
{
    [Authorize(Policy = CtgPolicies.SignatoriesWrite)]
    public override Task<GovernanceView> DefineGovernanceBody(DefineGovernanceBodyRequest request, ServerCallContext context) =>
        Change("signatories.DefineGovernanceBody", request, request.ConventionId, request.ExpectedVersion, a => a.DefineGovernanceBody(request.Body), context);

    [Authorize(Policy = CtgPolicies.SignatoriesWrite)]
    public override Task<GovernanceView> RecordMeeting(RecordMeetingRequest request, ServerCallContext context) =>
        Change("signatories.RecordMeeting", request, request.ConventionId, request.ExpectedVersion, a => a.RecordMeeting(request.Meeting), context);

    [Authorize(Policy = CtgPolicies.SignatoriesWrite)]
    public override Task<GovernanceView> SetCooperationOfficer(SetCooperationOfficerRequest request, ServerCallContext context) =>
        Change("signatories.SetCooperationOfficer", request, request.ConventionId, request.ExpectedVersion, a => a.SetCooperationOfficer(request.Officer), context);

    [Authorize(Policy = CtgPolicies.SignatoriesRead)]
    public override async Task<GovernanceView> GetGovernance(GetGovernanceRequest request, ServerCallContext context)
    {
        var asOf = Dates.AsOf(request.AsOf, clock);
        var aggregate = await store.GetAsync(request.ConventionId, ConventionScope.Of(context.GetCaller()), context.CancellationToken);
        return GovernanceCalendar.View(aggregate.Record, aggregate.Version, asOf);
    }

    private Task<GovernanceView> Change(string name, IMessage request, string conventionId, long expectedVersion, Action<ConventionAggregate> command, ServerCallContext context) =>
        pipeline.ExecuteAsync(context, name, request, async ctx =>
        {
            var aggregate = await store.ChangeAsync(ctx, conventionId, expectedVersion, command);
            return GovernanceCalendar.View(aggregate.Record, aggregate.NextVersion, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime));
        });
}
