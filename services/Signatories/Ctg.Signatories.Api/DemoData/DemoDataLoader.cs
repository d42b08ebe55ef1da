using System.Text;
using System.Text.Json;
using Ctg.Application.Commands;
using Ctg.Domain;
using Ctg.ServiceDefaults.Security;
using Ctg.Signatories.ActionPlans;
using Ctg.Signatories.Annexes;
using Ctg.Signatories.Conventions;
using Ctg.Signatories.Governance;
using Ctg.Signatories.Shared;
using Ctg.Signatories.V1;
using Google.Protobuf;

namespace Ctg.Signatories.DemoData;

/// <summary>
/// Loads the conventions of the seed documents (DemoData/*.json, embedded). Each file is replayed
/// through the same commands as the API (draft, signatories, deliberations, signatures, competences)
/// and saved in one transaction with its events. Idempotent: a convention whose id exists is skipped.
/// </summary>
public sealed class DemoDataLoader(ConventionStore store, ActionPlanStore actionPlans, ICommandPipeline pipeline, ILogger<DemoDataLoader> logger)
{
    private static readonly JsonParser Parser = new(JsonParser.Settings.Default.WithIgnoreUnknownFields(true));

    /// <summary>Each file is one command of the pipeline (audited as <c>signatories.LoadDemoData</c>, the
    /// request hash being the file's), then its action plan another.</summary>
    public async Task<LoadDemoDataResponse> LoadAsync(CallerIdentity caller, CancellationToken cancellationToken)
    {
        var response = new LoadDemoDataResponse();
        foreach (var (resource, json) in ReadFiles())
        {
            var aggregate = Build(resource, json);
            var id = aggregate.Record.ConventionId;
            var command = new CommandInfo("signatories.LoadDemoData", Encoding.UTF8.GetBytes(json), caller) { TargetIds = [id] };
            if (await store.ExistsAsync(id, cancellationToken))
            {
                response.SkippedConventionIds.Add(id);
            }
            else
            {
                try
                {
                    await pipeline.ExecuteAsync(command, async ctx =>
                    {
                        await store.CreateAsync(ctx, aggregate);
                        return true;
                    }, cancellationToken);
                    response.LoadedConventionIds.Add(id);
                    logger.LogInformation("Loaded demo convention {ConventionId}", id);
                }
                catch (AlreadyExistsError)
                {
                    // Another loader got there first: the convention is there, which is all we want.
                    response.SkippedConventionIds.Add(id);
                }
            }

            // Checked on its own, so that a plan missing after an interrupted load is still created.
            if (ActionPlanOf(json) is { } plan)
            {
                await pipeline.ExecuteAsync(command with { }, ctx => actionPlans.CreateIfAbsentAsync(ctx, id, aggregate =>
                {
                    AddAxesAndObjectives(aggregate, id, plan);
                    AddDeclaredAndReviews(aggregate, plan);
                }), cancellationToken);
            }
        }

        return response;
    }

