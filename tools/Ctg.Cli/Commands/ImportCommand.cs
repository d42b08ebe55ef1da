using System.CommandLine;
using Ctg.Cli.Errors;
using Ctg.Cli.Importing;
using Ctg.Cli.Platform;
using Ctg.Presentation.Importing;
using Ctg.Structures.V1;
using Grpc.Core;
using Spectre.Console;
using SignatoriesV1 = Ctg.Signatories.V1;

namespace Ctg.Cli.Commands;

/// <summary><c>ctg import</c>: structures, CEJ references and declarations from CSV or YAML files, or the demo data.</summary>
public static class ImportCommand
{
    public static Command Create(CliContext context, EndpointOptions endpointOptions)
    {
        var files = new Argument<string[]>("fichiers")
        {
            Description = "Fichiers CSV (séparateur « ; », UTF-8 ou Windows-1252) ou YAML à importer",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var type = new Option<string?>("--type")
        {
            Description = "Contenu des fichiers : conventions (YAML : territoires, conventions et signataires), structures, declarations ou references (deviné d'après le nom du fichier sinon)",
        };
        type.AcceptOnlyFromAmong("conventions", "structures", "declarations", "references");
        var demo = new Option<bool>("--demo")
        {
            Description = "Charge les données de démonstration des documents sources (Jura Nord…) ; sans effet si elles sont déjà chargées",
        };
        var skipExisting = new Option<bool>("--skip-existing")
        {
            Description = "Ignore les lignes déjà présentes (même identifiant) au lieu de les signaler en erreur",
        };

        var command = new Command("import",
            "Importe des conventions (territoires et signataires), des structures, des références CEJ et des déclarations d'activité. Tout ou rien : si une ligne " +
            "est en erreur, rien n'est importé et chaque erreur est listée avec sa ligne et son champ. Avec plusieurs fichiers, tous sont d'abord " +
            "vérifiés ensemble (import à blanc par le service des structures, conventions contrôlées auprès du service des signataires) et rien n'est " +
            "importé, d'aucun fichier, si l'un d'eux contient une erreur ; le rapport de validation donne alors le fichier, la ligne et le champ de chaque erreur.")
        {
            files, type, demo, skipExisting,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var clients = new ServiceClients(endpointOptions.Resolve(parse));
            var paths = parse.GetValue(files) ?? [];
            if (parse.GetValue(demo))
            {
                await LoadDemoDataAsync(context, clients, cancellationToken);
            }
            else if (paths.Length == 0)
            {
                throw new CliException(ExitCodes.Usage, "Indiquez au moins un fichier à importer, ou --demo pour les données de démonstration.");
            }

            var declared = parse.GetValue(type) switch
            {
                "structures" => ImportKind.Structures,
                "declarations" => ImportKind.Declarations,
                "references" => ImportKind.References,
                _ => (ImportKind?)null,
            };
            // Read and check every file before sending any: a bad file stops the import before anything is written.
            var declaredType = parse.GetValue(type);
            var conventionFiles = paths.Where(p => ConventionFileReader.IsConventionFile(p, declaredType))
                .Select(p => (Path: p, Conventions: ImportFiles.ReadConventions(p)))
                .ToList();
            var importFiles = paths.Where(p => !ConventionFileReader.IsConventionFile(p, declaredType))
                .Select(p => ImportFiles.Read(p, declared))
                .OrderBy(f => ImportRequests.ImportOrder(f.Kind))
                .ToList();
            // Several files: check them all before writing any, so that a bad later file leaves the earlier ones unimported.
            var skip = parse.GetValue(skipExisting);
            if (conventionFiles.Count + importFiles.Count > 1)
            {
                foreach (var (path, conventions) in conventionFiles)
                {
                    await ConventionImporter.CheckAsync(clients, path, conventions, skip, cancellationToken);
                }
                var pendingSignatories = conventionFiles.SelectMany(f => ImportRequests.PendingSignatories(f.Conventions)).ToList();
                await ImportDryRun.CheckAsync(context, clients, importFiles, skip, pendingSignatories, cancellationToken);
            }
            // Structures name their supporting collectivity, a signatory: conventions go first.
            foreach (var (path, conventions) in conventionFiles)
            {
                await ConventionImporter.ImportAsync(context, clients, path, conventions, parse.GetValue(skipExisting), cancellationToken);
            }
            foreach (var file in importFiles)
            {
                await ImportAsync(context, clients, file, parse.GetValue(skipExisting), cancellationToken);
            }
            return ExitCodes.Ok;
        });
        return command;
    }

