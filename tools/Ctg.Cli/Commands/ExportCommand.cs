using System.CommandLine;
using System.Text;
using Ctg.Cli.Errors;
using Ctg.Cli.Platform;
using Ctg.Cli.Reports;
using Ctg.Presentation.Explanations;
using Ctg.Presentation.Exports;
using Spectre.Console;

namespace Ctg.Cli.Commands;

/// <summary><c>ctg export &lt;ctg&gt; &lt;année&gt; --csv F --html F</c>: an allocation for Excel and for the COPIL.</summary>
public static class ExportCommand
{
    public static Command Create(CliContext context, EndpointOptions endpointOptions)
    {
        var convention = CommonArguments.Convention();
        var year = CommonArguments.Year();
        var run = new Option<string?>("--run") { Description = "Calcul à exporter (par défaut le calcul validé de l'année, sinon le dernier)" };
        var csv = new Option<FileInfo?>("--csv") { Description = "Fichier CSV à écrire (séparateur « ; », UTF-8 avec BOM, s'ouvre dans Excel)" };
        var html = new Option<FileInfo?>("--html") { Description = "Rapport HTML à écrire pour le comité de pilotage, avec un graphique enveloppe / versé par collectivité" };

        var command = new Command("export", "Exporte la répartition du bonus territoire d'une CTG en CSV et/ou en rapport HTML.")
        {
            convention, year, run, csv, html,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var csvFile = parse.GetValue(csv);
            var htmlFile = parse.GetValue(html);
            if (csvFile is null && htmlFile is null)
            {
                throw new CliException(ExitCodes.Usage, "Indiquez au moins un fichier à écrire : --csv fichier.csv et/ou --html rapport.html.");
            }
            using var clients = new ServiceClients(endpointOptions.Resolve(parse));
            var allocation = await RunLookup.FindAsync(clients, parse.GetValue(convention)!, parse.GetValue(year), parse.GetValue(run),
                includeInputs: true, includeExplanations: false, cancellationToken);

            if (csvFile is not null)
            {
                await WriteAsync(csvFile, AllocationCsv.Build(allocation), cancellationToken);
                context.Console.MarkupLineInterpolated($"CSV écrit : {csvFile.FullName}");
            }
            if (htmlFile is not null)
            {
                var page = AllocationHtml.Build(allocation, DateOnly.FromDateTime(DateTime.Now), await ConventionName.OfAsync(clients, allocation, cancellationToken));
                await WriteAsync(htmlFile, new UTF8Encoding(false).GetBytes(page), cancellationToken);
                context.Console.MarkupLineInterpolated($"Rapport HTML écrit : {htmlFile.FullName}");
            }
            return ExitCodes.Ok;
        });
        return command;
    }

    private static async Task WriteAsync(FileInfo file, byte[] content, CancellationToken cancellationToken)
    {
        try
        {
            file.Directory?.Create();
            await File.WriteAllBytesAsync(file.FullName, content, cancellationToken);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliException(ExitCodes.Validation, $"Impossible d'écrire « {file.FullName} » : {e.Message}");
        }
    }
}
