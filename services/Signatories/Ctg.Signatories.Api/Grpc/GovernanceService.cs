using Ctg.Signatories.Domain;
using Ctg.Signatories.Persistence;
using Ctg.Signatories.V1;
using Grpc.Core;

namespace Ctg.Signatories.Grpc;

/// <summary>The CTG's governance: bodies, meetings, chargés de coopération and the frequency alerts.
/// Commands change the convention (its version) in one transaction.</summary>
public sealed class GovernanceService(ConventionStore store, TimeProvider clock) : Governance.GovernanceBase
{
    public override Task<GovernanceView> DefineGovernanceBody(DefineGovernanceBodyRequest request, ServerCallContext context) =>
        Change(request.ConventionId, request.ExpectedVersion, a => a.DefineGovernanceBody(request.Body), context);

    public override Task<GovernanceView> RecordMeeting(RecordMeetingRequest request, ServerCallContext context) =>
        Change(request.ConventionId, request.ExpectedVersion, a => a.RecordMeeting(request.Meeting), context);

    public override Task<GovernanceView> SetCooperationOfficer(SetCooperationOfficerRequest request, ServerCallContext context) =>
        Change(request.ConventionId, request.ExpectedVersion, a => a.SetCooperationOfficer(request.Officer), context);

    public override async Task<GovernanceView> GetGovernance(GetGovernanceRequest request, ServerCallContext context)
    {
        var asOf = Dates.AsOf(request.AsOf, clock);
        var aggregate = await store.GetAsync(request.ConventionId, context.CancellationToken);
        return GovernanceCalendar.View(aggregate.Record, aggregate.Version, asOf);
    }

    private async Task<GovernanceView> Change(string conventionId, long expectedVersion, Action<ConventionAggregate> command, ServerCallContext context)
    {
        var aggregate = await store.ChangeAsync(conventionId, expectedVersion, command, context.CancellationToken);
        return GovernanceCalendar.View(aggregate.Record, aggregate.NextVersion, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime));
    }
}
