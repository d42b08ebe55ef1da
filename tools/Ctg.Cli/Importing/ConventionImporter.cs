using Ctg.Cli.Errors;
using Ctg.Cli.Platform;
using Ctg.Signatories.V1;
using Grpc.Core;
using Spectre.Console;

namespace Ctg.Cli.Importing;

/// <summary>
/// Creates the conventions of a file through the signatories service: draft, signatories, signatures.
/// The service has no bulk import, so "nothing imported if any error" is kept by checking everything
/// first (the file, then that no convention exists yet) and writing only when all is clean; a refusal
/// by the service while writing is reported with the convention it stopped at.
/// </summary>
public static class ConventionImporter
{
    public static bool IsConventionFile(string path, string? declaredType) =>
        declaredType == "conventions" || (declaredType is null && System.IO.Path.GetFileNameWithoutExtension(path).ToLowerInvariant() is var name
            && (name.Contains("convention") || name.Contains("territoire") || name.Contains("signatai")));

    /// <summary>The conventions of the file already registered; with any and no <paramref name="skipExisting"/>,
    /// a validation error listing them (nothing is written here).</summary>
    public static async Task<IReadOnlyList<ConventionToImport>> CheckAsync(ServiceClients clients, string path, IReadOnlyList<ConventionToImport> conventions,
        bool skipExisting, CancellationToken cancellationToken)
    {
        var client = new Conventions.ConventionsClient(clients.Signatories);
        var existing = new List<ConventionToImport>();
        var clashes = new List<string>();
        foreach (var c in conventions)
        {
            try
            {
                await client.GetConventionAsync(new GetConventionRequest { ConventionId = c.Draft.ConventionId }, deadline: ServiceClients.Deadline(), cancellationToken: cancellationToken);
                existing.Add(c);
                clashes.Add($"ligne {c.Line}, champ « convention_id » : la convention « {c.Draft.ConventionId} » existe déjà");
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.NotFound)
            {
                // Not there yet: it will be created.
            }
            catch (RpcException e)
            {
                throw RpcErrorTranslator.Translate(e, ServiceCall.Signatories);
            }
        }
        if (clashes.Count > 0 && !skipExisting)
        {
            throw new CliException(ExitCodes.Validation,
                $"Le fichier « {System.IO.Path.GetFileName(path)} » contient {clashes.Count} convention(s) déjà enregistrée(s) : rien n'a été importé (--skip-existing pour les ignorer).", clashes);
        }

        return existing;
    }

    /// <summary>The signatory ids the file names: the structures of the same import may point at them.</summary>
    /// <summary>The signatories these conventions will create, for the dry run of the structures files of the same import.</summary>
    public static IEnumerable<Ctg.Structures.V1.PendingSignatory> PendingSignatories(IReadOnlyList<ConventionToImport> conventions) =>
        conventions.SelectMany(c => c.Signatories
            .Where(s => s.Signatory.SignatoryId.Length > 0)
            .Select(s => new Ctg.Structures.V1.PendingSignatory { SignatoryId = s.Signatory.SignatoryId, ConventionId = c.Draft.ConventionId, Name = s.Signatory.Name }));

    public static async Task ImportAsync(CliContext context, ServiceClients clients, string path, IReadOnlyList<ConventionToImport> conventions,
        bool skipExisting, CancellationToken cancellationToken)
    {
        var client = new Conventions.ConventionsClient(clients.Signatories);
        var existing = await CheckAsync(clients, path, conventions, skipExisting, cancellationToken);
        var toCreate = conventions.Except(existing).ToList();
        await ProgressDisplay.RunAsync(context.Console, [$"{System.IO.Path.GetFileName(path)} (conventions)"], async steps =>
        {
            var done = 0;
            foreach (var c in toCreate)
            {
                try
                {
                    await CreateAsync(client, c, cancellationToken);
                }
                catch (CliException refused)
                {
                    throw new CliException(refused.ExitCode,
                        $"Ligne {c.Line}, convention « {c.Draft.ConventionId} » : {refused.Message} " +
                        $"Les {done} convention(s) précédente(s) du fichier sont enregistrées ; celle-ci peut rester à l'état de projet.", refused.Details);
                }
                steps.Report(0, ++done, toCreate.Count);
            }
            steps.Complete(0);
        });
        context.Console.MarkupLineInterpolated(
            $"[green]{System.IO.Path.GetFileName(path)}[/] : {conventions.Count} convention(s) lue(s), {toCreate.Count} importée(s), {existing.Count} déjà présente(s) (conventions).");
    }

    private static async Task CreateAsync(Conventions.ConventionsClient client, ConventionToImport c, CancellationToken cancellationToken)
    {
        var convention = await ServiceCall.RunAsync(ServiceCall.Signatories,
            () => client.CreateConventionDraftAsync(c.Draft, deadline: ServiceClients.Deadline(), cancellationToken: cancellationToken));
        foreach (var (signatory, _) in c.Signatories)
        {
            var version = convention.Version;
            convention = await ServiceCall.RunAsync(ServiceCall.Signatories,
                () => client.AddSignatoryAsync(new AddSignatoryRequest { ConventionId = convention.ConventionId, ExpectedVersion = version, Signatory = signatory },
                    deadline: ServiceClients.Deadline(), cancellationToken: cancellationToken));
        }
        // Signatures last: the convention is signed when its last signatory signs.
        for (var i = 0; i < c.Signatories.Count; i++)
        {
            if (c.Signatories[i].SignedOn is not { } signedOn) continue;
            var version = convention.Version;
            var id = convention.Signatories[i].SignatoryId;
            convention = await ServiceCall.RunAsync(ServiceCall.Signatories,
                () => client.SignConventionAsync(new SignConventionRequest { ConventionId = convention.ConventionId, ExpectedVersion = version, SignatoryId = id, SignedOn = signedOn },
                    deadline: ServiceClients.Deadline(), cancellationToken: cancellationToken));
        }
    }
}
