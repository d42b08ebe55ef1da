using Ctg.ServiceDefaults.Security;
using Ctg.Signatories.Conventions;
using Ctg.Signatories.Shared;
using Ctg.Signatories.V1;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;

namespace Ctg.Signatories.Governance;

/// <summary>The CTG's governance: bodies, meetings, chargés de coopération and the frequency alerts.
/// Commands change the convention (its version) in one transaction.</summary>
public sealed class GovernanceService(ConventionStore store, ConventionChanges changes, TimeProvider clock) : Ctg.Signatories.V1.Governance.GovernanceBase
{
    [Authorize(Policy = CtgPolicies.SignatoriesWrite)]
    public override Task<GovernanceView> DefineGovernanceBody(DefineGovernanceBodyRequest request, ServerCallContext context) =>
        changes.ExecuteAsync(context, "signatories.DefineGovernanceBody", request, request.ConventionId, request.ExpectedVersion, a => a.DefineGovernanceBody(request.ToCommand()), View);

    [Authorize(Policy = CtgPolicies.SignatoriesWrite)]
    public override Task<GovernanceView> RecordMeeting(RecordMeetingRequest request, ServerCallContext context) =>
        changes.ExecuteAsync(context, "signatories.RecordMeeting", request, request.ConventionId, request.ExpectedVersion, a => a.RecordMeeting(request.ToCommand()), View);

    [Authorize(Policy = CtgPolicies.SignatoriesWrite)]
    public override Task<GovernanceView> SetCooperationOfficer(SetCooperationOfficerRequest request, ServerCallContext context) =>
        changes.ExecuteAsync(context, "signatories.SetCooperationOfficer", request, request.ConventionId, request.ExpectedVersion, a => a.SetCooperationOfficer(request.ToCommand()), View);

    [Authorize(Policy = CtgPolicies.SignatoriesRead)]
    public override async Task<GovernanceView> GetGovernance(GetGovernanceRequest request, ServerCallContext context)
    {
        var asOf = Dates.AsOf(request.AsOf, clock);
        var aggregate = await store.GetAsync(request.ConventionId, ConventionScope.Of(context.GetCaller()), context.CancellationToken);
        return GovernanceCalendar.View(aggregate.Record, aggregate.Version, asOf);
    }

    /// <summary>The answer of a command: the part of the convention it changed, at the version being saved.</summary>
    private GovernanceView View(ConventionAggregate aggregate) =>
        GovernanceCalendar.View(aggregate.Record, aggregate.NextVersion, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime));
}
