using Ctg.Cli.Errors;
using Ctg.Cli.Platform;
using Ctg.Presentation.Importing;
using Ctg.Signatories.V1;
using Grpc.Core;
using Spectre.Console;

namespace Ctg.Cli.Importing;

/// <summary>
/// ctg's side of importing a conventions file (<see cref="ConventionWriter"/> writes): the refusals become exit
/// codes, the progress is drawn on the terminal.
/// </summary>
public static class ConventionImporter
{
    /// <summary>The conventions of the file already registered; with any and no <paramref name="skipExisting"/>,
    /// a validation error listing them (nothing is written here).</summary>
    public static async Task<IReadOnlyList<ConventionToImport>> CheckAsync(ServiceClients clients, string path, IReadOnlyList<ConventionToImport> conventions,
        bool skipExisting, CancellationToken cancellationToken)
    {
        var client = new Conventions.ConventionsClient(clients.Signatories);
        IReadOnlyList<ConventionToImport> existing;
        try
        {
            existing = await ConventionWriter.ExistingAsync(client, conventions, () => ServiceClients.Deadline(), cancellationToken);
        }
        catch (RpcException e)
        {
            throw RpcErrorTranslator.Translate(e, ServiceCall.Signatories);
        }
        if (existing.Count > 0 && !skipExisting)
        {
            throw new CliException(ExitCodes.Validation,
                $"Le fichier « {System.IO.Path.GetFileName(path)} » contient {existing.Count} convention(s) déjà enregistrée(s) : rien n'a été importé (--skip-existing pour les ignorer).",
                existing.Select(ConventionWriter.AlreadyExists).ToList());
        }

        return existing;
    }

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
                    await ServiceCall.RunAsync(ServiceCall.Signatories, async () =>
                    {
                        await ConventionWriter.CreateAsync(client, c, () => ServiceClients.Deadline(), cancellationToken);
                        return true;
                    });
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
}
