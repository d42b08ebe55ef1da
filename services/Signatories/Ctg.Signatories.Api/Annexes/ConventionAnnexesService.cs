using Ctg.ServiceDefaults.Security;
using Ctg.Signatories.Conventions;
using Ctg.Signatories.Shared;
using Ctg.Signatories.V1;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;

namespace Ctg.Signatories.Annexes;

/// <summary>Annex tables (projections per mode d'accueil and year), co-financing, coordination posts,
/// renewal link and notice periods of a convention.</summary>
public sealed class ConventionAnnexesService(ConventionStore store, ConventionChanges changes) : ConventionAnnexes.ConventionAnnexesBase
{
    [Authorize(Policy = CtgPolicies.SignatoriesWrite)]
    public override Task<ConventionAnnexesView> SetCapacityProjection(SetCapacityProjectionRequest request, ServerCallContext context) =>
        changes.ExecuteAsync(context, "signatories.SetCapacityProjection", request, request.ConventionId, request.ExpectedVersion, a => a.SetCapacityProjection(request.ToCommand()), View);

    [Authorize(Policy = CtgPolicies.SignatoriesWrite)]
    public override Task<ConventionAnnexesView> RecordCoFinancing(RecordCoFinancingRequest request, ServerCallContext context) =>
        changes.ExecuteAsync(context, "signatories.RecordCoFinancing", request, request.ConventionId, request.ExpectedVersion, a => a.RecordCoFinancing(request.ToCommand()), View);

    [Authorize(Policy = CtgPolicies.SignatoriesWrite)]
    public override Task<ConventionAnnexesView> RecordCoordinationPost(RecordCoordinationPostRequest request, ServerCallContext context) =>
        changes.ExecuteAsync(context, "signatories.RecordCoordinationPost", request, request.ConventionId, request.ExpectedVersion, a => a.RecordCoordinationPost(request.ToCommand()), View);

    [Authorize(Policy = CtgPolicies.SignatoriesWrite)]
    public override Task<ConventionAnnexesView> SetConventionTerms(SetConventionTermsRequest request, ServerCallContext context) =>
        changes.ExecuteAsync(context, "signatories.SetConventionTerms", request, request.ConventionId, request.ExpectedVersion, a => a.SetTerms(request.ToCommand()), View);

    [Authorize(Policy = CtgPolicies.SignatoriesRead)]
    public override async Task<ConventionAnnexesView> GetConventionAnnexes(GetConventionAnnexesRequest request, ServerCallContext context)
    {
        var aggregate = await store.GetAsync(request.ConventionId, ConventionScope.Of(context.GetCaller()), context.CancellationToken);
        return AnnexesViewMapping.View(aggregate.Record, aggregate.Version);
    }

    /// <summary>The answer of a command: the part of the convention it changed, at the version being saved.</summary>
    private static ConventionAnnexesView View(ConventionAggregate aggregate) => AnnexesViewMapping.View(aggregate.Record, aggregate.NextVersion);
}
