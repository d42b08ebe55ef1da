using Ctg.Cli.Errors;
using Ctg.Cli.Platform;
using Ctg.Presentation.Importing;
using Ctg.Signatories.V1;
using Grpc.Core;
using Spectre.Console;

namespace Ctg.Cli.Importing;

/// <summary>
/// ctg's side of importing a conventions file (<see cref="ConventionWriter"/> sends it to the bulk import): the
/// refusals become exit codes, the progress is drawn on the terminal.
/// </summary>
public static class ConventionImporter
{
    /// <summary>The service's dry run of the file: with any problem (an existing convention without
    /// <paramref name="skipExisting"/>, a rule broken, another CAF's convention), a validation error listing each
    /// with its line (nothing is written here).</summary>
    public static async Task<ImportConventionsResponse> CheckAsync(ServiceClients clients, string path, IReadOnlyList<ConventionToImport> conventions,
        bool skipExisting, CancellationToken cancellationToken)
    {
        var client = new Conventions.ConventionsClient(clients.Signatories);
        ImportConventionsResponse answer;
        try
        {
            answer = await ConventionWriter.DryRunAsync(client, conventions, skipExisting, () => ServiceClients.Deadline(), cancellationToken);
        }
        catch (RpcException e)
        {
            throw RpcErrorTranslator.Translate(e, ServiceCall.Signatories);
        }

        if (answer.Problems.Count > 0)
        {
            var existing = answer.Problems.Count(p => p.Kind == "already_exists" && p.Message.EndsWith("already exists", StringComparison.Ordinal));
            var name = System.IO.Path.GetFileName(path);
            throw new CliException(ExitCodes.Validation,
                existing == answer.Problems.Count
                    ? $"Le fichier « {name} » contient {existing} convention(s) déjà enregistrée(s) : rien n'a été importé (--skip-existing pour les ignorer)."
                    : $"Le fichier « {name} » contient {answer.Problems.Count} erreur(s) relevée(s) par le service des signataires : rien n'a été importé.",
                ConventionWriter.Problems(conventions, answer));
        }

        return answer;
    }

    public static async Task ImportAsync(CliContext context, ServiceClients clients, string path, IReadOnlyList<ConventionToImport> conventions,
        bool skipExisting, CancellationToken cancellationToken)
    {
        var client = new Conventions.ConventionsClient(clients.Signatories);
        await CheckAsync(clients, path, conventions, skipExisting, cancellationToken);
        ImportConventionsResponse done = new();
        await ProgressDisplay.RunAsync(context.Console, [$"{System.IO.Path.GetFileName(path)} (conventions)"], async steps =>
        {
            // One call for the whole file: the service writes all its conventions or none.
            done = await ServiceCall.RunAsync(ServiceCall.Signatories, () =>
                ConventionWriter.CreateAllAsync(client, conventions, skipExisting, () => ServiceClients.Deadline(), cancellationToken));
            steps.Report(0, conventions.Count, conventions.Count);
            steps.Complete(0);
        });
        context.Console.MarkupLineInterpolated(
            $"[green]{System.IO.Path.GetFileName(path)}[/] : {conventions.Count} convention(s) lue(s), {done.ImportedConventionIds.Count} importée(s), {done.SkippedConventionIds.Count} déjà présente(s) (conventions).");
    }
}
