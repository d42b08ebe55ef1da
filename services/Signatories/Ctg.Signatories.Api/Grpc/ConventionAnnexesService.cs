using Ctg.Signatories.Domain;
using Ctg.Signatories.Persistence;
using Ctg.Signatories.V1;
using Grpc.Core;

namespace Ctg.Signatories.Grpc;

/// <summary>Annex tables (projections per mode d'accueil and year), co-financing, coordination posts,
/// renewal link and notice periods of a convention.</summary>
public sealed class ConventionAnnexesService(ConventionStore store) : ConventionAnnexes.ConventionAnnexesBase
{
    public override Task<ConventionAnnexesView> SetCapacityProjection(SetCapacityProjectionRequest request, ServerCallContext context) =>
        Change(request.ConventionId, request.ExpectedVersion, a => a.SetCapacityProjection(request.Projection), context);

    public override Task<ConventionAnnexesView> RecordCoFinancing(RecordCoFinancingRequest request, ServerCallContext context) =>
        Change(request.ConventionId, request.ExpectedVersion, a => a.RecordCoFinancing(request.Entry), context);

    public override Task<ConventionAnnexesView> RecordCoordinationPost(RecordCoordinationPostRequest request, ServerCallContext context) =>
        Change(request.ConventionId, request.ExpectedVersion, a => a.RecordCoordinationPost(request.Post), context);

    public override Task<ConventionAnnexesView> SetConventionTerms(SetConventionTermsRequest request, ServerCallContext context) =>
        Change(request.ConventionId, request.ExpectedVersion, a => a.SetTerms(request.Renewal, request.TerminationTerms, request.SchemaStandIn), context);

    public override async Task<ConventionAnnexesView> GetConventionAnnexes(GetConventionAnnexesRequest request, ServerCallContext context)
    {
        var aggregate = await store.GetAsync(request.ConventionId, context.CancellationToken);
        return ConventionAggregate.AnnexesView(aggregate.Record, aggregate.Version);
    }

    private async Task<ConventionAnnexesView> Change(string conventionId, long expectedVersion, Action<ConventionAggregate> command, ServerCallContext context)
    {
        var aggregate = await store.ChangeAsync(conventionId, expectedVersion, command, context.CancellationToken);
        return ConventionAggregate.AnnexesView(aggregate.Record, aggregate.NextVersion);
    }
}
