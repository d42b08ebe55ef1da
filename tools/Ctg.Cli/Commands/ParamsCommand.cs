using System.CommandLine;
using Ctg.Cli.Errors;
using Ctg.Cli.Formatting;
using Ctg.Funding.Engine.Parameters;
using Ctg.Funding.Engine.Parameters.Loading;
using Spectre.Console;

namespace Ctg.Cli.Commands;

/// <summary>
/// <c>ctg params list|show|validate|load</c>: the dated parameter files of the funding engine
/// (services/Funding/parameters), read and validated by the engine's own loader. The funding service
/// exposes no parameter RPC: it compiles these files in at build time, so a loaded barème is used by the
/// service after the next build and restart (make run).
/// </summary>
public static class ParamsCommand
{
    public const string DirectoryVariable = "CTG_PARAMETERS_DIR";

    public static Command Create(CliContext context)
    {
        var directory = new Option<DirectoryInfo?>("--dir")
        {
            Description = $"Dossier des fichiers de paramètres (par défaut la variable {DirectoryVariable}, sinon services/Funding/parameters du dépôt)",
            Recursive = true,
        };
        var command = new Command("params", "Liste, affiche, vérifie et charge les paramètres datés du calcul (barèmes, taux, plafonds) avec leurs références.")
        {
            directory,
        };
        command.Subcommands.Add(List(context, directory));
        command.Subcommands.Add(Show(context, directory));
        command.Subcommands.Add(Validate(context, directory));
        command.Subcommands.Add(Load(context, directory));
        return command;
    }

