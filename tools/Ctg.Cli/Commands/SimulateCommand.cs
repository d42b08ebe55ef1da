using System.CommandLine;
using Ctg.Cli.Errors;
using Ctg.Presentation.Formatting;
using Ctg.Cli.Platform;
using Ctg.Cli.Reports;
using Ctg.Presentation.Explanations;
using Ctg.Presentation.Exports;
using Ctg.Funding.V1;
using Spectre.Console;

namespace Ctg.Cli.Commands;

/// <summary><c>ctg simulate &lt;ctg&gt; &lt;année&gt;</c>: the allocation with overrides, saved nowhere, compared with the last run.</summary>
public static class SimulateCommand
{
    public static Command Create(CliContext context, EndpointOptions endpointOptions)
    {
        var convention = CommonArguments.Convention();
        var year = CommonArguments.Year();
        var declaration = CommonArguments.Declaration();
        var parameters = new Option<string[]>("--param")
        {
            Description = "Remplace la valeur d'un paramètre pour la simulation : clé=valeur (répétable), par exemple bt.alsh.cap_heures_nouvelles=0,30",
            AllowMultipleArgumentsPerToken = false,
        };
        var activities = new Option<string[]>("--activity")
        {
            Description = "Remplace l'activité d'une structure : structure=unités (places, heures, ETP ou heures d'ouverture ; répétable)",
            AllowMultipleArgumentsPerToken = false,
        };

        var command = new Command("simulate",
            "Simule la répartition du bonus territoire avec d'autres valeurs de paramètres ou d'activité. Rien n'est enregistré. " +
            "Affiche le résultat et les écarts avec le dernier calcul enregistré.")
        {
            convention, year, declaration, parameters, activities,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var request = new SimulateRequest
            {
                Allocation = new RunAllocationRequest
                {
                    ConventionId = parse.GetValue(convention)!,
                    Year = parse.GetValue(year),
                    DeclarationVersion = CommonArguments.DeclarationOf(parse, declaration),
                    RequestedBy = Environment.UserName,
                },
            };
            request.ParameterOverrides.AddRange((parse.GetValue(parameters) ?? []).Select(OverrideParser.Parameter));
            request.ActivityOverrides.AddRange((parse.GetValue(activities) ?? []).Select(OverrideParser.Activity));

            using var clients = new ServiceClients(endpointOptions.Resolve(parse));
            var simulation = new FundingSimulation.FundingSimulationClient(clients.Funding);
            var reply = await ServiceCall.RunAsync(ServiceCall.Funding,
                () => simulation.SimulateAsync(request, deadline: ServiceClients.Deadline(300), cancellationToken: cancellationToken));
            var simulated = reply.Allocation ?? throw new CliException(ExitCodes.Internal, "Le service des financements n'a pas renvoyé de répartition simulée.");

            context.Console.MarkupLine("[yellow]Simulation : rien n'est enregistré.[/]");
            foreach (var p in request.ParameterOverrides) context.Console.MarkupLineInterpolated($"  paramètre {p.Key} = {Labels.Decimal(p.Value)}");
            foreach (var a in request.ActivityOverrides) context.Console.MarkupLineInterpolated($"  activité de {a.StructureId} = {Labels.Decimal(a.ActivityUnits)}");
            AllocationConsoleView.Write(context.Console, simulated, await ConventionName.OfAsync(clients, simulated, cancellationToken));

            AllocationRun? last;
            try
            {
                last = await RunLookup.FindAsync(clients, request.Allocation.ConventionId, request.Allocation.Year, null,
                    includeInputs: false, includeExplanations: false, cancellationToken, preferApproved: false);
            }
            catch (CliException notFound) when (notFound.ExitCode == ExitCodes.NotFound)
            {
                context.Console.MarkupLine("Aucun calcul enregistré pour cette CTG et cette année : pas d'écart à afficher.");
                return ExitCodes.Ok;
            }
            SimulationDifferences.Write(context.Console, last, simulated);
            return ExitCodes.Ok;
        });
        return command;
    }
}