    private static async Task ImportAsync(CliContext context, ServiceClients clients, ImportFile file, bool skipExisting, CancellationToken cancellationToken)
    {
        var client = new StructureImport.StructureImportClient(clients.Structures);
        ImportOutcome outcome = new([], null, "");

        try
        {
            await ProgressDisplay.RunAsync(context.Console, [$"{Path.GetFileName(file.Path)} ({file.FrenchKind})"], async steps =>
            {
                await ServiceCall.RunAsync(ServiceCall.Structures, async () =>
                {
                    using var call = client.ImportCsvWithProgress(ImportRequests.Import(file, skipExisting), deadline: ServiceClients.Deadline(300), cancellationToken: cancellationToken);
                    outcome = await ImportStream.ReadAsync(call, step =>
                    {
                        // Validating is the first half of the bar, writing the second.
                        var writing = step.Phase is "writing" or "committed";
                        steps.Report(0, (writing ? step.RowsTotal : 0) + step.RowsDone, step.RowsTotal * 2.0);
                    }, cancellationToken);
                    steps.Complete(0);
                    return true;
                });
            });
        }
        catch (CliException refused) when (refused.ExitCode == ExitCodes.Validation)
        {
            // A file refused as a whole (header, encoding, separator) before any row was read.
            throw new CliException(ExitCodes.Validation,
                $"Le fichier « {Path.GetFileName(file.Path)} » est refusé : rien n'a été importé. {refused.Message}", refused.Details);
        }

        var (errors, report) = (outcome.Errors, outcome.Report);
        if (outcome.Rejected)
        {
            var table = new Table().Title($"Rapport de validation — {Markup.Escape(Path.GetFileName(file.Path))}")
                .AddColumns("Ligne", "Champ", "Erreur");
            foreach (var error in errors.OrderBy(e => e.Line))
            {
                table.AddRow(file.SourceLine(error.Line).ToString(Ctg.Presentation.Formatting.French.Culture), Markup.Escape(error.Field), Markup.Escape(ImportErrorText.French(error.Message)));
            }
            context.Console.Write(table);
            throw new CliException(ExitCodes.Validation,
                $"Le fichier « {Path.GetFileName(file.Path)} » contient {errors.Count} erreur(s), listées ci-dessus avec leur ligne et leur champ : rien n'a été importé.");
        }

        if (report is not null)
        {
            context.Console.MarkupLineInterpolated(
                $"[green]{Path.GetFileName(file.Path)}[/] : {report.RowsRead} ligne(s) lue(s), {report.RowsImported} importée(s), {report.RowsSkipped} déjà présente(s) ({file.FrenchKind}).");
        }
    }

    public static async Task LoadDemoDataAsync(CliContext context, ServiceClients clients, CancellationToken cancellationToken)
    {
        var conventions = new SignatoriesV1.Conventions.ConventionsClient(clients.Signatories);
        var structures = new StructureImport.StructureImportClient(clients.Structures);
        SignatoriesV1.LoadDemoDataResponse? signatoriesReply = null;
        LoadDemoDataResponse? structuresReply = null;

        await ProgressDisplay.RunAsync(context.Console, ["Conventions et signataires", "Structures et références CEJ"], async steps =>
        {
            // Structures check their supporting collectivity against the signatories: conventions first.
            signatoriesReply = await ServiceCall.RunAsync(ServiceCall.Signatories,
                () => conventions.LoadDemoDataAsync(new SignatoriesV1.LoadDemoDataRequest(), deadline: ServiceClients.Deadline(120), cancellationToken: cancellationToken));
            steps.Complete(0);
            structuresReply = await ServiceCall.RunAsync(ServiceCall.Structures,
                () => structures.LoadDemoDataAsync(new LoadDemoDataRequest(), deadline: ServiceClients.Deadline(120), cancellationToken: cancellationToken));
            steps.Complete(1);
        });

        context.Console.MarkupLineInterpolated(
            $"Conventions : {signatoriesReply!.LoadedConventionIds.Count} chargée(s), {signatoriesReply.SkippedConventionIds.Count} déjà présente(s).");
        foreach (var report in structuresReply!.Reports)
        {
            context.Console.MarkupLineInterpolated(
                $"{ImportFile.FrenchName(report.Kind)} : {report.RowsImported} importée(s), {report.RowsSkipped} déjà présente(s).");
        }
    }
}
