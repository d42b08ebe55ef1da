using System.CommandLine;
using System.Globalization;
using Ctg.Cli.Errors;
using Ctg.Presentation.Formatting;
using Ctg.Cli.Platform;
using Ctg.Funding.Engine.Parameters;
using Ctg.Funding.Engine.Parameters.Loading;
using Ctg.Funding.V1;
using Spectre.Console;

namespace Ctg.Cli.Commands;

/// <summary>
/// <c>ctg params load|sets|diff</c>: the barèmes as the running funding service holds them (services/Funding/RULES.md §0.1).
/// A load is sent to the service, which validates it with the whole set in force, stores it as a new numbered set
/// and uses it for the next computation: no file of the repository changes, no rebuild, no restart.
/// </summary>
public static class ParamsSetsCommand
{
    public static Command Load(CliContext context, EndpointOptions endpoints)
    {
        var files = new Argument<FileInfo[]>("fichiers")
        {
            Description = "Fichiers YAML du barème (même forme que les fichiers de paramètres : values datées avec reference et confidence)",
            Arity = ArgumentArity.OneOrMore,
        };
        var key = new Option<string>("--key")
        {
            Description = "Clé du paramètre que le fichier remplace ou crée, par exemple psu.prix_plafond.bande_1.avec_fournitures (un seul fichier) ; " +
                          "sans --key, chaque fichier est nommé par son chemin sous --root",
        };
        var root = new Option<DirectoryInfo?>("--root") { Description = "Dossier racine des fichiers donnés (leur chemin relatif donne la clé : psu/taux.yaml → psu.taux)" };
        var source = new Option<string>("--source") { Description = "D'où viennent les valeurs, par exemple « circulaire CNAF 2025-012 »", Required = true };
        var from = new Option<string?>("--from") { Description = "Date d'entrée en vigueur du jeu, JJ/MM/AAAA (par défaut aujourd'hui)" };
        var command = new Command("load",
            "Charge un barème dans le service des financements : les fichiers sont vérifiés avec tout le jeu en vigueur, puis enregistrés " +
            "comme un nouveau jeu numéroté (auteur, source, date d'effet, empreinte). Le calcul suivant l'utilise, sans redémarrage.")
        {
            files, key, root, source, from,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var request = new LoadParameterSetRequest { SourceNote = parse.GetValue(source)!.Trim() };
            if (parse.GetValue(from) is { Length: > 0 } fromText)
            {
                if (!DateOnly.TryParseExact(fromText, "dd/MM/yyyy", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                {
                    throw new CliException(ExitCodes.Usage, $"La date « {fromText} » n'est pas au format JJ/MM/AAAA.");
                }

                request.EffectiveFrom = new Ctg.Common.V1.Date { Year = date.Year, Month = date.Month, Day = date.Day };
            }

            var given = parse.GetValue(files)!;
            var k = parse.GetValue(key)?.Trim();
            if (k is not null && given.Length != 1)
            {
                throw new CliException(ExitCodes.Usage, "--key nomme le paramètre d'un seul fichier : pour plusieurs fichiers, donnez --root.");
            }

            foreach (var file in given)
            {
                if (!file.Exists) throw new CliException(ExitCodes.Usage, $"Le fichier « {file.FullName} » n'existe pas.");
                request.Files.Add(new ParameterFile { Path = PathOf(file, k, parse.GetValue(root)), Yaml = File.ReadAllText(file.FullName) });
            }

            // Each file alone first, with the engine's loader: a typo is reported here without calling the service.
            CheckEachFile(request);

            using var clients = new ServiceClients(endpoints.Resolve(parse));
            var sets = new ParameterSets.ParameterSetsClient(clients.Funding);
            var loaded = await ServiceCall.RunAsync(ServiceCall.Funding,
                () => sets.LoadParameterSetAsync(request, deadline: ServiceClients.Deadline(), cancellationToken: cancellationToken));
            context.Console.MarkupLineInterpolated(
                $"[green]Jeu de paramètres n° {loaded.Number} enregistré[/] par {Author(loaded)} — en vigueur {(loaded.InForce ? "dès maintenant" : "à partir du " + French.Date(loaded.EffectiveFrom))} (empreinte {loaded.ContentHash[..12]}).");
            context.Console.MarkupLineInterpolated($"Source : {loaded.SourceNote}");
            context.Console.MarkupLineInterpolated($"{loaded.ChangedKeys.Count} paramètre(s) modifié(s) : {string.Join(", ", loaded.ChangedKeys)}");
            return ExitCodes.Ok;
        });
        return command;
    }

    public static Command Sets(CliContext context, EndpointOptions endpoints)
    {
        var command = new Command("sets", "Liste les jeux de paramètres du service des financements, le plus récent d'abord, et celui en vigueur.");
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var clients = new ServiceClients(endpoints.Resolve(parse));
            var sets = new ParameterSets.ParameterSetsClient(clients.Funding);
            // The service pages the sets; a terminal lists them all, following its tokens.
            var all = new List<ParameterSetSummary>();
            var token = "";
            do
            {
                var request = new ListParameterSetsRequest { Page = new Ctg.Common.V1.PageRequest { PageSize = 500, PageToken = token } };
                var page = await ServiceCall.RunAsync(ServiceCall.Funding,
                    () => sets.ListParameterSetsAsync(request, deadline: ServiceClients.Deadline(), cancellationToken: cancellationToken));
                all.AddRange(page.Sets);
                token = page.Page?.NextPageToken ?? "";
            }
            while (token.Length > 0);
            var table = new Table().AddColumns("N°", "En vigueur", "Date d'effet", "Chargé le", "Auteur", "Source", "Paramètres", "Empreinte");
            foreach (var s in all)
            {
                table.AddRow(
                    s.Number.ToString(CultureInfo.InvariantCulture),
                    s.InForce ? "[green]oui[/]" : "",
                    s.Number == 0 ? "—" : French.Date(s.EffectiveFrom),
                    s.Number == 0 ? "—" : Labels.Timestamp(s.LoadedAt),
                    Markup.Escape(Author(s)),
                    Markup.Escape(s.Number == 0 ? "fichiers livrés avec le service" : s.SourceNote),
                    s.ParameterCount.ToString(CultureInfo.InvariantCulture),
                    s.ContentHash[..12]);
            }

            context.Console.Write(table);
            return ExitCodes.Ok;
        });
        return command;
    }

    public static Command Diff(CliContext context, EndpointOptions endpoints)
    {
        var baseNumber = new Argument<int>("base") { Description = "Numéro du jeu de départ (0 = fichiers livrés)" };
        var otherNumber = new Argument<int>("autre") { Description = "Numéro du jeu comparé" };
        var command = new Command("diff", "Montre, paramètre par paramètre, ce qui change entre deux jeux de paramètres.") { baseNumber, otherNumber };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var clients = new ServiceClients(endpoints.Resolve(parse));
            var sets = new ParameterSets.ParameterSetsClient(clients.Funding);
            var diff = await ServiceCall.RunAsync(ServiceCall.Funding, () => sets.DiffParameterSetsAsync(
                new DiffParameterSetsRequest { BaseNumber = parse.GetValue(baseNumber), OtherNumber = parse.GetValue(otherNumber) },
                deadline: ServiceClients.Deadline(), cancellationToken: cancellationToken));
            if (diff.Differences.Count == 0)
            {
                context.Console.MarkupLineInterpolated($"Les jeux n° {diff.BaseNumber} et n° {diff.OtherNumber} sont identiques.");
                return ExitCodes.Ok;
            }

            var table = new Table().AddColumns("Clé", "Changement", $"Jeu n° {diff.BaseNumber}", $"Jeu n° {diff.OtherNumber}");
            foreach (var d in diff.Differences)
            {
                table.AddRow(Markup.Escape(d.Key), Change(d.Change), Markup.Escape(string.Join("\n", d.BaseValues)), Markup.Escape(string.Join("\n", d.OtherValues)));
            }

            context.Console.Write(table);
            return ExitCodes.Ok;
        });
        return command;
    }

    public static string Change(ParameterChange change) => change switch
    {
        ParameterChange.Added => "ajouté",
        ParameterChange.Removed => "retiré",
        ParameterChange.Changed => "modifié",
        _ => "inchangé",
    };

    private static string Author(ParameterSetSummary s) =>
        s.Number == 0 ? "le système" : string.IsNullOrEmpty(s.AuthorName) || s.AuthorName == s.AuthorSubject ? s.AuthorSubject : $"{s.AuthorName} ({s.AuthorSubject})";

    /// <summary>The file's path below the parameter root: from --key, else relative to --root.</summary>
    private static string PathOf(FileInfo file, string? key, DirectoryInfo? root)
    {
        if (key is not null)
        {
            if (key.Length == 0 || key.Split('.').Any(part => part.Length == 0 || part.IndexOfAny(['/', '\\', ' ']) >= 0))
            {
                throw new CliException(ExitCodes.Validation, $"La clé « {key} » n'est pas valide : des mots séparés par des points, par exemple psu.prix_plafond.");
            }

            return key.Replace('.', '/') + ".yaml";
        }

        if (root is null)
        {
            throw new CliException(ExitCodes.Usage, "Donnez --key (un fichier) ou --root (le dossier dont les chemins donnent les clés).");
        }

        var relative = Path.GetRelativePath(root.FullName, file.FullName).Replace('\\', '/');
        if (relative.StartsWith("../", StringComparison.Ordinal))
        {
            throw new CliException(ExitCodes.Usage, $"Le fichier « {file.FullName} » n'est pas sous « {root.FullName} ».");
        }

        return relative;
    }

    private static void CheckEachFile(LoadParameterSetRequest request)
    {
        var errors = new List<string>();
        foreach (var file in request.Files)
        {
            try
            {
                ParameterLoader.LoadFromTexts([(file.Path, file.Yaml)]);
            }
            catch (ParameterValidationException invalid)
            {
                errors.AddRange(invalid.Errors.Select(e => $"fichier « {e.File} » : {e.Message}"));
            }
        }

        if (errors.Count > 0)
        {
            throw new CliException(ExitCodes.Validation, $"Le barème contient {errors.Count} erreur(s) : rien n'a été chargé.", errors);
        }
    }
}
