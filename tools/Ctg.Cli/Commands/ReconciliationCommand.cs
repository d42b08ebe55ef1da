using System.CommandLine;
using Ctg.Presentation.Formatting;
using Ctg.Cli.Platform;
using Ctg.Reporting.V1;
using Spectre.Console;

namespace Ctg.Cli.Commands;

/// <summary><c>ctg rapprochement &lt;ctg&gt; &lt;année&gt;</c>: per structure, the prestation de service the CAF paid
/// (the annexes' figures, e.g. Jura Nord's 2018 PSU / PSO) beside the one the engine computed for that year.</summary>
public static class ReconciliationCommand
{
    private const string NotGiven = "non renseigné";

    public static Command Create(CliContext context, EndpointOptions endpointOptions)
    {
        var convention = CommonArguments.Convention();
        var year = CommonArguments.Year();
        var command = new Command("rapprochement", "Compare, par structure, la prestation de service versée par la Caf et celle calculée par le moteur pour une année.")
        {
            convention, year,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var clients = new ServiceClients(endpointOptions.Resolve(parse));
            var client = new Reporting.V1.Reporting.ReportingClient(clients.Reporting);
            var report = await client.GetFundingReconciliationAsync(
                new GetFundingReconciliationRequest { ConventionId = parse.GetValue(convention)!, Year = parse.GetValue(year) },
                deadline: ServiceClients.Deadline(), cancellationToken: cancellationToken);
            Write(context.Console, report);
            return ExitCodes.Ok;
        });
        return command;
    }

    public static void Write(IAnsiConsole console, FundingReconciliation report)
    {
        console.WriteLine($"Rapprochement {report.Year} de {report.ConventionId} : PS versée par la Caf / PS calculée par le moteur");
        if (report.Rows.Count == 0)
        {
            console.WriteLine("Aucun versement de la Caf enregistré pour cette année.");
            return;
        }

        foreach (var row in report.Rows)
        {
            var paid = row.PaidPs is { } p ? French.Euros(p.Cents) : NotGiven;
            var engine = row.EnginePs is { } e ? French.Euros(e.Cents) : "non calculée";
            var difference = row.Difference is { } d ? " (écart " + French.SignedEuros(d.Cents) + ")" : string.Empty;
            console.WriteLine($"- {row.Beneficiary} [{row.StructureId}] : versée {paid}, calculée {engine}{difference}");
        }

        console.WriteLine($"Total : versée {French.Euros(report.TotalPaidPs.Cents)}, calculée {French.Euros(report.TotalEnginePs.Cents)}");
    }
}