    private static Command List(CliContext context, Option<DirectoryInfo?> directory)
    {
        var year = new Option<int?>("--year") { Description = "Affiche la valeur en vigueur au 1er janvier de cette année (par défaut la plus récente)" };
        var command = new Command("list", "Liste les paramètres et leur valeur.") { year };
        command.SetAction(parse =>
        {
            var dir = ResolveDirectory(context, parse.GetValue(directory));
            var set = LoadOrThrow(dir.FullName, []);
            var y = parse.GetValue(year);
            var table = new Table().AddColumns("Clé", "Valeur", "En vigueur depuis", "Fiabilité", "Référence");
            foreach (var parameter in set.Parameters)
            {
                var value = y is { } at ? parameter.ValueAt(new DateOnly(at, 1, 1)) : parameter.Values.LastOrDefault();
                table.AddRow(
                    Markup.Escape(parameter.Key),
                    Markup.Escape(value is null ? "aucune valeur" + (parameter.AbsenceNote is null ? "" : " (non publiée)") : ValueText(parameter, value)),
                    value is null ? "—" : French.Date(value.EffectiveFrom),
                    value is null ? "—" : value.Tag.ToString(),
                    Markup.Escape(value?.Reference.Title ?? ""));
            }
            context.Console.Write(table);
            context.Console.MarkupLineInterpolated($"{set.Count} paramètres lus dans {dir.FullName}.");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Show(CliContext context, Option<DirectoryInfo?> directory)
    {
        var key = new Argument<string>("clé") { Description = "Clé du paramètre, par exemple psu.taux ou bt.alsh.cap_heures_nouvelles" };
        var command = new Command("show", "Affiche toutes les valeurs datées d'un paramètre avec leurs références.") { key };
        command.SetAction(parse =>
        {
            var set = LoadOrThrow(ResolveDirectory(context, parse.GetValue(directory)).FullName, []);
            var k = parse.GetValue(key)!;
            if (!set.Contains(k))
            {
                var near = set.Parameters.Select(p => p.Key).Where(p => p.Contains(k, StringComparison.OrdinalIgnoreCase) || k.Contains(p, StringComparison.OrdinalIgnoreCase)).Take(5).ToList();
                throw new CliException(ExitCodes.NotFound, $"Le paramètre « {k} » n'existe pas." + (near.Count > 0 ? $" Clés proches : {string.Join(", ", near)}." : " Voir « ctg params list »."));
            }
            var parameter = set.Get(k);
            context.Console.MarkupLineInterpolated($"[bold]{parameter.Key}[/] — {parameter.Description} (unité : {parameter.Unit.ToName()})");
            if (parameter.AbsenceNote is { } absence) context.Console.MarkupLineInterpolated($"[yellow]Absence documentée :[/] {absence}");
            var table = new Table().AddColumns("En vigueur depuis", "Valeur", "Fiabilité", "Référence", "Note");
            foreach (var value in parameter.Values)
            {
                table.AddRow(
                    French.Date(value.EffectiveFrom),
                    Markup.Escape(ValueText(parameter, value)),
                    Markup.Escape(Labels.Confidence(value.Tag.ToString())),
                    Markup.Escape($"{value.Reference.Title}\n{value.Reference.Url}"),
                    Markup.Escape(value.Note ?? ""));
            }
            context.Console.Write(table);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Validate(CliContext context, Option<DirectoryInfo?> directory)
    {
        var command = new Command("validate", "Vérifie tous les fichiers de paramètres (unités, dates, références et fiabilité de chaque valeur). Code 2 en cas d'erreur.");
        command.SetAction(parse =>
        {
            var dir = ResolveDirectory(context, parse.GetValue(directory));
            var set = LoadOrThrow(dir.FullName, []);
            context.Console.MarkupLineInterpolated($"[green]{set.Count} paramètres valides[/] dans {dir.FullName} (empreinte {set.ContentHash[..12]}).");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Load(CliContext context, Option<DirectoryInfo?> directory)
    {
        var file = new Argument<FileInfo>("fichier") { Description = "Fichier YAML du barème (même forme que les fichiers de paramètres : values datées avec reference et confidence)" };
        var key = new Option<string>("--key") { Description = "Clé du paramètre que ce fichier remplace ou crée, par exemple psu.prix_plafond", Required = true };
        var command = new Command("load",
            "Charge le barème d'une nouvelle année : le fichier est vérifié avec tous les autres, puis écrit à la place du paramètre. " +
            "Le service des financements l'utilise après la prochaine compilation et le prochain redémarrage (make run).")
        {
            file, key,
        };
        command.SetAction(parse =>
        {
            var dir = ResolveDirectory(context, parse.GetValue(directory));
            var source = parse.GetValue(file)!;
            if (!source.Exists) throw new CliException(ExitCodes.Usage, $"Le fichier « {source.FullName} » n'existe pas.");
            var k = parse.GetValue(key)!.Trim();
            if (k.Length == 0 || k.Split('.').Any(part => part.Length == 0 || part.IndexOfAny(['/', '\\', ' ']) >= 0))
            {
                throw new CliException(ExitCodes.Validation, $"La clé « {k} » n'est pas valide : des mots séparés par des points, par exemple psu.prix_plafond.");
            }
            var relative = k.Replace('.', '/') + ".yaml";
            var text = File.ReadAllText(source.FullName);

            var before = TryLoad(dir.FullName);
            var after = LoadOrThrow(dir.FullName, [(relative, text)]);
            var target = Path.Combine(dir.FullName, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.WriteAllText(target, text);

            var parameter = after.Get(k);
            var known = before is not null && before.Contains(k) ? before.Get(k).Values.Select(v => v.EffectiveFrom).ToHashSet() : [];
            var added = parameter.Values.Where(v => !known.Contains(v.EffectiveFrom)).ToList();
            context.Console.MarkupLineInterpolated($"[green]Paramètre {k} chargé[/] dans {target} : {parameter.Values.Count} valeur(s), dont {added.Count} nouvelle(s).");
            foreach (var value in added)
            {
                context.Console.MarkupLineInterpolated($"  • depuis le {French.Date(value.EffectiveFrom)} : {ValueText(parameter, value)} — {value.Reference.Title} ({value.Tag})");
            }
            context.Console.MarkupLine("Recompilez et redémarrez la plateforme (make run) pour que le service des financements l'utilise.");
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>The parameter set of <paramref name="directory"/>, with <paramref name="replacements"/> (relative path, YAML) in place of files of the same path.</summary>
    public static ParameterSet LoadOrThrow(string directory, IReadOnlyList<(string RelativePath, string Yaml)> replacements)
    {
        var files = Directory.EnumerateFiles(directory, "*.yaml", SearchOption.AllDirectories)
            .Select(f => (RelativePath: Path.GetRelativePath(directory, f).Replace('\\', '/'), Yaml: File.ReadAllText(f)))
            .Where(f => !replacements.Any(r => r.RelativePath == f.RelativePath))
            .Concat(replacements)
            .ToList();
        try
        {
            return ParameterLoader.LoadFromTexts(files);
        }
        catch (ParameterValidationException invalid)
        {
            throw new CliException(ExitCodes.Validation,
                $"Les paramètres contiennent {invalid.Errors.Count} erreur(s) : rien n'a été chargé.",
                invalid.Errors.Select(e => $"fichier « {e.File} » : {e.Message}").ToList());
        }
    }

    private static ParameterSet? TryLoad(string directory)
    {
        try { return LoadOrThrow(directory, []); }
        catch (CliException) { return null; }
    }

    public static string ValueText(Parameter parameter, ParameterValue value)
    {
        if (value.EndsMeasure) return "fin de la mesure";
        if (value.Brackets is { } brackets)
            return "barème : " + string.Join(" ; ", brackets.Select(b => $"dès {French.Number(b.Threshold)} : {French.Number(b.Amount)}"));
        var v = value.Scalar;
        return parameter.Unit switch
        {
            ParameterUnit.Ratio => $"{French.Number(v)} ({French.Percent(v)})",
            ParameterUnit.EurPerHour => French.Euros(v) + "/h",
            ParameterUnit.EurPerPlace => French.Euros(v) + "/place",
            ParameterUnit.EurPerEtp => French.Euros(v) + "/ETP",
            ParameterUnit.EurPerYear => French.Euros(v) + "/an",
            ParameterUnit.MonthDay => $"{(int)v % 100:00}/{(int)v / 100:00}",
            _ => French.Number(v),
        };
    }

    private static DirectoryInfo ResolveDirectory(CliContext context, DirectoryInfo? option)
    {
        if (option is not null)
        {
            return option.Exists ? option : throw new CliException(ExitCodes.Usage, $"Le dossier « {option.FullName} » n'existe pas.");
        }
        if (context.Environment(DirectoryVariable) is { Length: > 0 } fromEnvironment)
        {
            return Directory.Exists(fromEnvironment) ? new DirectoryInfo(fromEnvironment)
                : throw new CliException(ExitCodes.Usage, $"Le dossier « {fromEnvironment} » ({DirectoryVariable}) n'existe pas.");
        }
        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "services", "Funding", "parameters");
                if (Directory.Exists(candidate)) return new DirectoryInfo(candidate);
            }
        }
        throw new CliException(ExitCodes.Usage, $"Dossier des paramètres introuvable : lancez ctg depuis le dépôt, ou indiquez --dir ou {DirectoryVariable}.");
    }
}
