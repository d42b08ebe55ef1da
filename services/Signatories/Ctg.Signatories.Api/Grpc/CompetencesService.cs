using Ctg.ServiceDefaults;
using Ctg.Signatories.Domain;
using Ctg.Signatories.Persistence;
using Ctg.Signatories.V1;
using Grpc.Core;
using Ctg.ServiceDefaults.Security;
using Microsoft.AspNetCore.Authorization;

namespace Ctg.Signatories.Grpc;

/// <summary>Compétences: grants, transfers, who holds what where and when, and the AO obligations.</summary>
public sealed class CompetencesService(ConventionStore store, TimeProvider clock) : Competences.CompetencesBase
{
    [Authorize(Policy = CtgPolicies.SignatoriesWrite)]
    public override async Task<CompetenceRecord> GrantCompetence(GrantCompetenceRequest request, ServerCallContext context) =>
        (await store.ChangeWithResultAsync(request.ConventionId, request.ExpectedVersion, a => a.Grant(request), context.CancellationToken)).Result;

    [Authorize(Policy = CtgPolicies.SignatoriesWrite)]
    public override async Task<CompetenceRecord> TransferCompetence(TransferCompetenceRequest request, ServerCallContext context) =>
        (await store.ChangeWithResultAsync(request.ConventionId, request.ExpectedVersion, a => a.Transfer(request), context.CancellationToken)).Result;

    [Authorize(Policy = CtgPolicies.SignatoriesWrite)]
    public override async Task<AoMeasure> DeclareAoMeasure(DeclareAoMeasureRequest request, ServerCallContext context) =>
        (await store.ChangeWithResultAsync(request.ConventionId, request.ExpectedVersion, a => a.DeclareAoMeasure(request), context.CancellationToken)).Result;

    [Authorize(Policy = CtgPolicies.SignatoriesRead)]
    public override async Task<GetCompetenceHoldersResponse> GetCompetenceHolders(GetCompetenceHoldersRequest request, ServerCallContext context)
    {
        var validation = new Validation();
        var asOf = Dates.AsOf(request.AsOf, clock);
        var scope = CompetenceResolver.Normalize(request.Scope ?? new CompetenceScope());
        validation.Require(scope.Field != FieldOfIntervention.Unspecified, "scope.field", "is required");
        validation.Require(FrenchCodes.IsInseeCommuneCode(request.CommuneInseeCode ?? string.Empty), "commune_insee_code", "is not an INSEE commune code");
        validation.ThrowIfInvalid();

        var aggregate = await store.GetAsync(request.ConventionId, context.CancellationToken);
        if (aggregate.SnapshotAt(asOf).FindCommune(request.CommuneInseeCode!) is null)
        {
            throw RpcErrors.FailedPrecondition($"Commune {request.CommuneInseeCode} is not in the territory on {asOf:yyyy-MM-dd}.",
                ("commune_insee_code", "is not in the territory of the convention on that date"));
        }

        var response = new GetCompetenceHoldersResponse();
        response.Holders.AddRange(CompetenceResolver.HoldersOf(aggregate.Record, scope, request.CommuneInseeCode!, asOf));
        return response;
    }

    [Authorize(Policy = CtgPolicies.SignatoriesRead)]
    public override async Task<GetAoObligationsResponse> GetAoObligations(GetAoObligationsRequest request, ServerCallContext context)
    {
        var asOf = Dates.AsOf(request.AsOf, clock);
        var aggregate = await store.GetAsync(request.ConventionId, context.CancellationToken);
        return AoObligations.For(aggregate.Record, asOf);
    }
}