    private static IEnumerable<(string Resource, string Json)> ReadFiles()
    {
        var assembly = typeof(DemoDataLoader).Assembly;
        foreach (var resource in assembly.GetManifestResourceNames().Where(r => r.Contains(".DemoData.") && r.EndsWith(".json")).Order(StringComparer.Ordinal))
        {
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream);
            yield return (resource, reader.ReadToEnd());
        }
    }

    /// <summary>Replays a demo file through the domain commands; a file breaking a rule fails loudly.</summary>
    public static ConventionAggregate Build(string resource, string json)
    {
        using var document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
        var root = document.RootElement;
        try
        {
            var aggregate = ConventionAggregate.CreateDraft(Parser.Parse<CreateConventionDraftRequest>(root.GetProperty("draft").GetRawText()).ToCommand());
            var signatures = new List<(string SignatoryId, Common.V1.Date SignedOn)>();
            foreach (var entry in Array(root, "signatories"))
            {
                var signatory = Parser.Parse<Signatory>(entry.GetProperty("signatory").GetRawText());
                aggregate.AddSignatory(new AddSignatoryCommand(signatory.ToEntry()));
                if (entry.TryGetProperty("signedOn", out var signedOn))
                {
                    signatures.Add((signatory.SignatoryId, Parser.Parse<Common.V1.Date>(signedOn.GetRawText())));
                }
            }

            // The convention's clauses on renewal and notice are part of what the parties sign.
            if (root.TryGetProperty("terms", out var terms))
            {
                var request = Parser.Parse<SetConventionTermsRequest>(terms.GetRawText());
                aggregate.SetTerms(request.ToCommand());
            }

            foreach (var (signatoryId, signedOn) in signatures)
            {
                aggregate.Sign(new SignCommand(signatoryId, signedOn));
            }

            foreach (var entry in Array(root, "grants"))
            {
                aggregate.Grant(Parser.Parse<GrantCompetenceRequest>(entry.GetRawText()).ToCommand());
            }

            foreach (var entry in Array(root, "transfers"))
            {
                aggregate.Transfer(Parser.Parse<TransferCompetenceRequest>(entry.GetRawText()).ToCommand());
            }

            foreach (var entry in Array(root, "governanceBodies"))
            {
                aggregate.DefineGovernanceBody(new DefineGovernanceBodyCommand(Parser.Parse<GovernanceBody>(entry.GetRawText()).ToEntry()));
            }

            foreach (var entry in Array(root, "meetings"))
            {
                aggregate.RecordMeeting(new RecordMeetingCommand(Parser.Parse<Meeting>(entry.GetRawText()).ToEntry()));
            }

            foreach (var entry in Array(root, "cooperationOfficers"))
            {
                aggregate.SetCooperationOfficer(new SetCooperationOfficerCommand(Parser.Parse<CooperationOfficer>(entry.GetRawText()).ToEntry()));
            }

            foreach (var entry in Array(root, "projections"))
            {
                aggregate.SetCapacityProjection(new SetCapacityProjectionCommand(Parser.Parse<CapacityProjection>(entry.GetRawText()).ToEntry()));
            }

            foreach (var entry in Array(root, "coFinancing"))
            {
                aggregate.RecordCoFinancing(new RecordCoFinancingCommand(Parser.Parse<CoFinancing>(entry.GetRawText()).ToEntry()));
            }

            foreach (var entry in Array(root, "coordinationPosts"))
            {
                aggregate.RecordCoordinationPost(new RecordCoordinationPostCommand(Parser.Parse<CoordinationPost>(entry.GetRawText()).ToEntry()));
            }

            return aggregate;
        }
        catch (DomainError exception)
        {
            throw new InvalidOperationException($"Demo data {resource} breaks a rule: {exception.Message} {string.Join("; ", exception.Violations.Select(v => $"{v.Field}: {v.Description}"))}", exception);
        }
    }

    private static ActionPlan? ActionPlanOf(string json)
    {
        using var document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
        return document.RootElement.TryGetProperty("actionPlan", out var plan) ? Parser.Parse<ActionPlan>(plan.GetRawText()) : null;
    }

    /// <summary>Axes, objectives and, where a seed has fiches action (Val de Morteau), their actions:
    /// replayed through the plan's commands so a demo file obeys the same rules as a caller.</summary>
    private static void AddAxesAndObjectives(ActionPlanAggregate aggregate, string conventionId, ActionPlan plan)
    {
        foreach (var axis in plan.Axes)
        {
            aggregate.AddAxis(new AddAxisCommand(axis.AxisId, axis.Title));
            foreach (var objective in axis.Objectives)
            {
                aggregate.AddObjective(new AddObjectiveCommand(axis.AxisId, objective.ObjectiveId, objective.Title, objective.Level, objective.ParentObjectiveId, objective.Source, [.. objective.Indicators.Select(i => i.ToEntry())]));
                foreach (var action in objective.Actions)
                {
                    aggregate.AddAction(new AddActionCommand(objective.ObjectiveId, action.ToEntry()));
                }
            }
        }
    }

    /// <summary>The plan's declared counts and its reviews and points d'étape, after its structure.</summary>
    private static void AddDeclaredAndReviews(ActionPlanAggregate aggregate, ActionPlan plan)
    {
        if (plan.Declared is not null)
        {
            aggregate.SetDeclaredCounts(plan.Declared);
        }

        foreach (var review in plan.Reviews)
        {
            aggregate.RecordReview(new RecordReviewCommand(review.ToEntry()));
        }
    }

    private static IEnumerable<JsonElement> Array(JsonElement root, string name) =>
        root.TryGetProperty(name, out var array) ? array.EnumerateArray() : [];
}

/// <summary>With <c>Signatories:LoadDemoDataOnStart=true</c> (used by <c>make run</c>), loads the demo
/// conventions once the service has started and its database is migrated. Development only, as the
/// <c>LoadDemoData</c> RPC: elsewhere the setting is refused at start-up rather than silently ignored.</summary>
public sealed class DemoDataOnStart(DemoDataLoader loader, IConfiguration configuration, IHostEnvironment environment) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (configuration.GetValue<bool>("Signatories:LoadDemoDataOnStart"))
        {
            if (!environment.IsDevelopment())
            {
                throw new InvalidOperationException(
                    $"Signatories:LoadDemoDataOnStart loads demo conventions and is refused in the '{environment.EnvironmentName}' environment (development only).");
            }

            // No caller at start-up: the audit record names the anonymous (development) principal.
            await loader.LoadAsync(CallerIdentity.Anonymous, cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
