using System.CommandLine;
using System.Text;
using Ctg.Cli.Errors;
using Ctg.Cli.Platform;
using Ctg.Reporting.V1;
using Spectre.Console;

namespace Ctg.Cli.Commands;

/// <summary><c>ctg plan export &lt;ctg&gt; --csv F --html F</c>: the action plan of a CTG as reporting holds it, as a
/// CSV for Excel (one line per fiche action and indicator) and as the COPIL report (HTML).</summary>
public static class PlanCommand
{
    public static Command Create(CliContext context, EndpointOptions endpointOptions)
    {
        var convention = CommonArguments.Convention();
        var csv = new Option<FileInfo?>("--csv") { Description = "Fichier CSV à écrire (séparateur « ; », UTF-8 avec BOM, s'ouvre dans Excel)" };
        var html = new Option<FileInfo?>("--html") { Description = "Rapport HTML à écrire pour le comité de pilotage (axes, fiches action, indicateurs, bilans, alertes de gouvernance)" };
        var export = new Command("export", "Exporte le plan d'action d'une CTG en CSV et/ou en rapport HTML pour le comité de pilotage.")
        {
            convention, csv, html,
        };
        export.SetAction(async (parse, cancellationToken) =>
        {
            var csvFile = parse.GetValue(csv);
            var htmlFile = parse.GetValue(html);
            if (csvFile is null && htmlFile is null)
            {
                throw new CliException(ExitCodes.Usage, "Indiquez au moins un fichier à écrire : --csv plan.csv et/ou --html copil.html.");
            }

            using var clients = new ServiceClients(endpointOptions.Resolve(parse));
            var client = new Reporting.V1.Reporting.ReportingClient(clients.Reporting);
            var conventionId = parse.GetValue(convention)!;
            if (csvFile is not null)
            {
                using var call = client.ExportCsv(new ExportCsvRequest { Report = CsvReport.ActionPlan, ConventionId = conventionId },
                    deadline: ServiceClients.Deadline(), cancellationToken: cancellationToken);
                using var bytes = new MemoryStream();
                while (await call.ResponseStream.MoveNext(cancellationToken))
                {
                    call.ResponseStream.Current.Data.WriteTo(bytes);
                }

                await WriteAsync(csvFile, bytes.ToArray(), cancellationToken);
                context.Console.WriteLine($"CSV du plan d'action écrit : {csvFile.FullName}");
            }

            if (htmlFile is not null)
            {
                var report = await client.GetCopilReportAsync(new GetCopilReportRequest { ConventionId = conventionId },
                    deadline: ServiceClients.Deadline(), cancellationToken: cancellationToken);
                await WriteAsync(htmlFile, new UTF8Encoding(false).GetBytes(report.Html), cancellationToken);
                context.Console.WriteLine($"Rapport COPIL écrit : {htmlFile.FullName}");
            }

            return ExitCodes.Ok;
        });
        return new Command("plan", "Plan d'action d'une CTG.") { export };
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
