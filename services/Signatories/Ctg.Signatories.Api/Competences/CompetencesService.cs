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
        var scope = CompetenceResolver.Normalize((request.Scope ?? new CompetenceScope()).ToEntry());
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
        var scope = ValidateQuestion(validation, request, prefix: "");
        validation.ThrowIfInvalid();

        // One load of the convention answers every commune: what makes this cheaper than one GetCompetenceHolders each.
        var aggregate = await store.GetAsync(request.ConventionId, ConventionScope.Of(context.GetCaller()), context.CancellationToken);
        var response = new ListCompetenceHoldersResponse();
        response.Communes.AddRange(Answer(aggregate, scope, request.CommuneInseeCodes, asOf));
        return response;
    }

    /// <summary>The most questions one ListCompetenceHoldersOfMany may ask: a national allocation asks them 200 CTGs at a time.</summary>
    public const int MaxQuestionsPerCall = 1000;

    [Authorize(Policy = CtgPolicies.SignatoriesRead)]
    public override async Task<ListCompetenceHoldersOfManyResponse> ListCompetenceHoldersOfMany(ListCompetenceHoldersOfManyRequest request, ServerCallContext context)
    {
        var validation = new Validation();
        validation.Require(request.Questions.Count > 0, "questions", "is required");
        validation.Require(request.Questions.Count <= MaxQuestionsPerCall, "questions", $"at most {MaxQuestionsPerCall} questions per call");
        var questions = new List<(ListCompetenceHoldersRequest Question, CompetenceScopeEntry Scope, DateOnly AsOf)>(request.Questions.Count);
        for (var i = 0; i < request.Questions.Count; i++)
        {
            var question = request.Questions[i];
            validation.Require(!string.IsNullOrWhiteSpace(question.ConventionId), $"questions[{i}].convention_id", "is required");
            var scope = ValidateQuestion(validation, question, prefix: $"questions[{i}].");
            questions.Add((question, scope, Dates.AsOf(question.AsOf, clock)));
        }

        validation.ThrowIfInvalid();

        // Every convention asked in one query, each loaded once however many fields are asked of it. The caller's CAF
        // scope applies per question: another CAF's convention is answered as not found, as ListCompetenceHolders would.
        var found = await store.FindVisibleAsync(questions.Select(q => q.Question.ConventionId).ToList(), ConventionScope.Of(context.GetCaller()), context.CancellationToken);
        var response = new ListCompetenceHoldersOfManyResponse();
        foreach (var (question, scope, asOf) in questions)
        {
            var answer = new CompetenceHoldersAnswer { ConventionId = question.ConventionId };
            if (found.TryGetValue(question.ConventionId, out var aggregate))
            {
                answer.ConventionFound = true;
                answer.Communes.AddRange(Answer(aggregate, scope, question.CommuneInseeCodes, asOf));
            }

            response.Answers.Add(answer);
        }

        return response;
    }

    /// <summary>The rules of one competence question, alone (ListCompetenceHolders) or among many (field paths under
    /// <paramref name="prefix"/>); its scope normalized.</summary>
    private static CompetenceScopeEntry ValidateQuestion(Validation validation, ListCompetenceHoldersRequest question, string prefix)
    {
        var scope = CompetenceResolver.Normalize((question.Scope ?? new CompetenceScope()).ToEntry());
        validation.Require(scope.Field != FieldOfIntervention.Unspecified, prefix + "scope.field", "is required");
        validation.Require(question.CommuneInseeCodes.Count > 0, prefix + "commune_insee_codes", "is required");
        validation.Require(question.CommuneInseeCodes.Count <= MaxCommunesPerQuestion, prefix + "commune_insee_codes", $"at most {MaxCommunesPerQuestion} communes per question");
        return scope;
    }

    /// <summary>The holders of each distinct commune asked, in the order first asked, from the convention as of the date.</summary>
    private static IEnumerable<CommuneCompetenceHolders> Answer(ConventionAggregate aggregate, CompetenceScopeEntry scope, IEnumerable<string> communes, DateOnly asOf)
    {
        var snapshot = aggregate.SnapshotAt(asOf);
        foreach (var commune in communes.Distinct(StringComparer.Ordinal))
        {
            // A code that is no commune code cannot be in the territory: answered as such, like any commune outside it.
            var answer = new CommuneCompetenceHolders { CommuneInseeCode = commune, InTerritory = FrenchCodes.IsInseeCommuneCode(commune) && snapshot.FindCommune(commune) is not null };
            if (answer.InTerritory)
            {
                answer.Holders.AddRange(CompetenceResolver.HoldersOf(aggregate.Record, scope, commune, asOf));
            }

            yield return answer;
        }
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
