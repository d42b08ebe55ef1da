using System.CommandLine;
using Ctg.Cli.Platform;
using Ctg.Funding.V1;

namespace Ctg.Cli.Commands;

/// <summary><c>ctg approve &lt;ctg&gt; &lt;année&gt;</c>: an approver validates a run another person computed (four-eyes).</summary>
public static class ApproveCommand
{
    public static Command Create(CliContext context, EndpointOptions endpointOptions)
    {
        var convention = CommonArguments.Convention();
        var year = CommonArguments.Year();
        var run = new Option<string?>("--run") { Description = "Calcul à valider (par défaut le dernier calcul de l'année)" };
        var command = new Command("approve",
            "Valide un calcul du bonus territoire enregistré par une autre personne (ordonnateur ; jamais le calcul que l'on a soi-même demandé). " +
            "Code 5 si vos droits ne le permettent pas.")
        {
            convention, year, run,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var clients = new ServiceClients(endpointOptions.Resolve(parse));
            var allocation = await RunLookup.FindAsync(clients, parse.GetValue(convention)!, parse.GetValue(year), parse.GetValue(run),
                includeInputs: false, includeExplanations: false, cancellationToken, preferApproved: false);
            await RunApproval.ApproveAsync(context, new AllocationRuns.AllocationRunsClient(clients.Funding), allocation.RunId, Environment.UserName, cancellationToken);
            return ExitCodes.Ok;
        });
        return command;
    }
}
