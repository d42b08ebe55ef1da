using System.CommandLine;
using Ctg.Cli.Platform;
using Ctg.Cli.Reports;
using Ctg.Presentation.Explanations;
using Ctg.Presentation.Exports;

namespace Ctg.Cli.Commands;

/// <summary><c>ctg show &lt;ctg&gt; &lt;année&gt;</c>: prints a recorded allocation run without computing anything.</summary>
public static class ShowCommand
{
    public static Command Create(CliContext context, EndpointOptions endpointOptions)
    {
        var convention = CommonArguments.Convention();
        var year = CommonArguments.Year();
        var run = new Option<string?>("--run") { Description = "Calcul à afficher (par défaut le calcul validé de l'année, sinon le dernier)" };
        var latest = new Option<bool>("--latest") { Description = "Affiche le dernier calcul, même s'il n'est pas validé" };
        var command = new Command("show", "Affiche un calcul du bonus territoire déjà enregistré, sans rien recalculer. Code 4 si aucun calcul n'existe.")
        {
            convention, year, run, latest,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var clients = new ServiceClients(endpointOptions.Resolve(parse));
            var allocation = await RunLookup.FindAsync(clients, parse.GetValue(convention)!, parse.GetValue(year), parse.GetValue(run),
                includeInputs: true, includeExplanations: false, cancellationToken, preferApproved: !parse.GetValue(latest));
            AllocationConsoleView.Write(context.Console, allocation, await ConventionName.OfAsync(clients, allocation, cancellationToken));
            return ExitCodes.Ok;
        });
        return command;
    }
}
