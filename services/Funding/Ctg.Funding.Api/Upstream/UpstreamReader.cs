using Ctg.ServiceDefaults;
using Ctg.Signatories.V1;
using Ctg.Structures.V1;
using Grpc.Core;
using Polly;

namespace Ctg.Funding.Api.Upstream;

/// <summary>
/// Every read funding makes from the structures and signatories services. Reads are idempotent, so a
/// transient failure (UNAVAILABLE, DEADLINE_EXCEEDED) is retried with backoff; when the retries are
/// spent the caller gets UNAVAILABLE naming the service, and nothing has been written yet.
/// NOT_FOUND is a business answer: it becomes our NOT_FOUND or null, never a retry. Every other refusal
/// becomes a domain error (<see cref="UpstreamErrors"/>); no RpcException leaves this class.
/// </summary>
public sealed class UpstreamReader(
    UpstreamOptions options,
    StructureRegistry.StructureRegistryClient registry,
    ActivityDeclarations.ActivityDeclarationsClient declarations,
    CejReferences.CejReferencesClient references,
    Conventions.ConventionsClient conventions,
    Competences.CompetencesClient competences,
    AllocationData.AllocationDataClient allocationData)
{
    private readonly ResiliencePipeline _retry = GrpcRetry.Create(options.RetryAttempts);

    public Task<Structure> GetStructureAsync(string structureId, CancellationToken ct) =>
        CallAsync("structures", async token => await registry.GetStructureAsync(
            new GetStructureRequest { StructureId = structureId }, deadline: Deadline(), cancellationToken: token), ct,
            notFound: () => new Ctg.Domain.NotFoundError($"Structure '{structureId}' is unknown to the structures service."));

    /// <summary>The declaration, or null when the structure declared nothing for that year and version.</summary>
    public async Task<Declaration?> FindDeclarationAsync(string structureId, int year, DeclarationVersion version, int revision, CancellationToken ct)
    {
        try
        {
            return await CallAsync("structures", async token => await declarations.GetDeclarationAsync(
                new GetDeclarationRequest { StructureId = structureId, Year = year, Version = version, Revision = revision },
                deadline: Deadline(), cancellationToken: token), ct, notFound: null);
        }
        catch (Ctg.Domain.NotFoundError)
        {
            return null;
        }
    }

    /// <summary>
    /// The latest declaration of the year and version of every structure of a CTG the caller may see, by structure id,
    /// in one streamed call (an allocation used to ask once per structure). Absent: the structure did not declare.
    /// </summary>
    public Task<Dictionary<string, Declaration>> StreamConventionDeclarationsAsync(string conventionId, int year, DeclarationVersion version, CancellationToken ct) =>
        CallAsync("structures", async token =>
        {
            var byStructure = new Dictionary<string, Declaration>(StringComparer.Ordinal);
            using var call = declarations.StreamConventionDeclarations(
                new StreamConventionDeclarationsRequest { ConventionId = conventionId, Year = year, Version = version },
                deadline: DateTime.UtcNow.Add(options.StreamDeadline), cancellationToken: token);
            await foreach (var declaration in call.ResponseStream.ReadAllAsync(token))
            {
                byStructure[declaration.StructureId] = declaration;
            }

            return byStructure;
        }, ct, notFound: null);

    public Task<Convention> GetConventionAsync(string conventionId, CancellationToken ct) =>
        CallAsync("signatories", async token => await conventions.GetConventionAsync(
            new GetConventionRequest { ConventionId = conventionId }, deadline: Deadline(), cancellationToken: token), ct,
            notFound: () => new Ctg.Domain.NotFoundError($"Convention '{conventionId}' is unknown to the signatories service."));

    /// <summary>Every structure of a CTG, closed ones included (a structure closed during the year still gets its share).</summary>
    public Task<List<Structure>> StreamStructuresAsync(string conventionId, CancellationToken ct) =>
        CallAsync("structures", async token =>
        {
            var list = new List<Structure>();
            using var call = registry.StreamStructures(
                new StreamStructuresRequest { Filter = new StructureFilter { ConventionId = conventionId, IncludeClosed = true } },
                deadline: DateTime.UtcNow.Add(options.StreamDeadline), cancellationToken: token);
            await foreach (var structure in call.ResponseStream.ReadAllAsync(token))
            {
                list.Add(structure);
            }

            return list;
        }, ct, notFound: null);

    public Task<IList<CejReference>> ListReferencesAsync(string conventionId, CancellationToken ct) =>
        CallAsync("structures", async token => (IList<CejReference>)(await references.ListReferencesAsync(
            new ListReferencesRequest { ConventionId = conventionId }, deadline: DateTime.UtcNow.Add(options.StreamDeadline), cancellationToken: token)).References,
            ct, notFound: null);

    public Task<IList<CejReference>> ListStructureReferencesAsync(string structureId, CancellationToken ct) =>
        CallAsync("structures", async token => (IList<CejReference>)(await references.ListReferencesAsync(
            new ListReferencesRequest { StructureId = structureId }, deadline: Deadline(), cancellationToken: token)).References,
            ct, notFound: null);

    /// <summary>Who holds a field at each of <paramref name="communes"/> of a CTG on a date, in one question per 5,000
    /// communes (signatories' ListCompetenceHolders): for each commune the holders, or null when the signatories service
    /// cannot say (the commune is not in the territory): the caller then keeps its own rule.</summary>
    public async Task<IReadOnlyDictionary<string, IList<CompetenceHolder>?>> ListCompetenceHoldersAsync(
        string conventionId, FieldOfIntervention field, IReadOnlyCollection<string> communes, DateOnly asOf, CancellationToken ct)
    {
        var answers = new Dictionary<string, IList<CompetenceHolder>?>(StringComparer.Ordinal);
        foreach (var chunk in communes.Distinct(StringComparer.Ordinal).Chunk(MaxCommunesPerQuestion))
        {
            var request = Question(conventionId, field, chunk, ProtoDates.ToProto(asOf));
            var response = await CallAsync("signatories", async token =>
                await competences.ListCompetenceHoldersAsync(request, deadline: Deadline(), cancellationToken: token), ct, notFound: null);
            AddAnswers(answers, response.Communes);
        }

        return answers;
    }

    /// <summary>Many <see cref="ListCompetenceHoldersAsync"/> questions (CTG, field, communes) on one date in as few calls
    /// as signatories allows (its ListCompetenceHoldersOfMany: 1,000 questions a call): for each question, in order, the
    /// holders of each commune as <see cref="ListCompetenceHoldersAsync"/> gives them, or null when signatories does not
    /// know the convention (or it is not the caller's), which ListCompetenceHolders answers NOT_FOUND.</summary>
    public async Task<IReadOnlyList<IReadOnlyDictionary<string, IList<CompetenceHolder>?>?>> ListCompetenceHoldersOfManyAsync(
        IReadOnlyList<(string ConventionId, FieldOfIntervention Field, IReadOnlyCollection<string> Communes)> questions, DateOnly asOf, CancellationToken ct)
    {
        var date = ProtoDates.ToProto(asOf);
        // A question of more communes than one question may name is asked in parts, answered back into one.
        var asked = questions
            .SelectMany((q, index) => q.Communes.Distinct(StringComparer.Ordinal).Chunk(MaxCommunesPerQuestion).Select(part => (Index: index, Request: Question(q.ConventionId, q.Field, part, date))))
            .ToList();
        var answers = new Dictionary<string, IList<CompetenceHolder>?>?[questions.Count];
        for (var i = 0; i < answers.Length; i++) answers[i] = new Dictionary<string, IList<CompetenceHolder>?>(StringComparer.Ordinal);
        foreach (var call in asked.Chunk(MaxQuestionsPerCall))
        {
            var request = new ListCompetenceHoldersOfManyRequest();
            request.Questions.AddRange(call.Select(q => q.Request));
            var response = await CallAsync("signatories", async token =>
                await competences.ListCompetenceHoldersOfManyAsync(request, deadline: Deadline(), cancellationToken: token), ct, notFound: null);
            for (var i = 0; i < call.Length; i++)
            {
                var answer = response.Answers[i];
                if (!answer.ConventionFound)
                {
                    answers[call[i].Index] = null;
                    continue;
                }

                if (answers[call[i].Index] is { } byCommune)
                {
                    AddAnswers(byCommune, answer.Communes);
                }
            }
        }

        return answers;
    }

    /// <summary>Each commune's holders, or null when signatories cannot say (the commune is not in the territory).</summary>
    private static void AddAnswers(Dictionary<string, IList<CompetenceHolder>?> answers, IEnumerable<CommuneCompetenceHolders> communes)
    {
        foreach (var commune in communes) answers[commune.CommuneInseeCode] = commune.InTerritory ? commune.Holders : null;
    }

    private static ListCompetenceHoldersRequest Question(string conventionId, FieldOfIntervention field, IEnumerable<string> communes, Ctg.Common.V1.Date asOf)
    {
        var request = new ListCompetenceHoldersRequest { ConventionId = conventionId, Scope = new CompetenceScope { Field = field }, AsOf = asOf };
        request.CommuneInseeCodes.AddRange(communes);
        return request;
    }

    /// <summary>The structures, references and declarations of many CTGs in one streamed call (structures'
    /// StreamAllocationInputs), by convention id; every CTG asked has an entry.</summary>
    public Task<Dictionary<string, ConventionAllocationInputs>> ReadAllocationInputsAsync(
        IReadOnlyCollection<string> conventionIds, int year, DeclarationVersion version, CancellationToken ct) =>
        CallAsync("structures", async token =>
        {
            var request = new StreamAllocationInputsRequest { Year = year, Version = version };
            request.ConventionIds.AddRange(conventionIds);
            var byConvention = new Dictionary<string, ConventionAllocationInputs>(StringComparer.Ordinal);
            using var call = allocationData.StreamAllocationInputs(request, deadline: DateTime.UtcNow.Add(options.StreamDeadline), cancellationToken: token);
            await foreach (var inputs in call.ResponseStream.ReadAllAsync(token))
            {
                byConvention[inputs.ConventionId] = inputs;
            }

            return byConvention;
        }, ct, notFound: null);

    /// <summary>Every convention of a CAF the caller may see, a page of 500 at a time (signatories' ListConventions).</summary>
    public async Task<List<Convention>> ListConventionsAsync(string cafDepartement, CancellationToken ct)
    {
        var all = new List<Convention>();
        var token = "";
        do
        {
            var request = new ListConventionsRequest
            {
                CafDepartement = cafDepartement, Page = new Ctg.Common.V1.PageRequest { PageSize = 500, PageToken = token },
            };
            var page = await CallAsync("signatories", async t => await conventions.ListConventionsAsync(request, deadline: Deadline(), cancellationToken: t), ct, notFound: null);
            all.AddRange(page.Conventions);
            token = page.Page?.NextPageToken ?? "";
        }
        while (token.Length > 0);

        return all;
    }

    /// <summary>Signatories' limit on one ListCompetenceHolders question.</summary>
    private const int MaxCommunesPerQuestion = 5000;

    /// <summary>Signatories' limit on one ListCompetenceHoldersOfMany call.</summary>
    private const int MaxQuestionsPerCall = 1000;

    private DateTime Deadline() => DateTime.UtcNow.Add(options.CallDeadline);

    private async Task<T> CallAsync<T>(string service, Func<CancellationToken, Task<T>> call, CancellationToken ct, Func<Ctg.Domain.NotFoundError>? notFound)
    {
        try
        {
            return await _retry.ExecuteAsync(async token => await call(token), ct);
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.Cancelled && ct.IsCancellationRequested)
        {
            // Our own caller went away: not an upstream failure.
            throw;
        }
        catch (RpcException e)
        {
            throw UpstreamErrors.Map(service, e, notFound);
        }
    }
}
