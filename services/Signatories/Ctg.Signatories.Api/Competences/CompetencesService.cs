using Ctg.Application.Commands;
using Ctg.ServiceDefaults;
using Ctg.ServiceDefaults.Security;
using Ctg.Signatories.Conventions;
using Ctg.Signatories.Shared;
using Ctg.Signatories.V1;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;

namespace Ctg.Signatories.Competences;

/// <summary>Compétences: grants, transfers, who holds what where and when, and the AO obligations.</summary>
public sealed class CompetencesService(ConventionStore store, ICommandPipeline pipeline, RpeRegistry rpeRegistry, TimeProvider clock) : Ctg.Signatories.V1.Competences.CompetencesBase
{
    [Authorize(Policy = CtgPolicies.SignatoriesWrite)]
    public override Task<CompetenceRecord> GrantCompetence(GrantCompetenceRequest request, ServerCallContext context) =>
        pipeline.ExecuteAsync(context, "signatories.GrantCompetence", request, async ctx =>
            (await store.ChangeWithResultAsync(ctx, request.ConventionId, request.ExpectedVersion, a => a.Grant(request.ToCommand()))).Result);

    [Authorize(Policy = CtgPolicies.SignatoriesWrite)]
    public override Task<CompetenceRecord> TransferCompetence(TransferCompetenceRequest request, ServerCallContext context) =>
        pipeline.ExecuteAsync(context, "signatories.TransferCompetence", request, async ctx =>
            (await store.ChangeWithResultAsync(ctx, request.ConventionId, request.ExpectedVersion, a => a.Transfer(request.ToCommand()))).Result);

    [Authorize(Policy = CtgPolicies.SignatoriesWrite)]
    public override Task<AoMeasure> DeclareAoMeasure(DeclareAoMeasureRequest request, ServerCallContext context) =>
        pipeline.ExecuteAsync(context, "signatories.DeclareAoMeasure", request, async ctx =>
            (await store.ChangeWithResultAsync(ctx, request.ConventionId, request.ExpectedVersion, a => a.DeclareAoMeasure(request.ToCommand()))).Result);

    [Authorize(Policy = CtgPolicies.SignatoriesRead)]
    public override async Task<GetCompetenceHoldersResponse> GetCompetenceHolders(GetCompetenceHoldersRequest request, ServerCallContext context)
    {
        var validation = new Validation();
        var asOf = Dates.AsOf(request.AsOf, clock);
        var scope = CompetenceResolver.Normalize(request.Scope ?? new CompetenceScope());
        validation.Require(scope.Field != FieldOfIntervention.Unspecified, "scope.field", "is required");
        validation.Require(FrenchCodes.IsInseeCommuneCode(request.CommuneInseeCode ?? string.Empty), "commune_insee_code", "is not an INSEE commune code");
        validation.ThrowIfInvalid();

        var aggregate = await store.GetAsync(request.ConventionId, ConventionScope.Of(context.GetCaller()), context.CancellationToken);
        if (aggregate.SnapshotAt(asOf).FindCommune(request.CommuneInseeCode!) is null)
        {
            throw RpcErrors.FailedPrecondition($"Commune {request.CommuneInseeCode} is not in the territory on {asOf:yyyy-MM-dd}.",
                ("commune_insee_code", "is not in the territory of the convention on that date"));
        }

        var response = new GetCompetenceHoldersResponse();
        response.Holders.AddRange(CompetenceResolver.HoldersOf(aggregate.Record, scope, request.CommuneInseeCode!, asOf));
        return response;
    }

    /// <summary>The most communes one question may name: a national CTG has a few hundred.</summary>
    public const int MaxCommunesPerQuestion = 5000;

    [Authorize(Policy = CtgPolicies.SignatoriesRead)]
    public override async Task<ListCompetenceHoldersResponse> ListCompetenceHolders(ListCompetenceHoldersRequest request, ServerCallContext context)
    {
        var validation = new Validation();
        var asOf = Dates.AsOf(request.AsOf, clock);
        var scope = CompetenceResolver.Normalize(request.Scope ?? new CompetenceScope());
        validation.Require(scope.Field != FieldOfIntervention.Unspecified, "scope.field", "is required");
        validation.Require(request.CommuneInseeCodes.Count > 0, "commune_insee_codes", "is required");
        validation.Require(request.CommuneInseeCodes.Count <= MaxCommunesPerQuestion, "commune_insee_codes", $"at most {MaxCommunesPerQuestion} communes per question");
        validation.ThrowIfInvalid();

        // One load of the convention answers every commune: what makes this cheaper than one GetCompetenceHolders each.
        var aggregate = await store.GetAsync(request.ConventionId, ConventionScope.Of(context.GetCaller()), context.CancellationToken);
        var snapshot = aggregate.SnapshotAt(asOf);
        var response = new ListCompetenceHoldersResponse();
        foreach (var commune in request.CommuneInseeCodes.Distinct(StringComparer.Ordinal))
        {
            // A code that is no commune code cannot be in the territory: answered as such, like any commune outside it.
            var answer = new CommuneCompetenceHolders { CommuneInseeCode = commune, InTerritory = FrenchCodes.IsInseeCommuneCode(commune) && snapshot.FindCommune(commune) is not null };
            if (answer.InTerritory)
            {
                answer.Holders.AddRange(CompetenceResolver.HoldersOf(aggregate.Record, scope, commune, asOf));
            }

            response.Communes.Add(answer);
        }

        return response;
    }

    [Authorize(Policy = CtgPolicies.SignatoriesRead)]
    public override async Task<GetAoObligationsResponse> GetAoObligations(GetAoObligationsRequest request, ServerCallContext context)
    {
        var asOf = Dates.AsOf(request.AsOf, clock);
        var aggregate = await store.GetAsync(request.ConventionId, ConventionScope.Of(context.GetCaller()), context.CancellationToken);
        var communes = aggregate.SnapshotAt(asOf).Communes.Select(c => c.InseeCode).ToList();
        var rpes = asOf >= AoObligations.RpeObligationStart ? await rpeRegistry.ListAsync(communes, context.CancellationToken) : null;
        return AoObligations.For(aggregate.Record, asOf, rpes);
    }
}
