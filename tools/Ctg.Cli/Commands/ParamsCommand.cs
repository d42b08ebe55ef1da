using System.CommandLine;
using Ctg.Cli.Errors;
using Ctg.Presentation.Formatting;
using Ctg.Funding.Engine.Parameters;
using Ctg.Funding.Engine.Parameters.Loading;
using Spectre.Console;

namespace Ctg.Cli.Commands;

/// <summary>
/// <c>ctg params list|show|validate</c>: the dated parameter files of the repository (services/Funding/parameters,
/// the set the service ships as set 0), read and validated by the engine's own loader; <c>ctg params
/// load|sets|diff</c> (<see cref="ParamsSetsCommand"/>) work on the sets the running funding service holds.
/// </summary>
public static class ParamsCommand
{
    public const string DirectoryVariable = "CTG_PARAMETERS_DIR";

    public static Command Create(CliContext context, Platform.EndpointOptions endpoints)
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
        command.Subcommands.Add(ParamsSetsCommand.Load(context, endpoints));
        command.Subcommands.Add(ParamsSetsCommand.Sets(context, endpoints));
        command.Subcommands.Add(ParamsSetsCommand.Diff(context, endpoints));
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
