using Microsoft.AspNetCore.Authorization;
using Ctg.ServiceDefaults.Security;
using Ctg.Application.Commands;
using Ctg.Signatories.Domain;
using Google.Protobuf;
using Ctg.Signatories.Persistence;
using Ctg.Signatories.V1;
using Grpc.Core;

namespace Ctg.Signatories.Grpc;

/// <summary>Annex tables (projections per mode d'accueil and year), co-financing, coordination posts,
/// renewal link and notice periods of a convention.</summary>
public sealed class ConventionAnnexesService(ConventionStore store, ICommandPipeline pipeline) : ConventionAnnexes.ConventionAnnexesBase
{
    [Authorize(Policy = CtgPolicies.SignatoriesWrite)]
    public override Task<ConventionAnnexesView> SetCapacityProjection(SetCapacityProjectionRequest request, ServerCallContext context) =>
        Change("signatories.SetCapacityProjection", request, request.ConventionId, request.ExpectedVersion, a => a.SetCapacityProjection(request.Projection), context);

    [Authorize(Policy = CtgPolicies.SignatoriesWrite)]
    public override Task<ConventionAnnexesView> RecordCoFinancing(RecordCoFinancingRequest request, ServerCallContext context) =>
        Change("signatories.RecordCoFinancing", request, request.ConventionId, request.ExpectedVersion, a => a.RecordCoFinancing(request.Entry), context);

    [Authorize(Policy = CtgPolicies.SignatoriesWrite)]
    public override Task<ConventionAnnexesView> RecordCoordinationPost(RecordCoordinationPostRequest request, ServerCallContext context) =>
        Change("signatories.RecordCoordinationPost", request, request.ConventionId, request.ExpectedVersion, a => a.RecordCoordinationPost(request.Post), context);

    [Authorize(Policy = CtgPolicies.SignatoriesWrite)]
    public override Task<ConventionAnnexesView> SetConventionTerms(SetConventionTermsRequest request, ServerCallContext context) =>
        Change("signatories.SetConventionTerms", request, request.ConventionId, request.ExpectedVersion, a => a.SetTerms(request.Renewal, request.TerminationTerms, request.SchemaStandIn), context);

    [Authorize(Policy = CtgPolicies.SignatoriesRead)]
    public override async Task<ConventionAnnexesView> GetConventionAnnexes(GetConventionAnnexesRequest request, ServerCallContext context)
    {
        var aggregate = await store.GetAsync(request.ConventionId, ConventionScope.Of(context.GetCaller()), context.CancellationToken);
        return ConventionAggregate.AnnexesView(aggregate.Record, aggregate.Version);
    }

    private Task<ConventionAnnexesView> Change(string name, IMessage request, string conventionId, long expectedVersion, Action<ConventionAggregate> command, ServerCallContext context) =>
        pipeline.ExecuteAsync(context, name, request, async ctx =>
        {
            var aggregate = await store.ChangeAsync(ctx, conventionId, expectedVersion, command);
            return ConventionAggregate.AnnexesView(aggregate.Record, aggregate.NextVersion);
        });
}
