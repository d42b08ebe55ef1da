using Ctg.Application.Commands;
using Ctg.Domain;
using Ctg.Funding.Api.Inputs;
using Ctg.Funding.Api.Parameters;
using Ctg.Funding.Api.Shared;
using Ctg.Funding.Api.Upstream;
using Ctg.Funding.V1;
using Ctg.ServiceDefaults;
using Ctg.ServiceDefaults.Security;
using Ctg.Signatories.V1;
using Ctg.Structures.V1;
using Grpc.Core;

namespace Ctg.Funding.Api.Allocation;

/// <summary>
/// RunAllocations: many CTGs allocated in one call, as a CAF runs its December allocation. The conventions come from
/// signatories a page of 500 at a time, the registry rows of <see cref="ReadChunk"/> CTGs at a time in one stream from
/// structures (the next chunk is read while the current one is computed), and the runs are recorded
/// <see cref="BatchSize"/> CTGs per command (one transaction, its events and one audit record). Each CTG goes through
/// the same checks, the same snapshot builder (<see cref="AllocationInputReader.BuildAsync"/>) and the same calculator
/// as RunAllocation, so both record the same amounts to the cent.
/// </summary>
public sealed class AllocationBatchRunner(UpstreamReader upstream, AllocationInputReader reader, AllocationCalculator calculator,
    ParametersInForce parameters, FundingStore store, ICommandPipeline pipeline, TimeProvider clock, ILogger<AllocationBatchRunner> logger)
{
    public const int BatchSize = 50;
    public const int ReadChunk = 200;
    public const int MaxConventions = 5000;

    /// <summary>CTGs whose snapshots are built at once.</summary>
    private const int BuildParallelism = 8;

    /// <summary>Computed batches that may wait for the recording of the batch before them. Recording is one transaction
    /// at a time; without this bound a fast computation would pile every computed run up in memory in front of it.</summary>
    private const int BatchesAwaitingRecording = 2;

    public async Task RunAsync(RunAllocationsRequest request, IServerStreamWriter<RunAllocationsItem> output, ServerCallContext context)
    {
        var ct = context.CancellationToken;
        var caller = context.GetCaller();
        Validate(request, caller);

        // Where a call's time goes, logged at its end: the national allocation is tuned from these figures.
        var clock = System.Diagnostics.Stopwatch.StartNew();
        TimeSpan waitingForInputs = default, computing = default, recording = default;
        var conventions = await ReadConventionsAsync(request, caller, ct);
        var readingConventions = clock.Elapsed;
        var ordered = conventions.Keys.Order(StringComparer.Ordinal).ToList();
        var allocatable = ordered.Where(id => conventions[id].Convention is not null).ToList();
        var active = await parameters.CurrentAsync(ct);
        var requestedBy = caller.IsAuthenticated ? caller.Subject : request.RequestedBy;

        var chunks = allocatable.Chunk(ReadChunk).ToList();
        var nextChunk = 0;
        Task<Dictionary<string, ChunkRead>>? pending = null;
        void StartNextRead()
        {
            pending = nextChunk < chunks.Count ? ReadChunkAsync(chunks[nextChunk++], conventions, request, ct) : null;
        }

        StartNextRead();
        var read = new Dictionary<string, ChunkRead>(StringComparer.Ordinal);
        var batchNumber = 0;
        var recordingAndAnswering = Task.CompletedTask;
        var recordings = new Queue<Task>();
        foreach (var batch in ordered.Chunk(BatchSize))
        {
            var phase = clock.Elapsed;
            while (recordings.Count >= BatchesAwaitingRecording) await recordings.Dequeue();
            foreach (var id in batch.Where(id => conventions[id].Convention is not null))
            {
                while (!read.ContainsKey(id) && pending is not null)
                {
                    foreach (var (key, value) in await pending) read[key] = value;
                    StartNextRead();
                }
            }

            waitingForInputs += clock.Elapsed - phase;
            phase = clock.Elapsed;

            var outcomes = new (EncodedRun? Run, AllocationRefusal? Refusal)[batch.Length];
            await Parallel.ForEachAsync(Enumerable.Range(0, batch.Length), new ParallelOptions { MaxDegreeOfParallelism = BuildParallelism, CancellationToken = ct },
                async (i, token) =>
                {
                    var (convention, refusal) = conventions[batch[i]];
                    outcomes[i] = convention is null
                        ? (null, refusal)
                        : await AllocateAsync(convention, request, read.GetValueOrDefault(convention.ConventionId) ?? new ChunkRead(new ConventionAllocationInputs(), null), active, requestedBy, token);
                });
            foreach (var id in batch) read.Remove(id);
            computing += clock.Elapsed - phase;
            phase = clock.Elapsed;

            // Batch k is recorded and answered while batch k + 1 is computed: the two take turns on different resources
            // (the database, the CPU and signatories); the answers still leave in convention_id order.
            var previous = recordingAndAnswering;
            var number = batchNumber++;
            recordingAndAnswering = RecordAndAnswerAsync(previous, batch, outcomes, number, request, output, context, elapsed => recording += elapsed);
            recordings.Enqueue(recordingAndAnswering);
        }

        await recordingAndAnswering;
        logger.LogInformation(
            "RunAllocations: {Ctgs} CTGs ({Allocated} allocatable) in {Total} ms: conventions {Conventions} ms, waiting for registry rows {Waiting} ms, snapshots and computing {Computing} ms, recording {Recording} ms",
            ordered.Count, allocatable.Count, (long)clock.Elapsed.TotalMilliseconds, (long)readingConventions.TotalMilliseconds,
            (long)waitingForInputs.TotalMilliseconds, (long)computing.TotalMilliseconds, (long)recording.TotalMilliseconds);
    }

    /// <summary>Records one batch as one command (its runs, their events, one audit record; with a client request id, the
    /// batch's stored answer when it was recorded before), then streams its items, once the previous batch is done.</summary>
    private async Task RecordAndAnswerAsync(Task previous, string[] batch, (EncodedRun? Run, AllocationRefusal? Refusal)[] outcomes, int number,
        RunAllocationsRequest request, IServerStreamWriter<RunAllocationsItem> output, ServerCallContext context, Action<TimeSpan> timed)
    {
        await previous;
        var started = System.Diagnostics.Stopwatch.StartNew();
        var batchRequest = new RunAllocationsRequest
        {
            Year = request.Year, DeclarationVersion = request.DeclarationVersion, IncludeExplanations = request.IncludeExplanations,
            ClientRequestId = request.ClientRequestId, ConventionIds = { batch },
        };
        var clientRequestId = string.IsNullOrEmpty(request.ClientRequestId) ? null : $"{request.ClientRequestId}#{number}";
        var recorded = await pipeline.ExecuteAsync(context, "funding.RunAllocations", batchRequest, async ctx =>
        {
            // The batch's runs in one go: their rows, their structure rows in a few multi-row inserts, their events.
            await store.SaveRunsAsync(ctx, outcomes.Where(o => o.Run is not null).Select(o => o.Run!).ToList());
            var answer = new RunAllocationsBatch();
            for (var i = 0; i < batch.Length; i++)
            {
                var item = new RunAllocationsItem { ConventionId = batch[i] };
                if (outcomes[i].Run is { } run)
                {
                    item.Run = AllocationAnswers.Answer(run.Run, request.IncludeExplanations);
                }
                else
                {
                    item.Refusal = outcomes[i].Refusal;
                }

                answer.Items.Add(item);
            }

            return answer;
        }, clientRequestId, batch);
        timed(started.Elapsed);

        foreach (var item in recorded.Items)
        {
            await output.WriteAsync(item, context.CancellationToken);
        }
    }

    private static void Validate(RunAllocationsRequest request, CallerIdentity caller)
    {
        var validation = new Validation();
        validation.Require(request.Year is >= 2000 and <= 2100, "year", "must be between 2000 and 2100");
        validation.Require(request.DeclarationVersion != DeclarationVersion.Unspecified, "declaration_version", "must be set");
        validation.Require(request.CafDepartements.Count > 0 || request.ConventionIds.Count > 0, "convention_ids", "name CTGs (convention_ids) or CAFs (caf_departements)");
        validation.Require(request.ConventionIds.Count <= MaxConventions, "convention_ids", $"at most {MaxConventions} CTGs per call");
        validation.Require(request.ConventionIds.All(id => !string.IsNullOrWhiteSpace(id)), "convention_ids", "must not contain an empty id");
        validation.Require(request.CafDepartements.All(caf => !string.IsNullOrWhiteSpace(caf)), "caf_departements", "must not contain an empty code");
        validation.ThrowIfInvalid();
        if (caller.IsRestrictedToCafs && request.CafDepartements.FirstOrDefault(caf => !caller.Cafs.Contains(caf, StringComparer.Ordinal)) is { } other)
        {
            throw new AccessDeniedError($"The caller works for CAF {string.Join(", ", caller.Cafs)}, not CAF {other}: its allocations are not theirs to run.");
        }
    }

    /// <summary>The conventions to allocate, each with the refusal RunAllocation would answer before reading anything
    /// else: unknown or of another CAF (NOT_FOUND), year outside its period, not signed or terminated.</summary>
    private async Task<Dictionary<string, (Convention? Convention, AllocationRefusal? Refusal)>> ReadConventionsAsync(
        RunAllocationsRequest request, CallerIdentity caller, CancellationToken ct)
    {
        var found = new Dictionary<string, (Convention? Convention, AllocationRefusal? Refusal)>(StringComparer.Ordinal);
        var cafs = request.CafDepartements.Distinct(StringComparer.Ordinal).ToList();
        var listed = new List<Convention>[cafs.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, cafs.Count), new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = ct },
            async (i, token) => listed[i] = await upstream.ListConventionsAsync(cafs[i], token));
        // A CAF's allocation is that of its CTGs running during the year; the others are not its business this year.
        foreach (var convention in listed.SelectMany(l => l).Where(c => ConventionChecks.Covers(c, request.Year)))
        {
            found[convention.ConventionId] = Check(convention, request.Year, caller);
        }

        var asked = request.ConventionIds.Distinct(StringComparer.Ordinal).Where(id => !found.ContainsKey(id)).ToList();
        var results = new (string Id, (Convention?, AllocationRefusal?) Outcome)[asked.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, asked.Count), new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = ct }, async (i, token) =>
        {
            try
            {
                results[i] = (asked[i], Check(await upstream.GetConventionAsync(asked[i], token), request.Year, caller));
            }
            catch (NotFoundError e)
            {
                results[i] = (asked[i], (null, Refusal(e)));
            }
        });
        foreach (var (id, outcome) in results) found[id] = outcome;
        return found;
    }

    private static (Convention?, AllocationRefusal?) Check(Convention convention, int year, CallerIdentity caller)
    {
        try
        {
            if (caller.IsRestrictedToCafs && !caller.Cafs.Contains(convention.CafDepartement, StringComparer.Ordinal))
            {
                throw new NotFoundError($"Convention '{convention.ConventionId}' is unknown to the signatories service.");
            }

            ConventionChecks.RequireYearWithinPeriod(convention, year);
            ConventionChecks.RequireSigned(convention, year);
            return (convention, null);
        }
        catch (DomainError e) when (e is NotFoundError or RuleViolationError or PreconditionFailedError)
        {
            return (null, Refusal(e));
        }
    }

    /// <summary>What was read of one CTG before its snapshot is built: its registry rows, and signatories' answers to its
    /// competence questions (null: ask them while building).</summary>
    private sealed record ChunkRead(ConventionAllocationInputs Inputs, CompetenceAnswers? Holders);

    /// <summary>The registry rows of a chunk of CTGs (one stream from structures), then the competence questions of all
    /// of them in one ListCompetenceHoldersOfMany call per 1,000 questions (a chunk of 200 CTGs asks about 540), both read
    /// while the previous chunk is computed.</summary>
    private async Task<Dictionary<string, ChunkRead>> ReadChunkAsync(string[] ids,
        IReadOnlyDictionary<string, (Convention? Convention, AllocationRefusal? Refusal)> conventions, RunAllocationsRequest request, CancellationToken ct)
    {
        var rows = await upstream.ReadAllocationInputsAsync(ids, request.Year, request.DeclarationVersion, ct);
        var questions = new List<(string ConventionId, Ctg.Signatories.V1.FieldOfIntervention Field, IReadOnlyCollection<string> Communes)>();
        foreach (var id in ids)
        {
            var inputs = rows.GetValueOrDefault(id) ?? new ConventionAllocationInputs();
            questions.AddRange(AllocationInputReader.CompetenceQuestions(conventions[id].Convention!, request.Year, inputs.Structures, inputs.References)
                .Select(q => (id, q.Field, q.Communes)));
        }

        var answers = questions.Count == 0 ? [] : await upstream.ListCompetenceHoldersOfManyAsync(questions, new DateOnly(request.Year, 1, 1), ct);
        var byConvention = questions.Select((q, i) => (q.ConventionId, q.Field, Answer: answers[i])).ToLookup(a => a.ConventionId, StringComparer.Ordinal);
        return ids.ToDictionary(id => id, id =>
        {
            var asked = byConvention[id].ToList();
            var holders = asked.Any(a => a.Answer is null)
                ? CompetenceAnswers.ConventionUnknown
                : CompetenceAnswers.Of(asked.Select(a => (a.Field, a.Answer!)));
            return new ChunkRead(rows.GetValueOrDefault(id) ?? new ConventionAllocationInputs(), holders);
        }, StringComparer.Ordinal);
    }

    /// <summary>One CTG's run, computed as RunAllocation computes it and encoded for storage, or the refusal its snapshot met
    /// (a missing declaration). Once encoded, the run keeps only what its answer and its event carry.</summary>
    private async Task<(EncodedRun?, AllocationRefusal?)> AllocateAsync(Convention convention, RunAllocationsRequest request, ChunkRead chunk,
        ActiveParameters active, string requestedBy, CancellationToken ct)
    {
        try
        {
            var read = chunk.Inputs;
            var single = new RunAllocationRequest { ConventionId = convention.ConventionId, Year = request.Year, DeclarationVersion = request.DeclarationVersion };
            var declarations = new Dictionary<string, Declaration>(StringComparer.Ordinal);
            foreach (var declaration in read.Declarations) declarations[declaration.StructureId] = declaration;
            var inputs = await reader.BuildAsync(convention, single, read.Structures, read.References, declarations, activityOverrides: null, chunk.Holders, ct);
            var run = calculator.Calculate(inputs, active.Engine, active.Version);
            run.ParameterSetNumber = active.Number;
            run.RunId = "run-" + Guid.NewGuid().ToString("N");
            run.Status = RunStatus.Completed;
            run.CreatedAt = Decimals.Timestamp(clock);
            run.RequestedBy = requestedBy;
            var encoded = EncodedRun.Of(run);
            run.Inputs = null;
            if (!request.IncludeExplanations) AllocationAnswers.WithoutExplanations(run);
            return (encoded, null);
        }
        catch (DomainError e) when (e is NotFoundError or RuleViolationError or PreconditionFailedError)
        {
            return (null, Refusal(e));
        }
    }

    private static AllocationRefusal Refusal(DomainError error)
    {
        var refusal = new AllocationRefusal { Code = (int)DomainErrorStatus.CodeOf(error), Message = error.Message };
        refusal.Violations.AddRange(error.Violations.Select(v => new RefusedField { Field = v.Field, Description = v.Description }));
        return refusal;
    }
}
