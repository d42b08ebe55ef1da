using Ctg.Cli.Errors;
using Ctg.Cli.Platform;
using Ctg.Presentation.Formatting;
using Ctg.Presentation.Importing;
using Ctg.Structures.V1;
using Grpc.Core;
using Spectre.Console;

namespace Ctg.Cli.Importing;

/// <summary>
/// Checks every structures-side file of one <c>ctg import</c> before any is written: a single dry run of the
/// structures service applies them in order inside one transaction it rolls back, so a file naming structures
/// of an earlier file is judged after it, and every database check (duplicates, unknown structures,
/// supporting collectivities) runs. Any error stops the whole import with one combined report.
/// </summary>
public static class ImportDryRun
{
    /// <param name="pendingSignatories">Signatories the conventions files of the same import will create: the
    /// dry run takes them as known supporting collectivities (the real import checks them once they exist).</param>
    public static async Task CheckAsync(CliContext context, ServiceClients clients, IReadOnlyList<ImportFile> files, bool skipExisting,
        IReadOnlyList<PendingSignatory> pendingSignatories, CancellationToken cancellationToken)
    {
        if (files.Count == 0) return;
        var client = new StructureImport.StructureImportClient(clients.Structures);
        var last = files[^1];
        var request = ImportRequests.DryRun(files, skipExisting, pendingSignatories);

        IReadOnlyList<ImportError> errors = [];
        try
        {
            await ProgressDisplay.RunAsync(context.Console, [$"Vérification de {files.Count} fichier(s)"], async steps =>
            {
                await ServiceCall.RunAsync(ServiceCall.Structures, async () =>
                {
                    using var call = client.ImportCsvWithProgress(request, deadline: ServiceClients.Deadline(300), cancellationToken: cancellationToken);
                    var outcome = await ImportStream.ReadAsync(call, step =>
                    {
                        var writing = step.Phase is "writing" or "checked";
                        steps.Report(0, (writing ? step.RowsTotal : 0) + step.RowsDone, step.RowsTotal * 2.0);
                    }, cancellationToken);
                    errors = outcome.Errors;
                    steps.Complete(0);
                    return true;
                });
            });
        }
        catch (CliException refused) when (refused.ExitCode == ExitCodes.Validation)
        {
            // The last file refused as a whole (header, encoding, separator) before any row was read.
            throw new CliException(ExitCodes.Validation,
                $"Le fichier « {Path.GetFileName(last.Path)} » est refusé : rien n'a été importé. {refused.Message}", refused.Details);
        }

        if (errors.Count == 0) return;

        var table = new Table().Title("Rapport de validation").AddColumns("Fichier", "Ligne", "Champ", "Erreur");
        foreach (var error in ImportRequests.InReadingOrder(files, errors))
        {
            var file = ImportRequests.FileOf(files, error);
            table.AddRow(Markup.Escape(Path.GetFileName(file.Path)), file.SourceLine(error.Line).ToString(French.Culture),
                Markup.Escape(error.Field), Markup.Escape(ImportErrorText.French(error.Message)));
        }
        context.Console.Write(table);
        var filesAtFault = errors.Select(e => e.FileIndex).Distinct().Count();
        throw new CliException(ExitCodes.Validation,
            $"{errors.Count} erreur(s) dans {filesAtFault} fichier(s), listées ci-dessus avec leur fichier, leur ligne et leur champ : rien n'a été importé.");
    }
}
