using System.CommandLine;
using Ctg.Cli.Errors;
using Ctg.Presentation.Formatting;
using Ctg.Cli.Platform;
using Ctg.Cli.Reports;
using Ctg.Presentation.Explanations;
using Ctg.Presentation.Exports;
using Ctg.Funding.V1;
using Ctg.Structures.V1;
using Spectre.Console;

namespace Ctg.Cli.Commands;

/// <summary><c>ctg explain &lt;structure&gt; &lt;année&gt;</c>: why a structure receives what it receives.</summary>
public static class ExplainCommand
{
    public static Command Create(CliContext context, EndpointOptions endpointOptions)
    {
        var structure = new Argument<string>("structure") { Description = "Identifiant de la structure, par exemple str-39-jn-multi-accueil-fraisans" };
        var year = CommonArguments.Year();
        var run = new Option<string?>("--run") { Description = "Calcul à expliquer (par défaut le calcul validé de l'année, sinon le dernier)" };
        var prestation = new Option<bool>("--prestation")
        {
            Description = "Explique la prestation de service et les bonus de la structure (calcul à blanc, rien n'est enregistré) au lieu du bonus territoire",
        };
        var declaration = CommonArguments.Declaration();

        var command = new Command("explain",
            "Explique un montant sous forme d'arbre : règles, données, valeurs des paramètres avec leurs références juridiques " +
            "et leur fiabilité, arrondis et décisions appliquées.")
        {
            structure, year, run, prestation, declaration,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var clients = new ServiceClients(endpointOptions.Resolve(parse));
            var structureId = parse.GetValue(structure)!;
            var y = parse.GetValue(year);
            if (parse.GetValue(prestation))
            {
                await ExplainPrestationAsync(context, clients, structureId, y, CommonArguments.DeclarationOf(parse, declaration), cancellationToken);
                return ExitCodes.Ok;
            }

            var registry = new StructureRegistry.StructureRegistryClient(clients.Structures);
            var found = await ServiceCall.RunAsync(ServiceCall.Structures,
                () => registry.GetStructureAsync(new GetStructureRequest { StructureId = structureId }, deadline: ServiceClients.Deadline(), cancellationToken: cancellationToken));
            if (string.IsNullOrEmpty(found.ConventionId))
            {
                throw new CliException(ExitCodes.PreconditionFailed,
                    $"La structure « {structureId} » n'est rattachée à aucune CTG : elle n'a pas de bonus territoire.");
            }

            var allocation = await RunLookup.FindAsync(clients, found.ConventionId, y, parse.GetValue(run),
                includeInputs: true, includeExplanations: true, cancellationToken);
            var share = allocation.Structures.FirstOrDefault(s => s.StructureId == structureId);
            if (share is null)
            {
                var reason = allocation.Inputs?.Structures.FirstOrDefault(s => s.StructureId == structureId)?.IneligibilityReason;
                throw new CliException(ExitCodes.NotFound,
                    $"La structure « {structureId} » n'a pas de part dans le calcul {allocation.RunId} du bonus territoire {y}" +
                    (string.IsNullOrEmpty(reason) ? "." : $" : {Labels.Ineligibility(reason)}."));
            }

            context.Console.MarkupLineInterpolated(
                $"[bold]{share.StructureName}[/] ({share.StructureId}) — bonus territoire {y}, calcul {allocation.RunId} ({Labels.Status(allocation.Status)})");
            context.Console.MarkupLineInterpolated(
                $"Montant : [bold]{French.Euros(share.Amount?.Cents ?? 0)}[/] (base {French.Euros(share.Base?.Cents ?? 0)}, activité nouvelle {French.Euros(share.NewActivity?.Cents ?? 0)}) ; référence CEJ {French.Euros(share.CejReference?.Cents ?? 0)} ; gain ou perte {French.SignedEuros(share.GainOrLoss?.Cents ?? 0)}.");
            if (share.Explanation is null)
            {
                throw new CliException(ExitCodes.Internal, $"Le service des financements n'a pas renvoyé l'explication du calcul {allocation.RunId}.");
            }
            context.Console.Write(ExplanationTreeView.Build($"Montant — {share.StructureName}", share.Explanation, AllocationGroups.CollectivityNames(allocation)));

            var group = allocation.Groups.FirstOrDefault(g => g.CollectivityId == share.CollectivityId && g.Kind == share.Kind);
            if (group?.Explanation is not null)
            {
                context.Console.Write(ExplanationTreeView.Build($"Groupe {AllocationGroups.GroupTitle(group)}", group.Explanation, AllocationGroups.CollectivityNames(allocation)));
            }
            return ExitCodes.Ok;
        });
        return command;
    }

    private static async Task ExplainPrestationAsync(CliContext context, ServiceClients clients, string structureId, int year,
        DeclarationVersion version, CancellationToken cancellationToken)
    {
        var simulation = new FundingSimulation.FundingSimulationClient(clients.Funding);
        var reply = await ServiceCall.RunAsync(ServiceCall.Funding,
            () => simulation.SimulateAsync(new SimulateRequest
            {
                Structure = new ComputeStructureRequest { StructureId = structureId, Year = year, DeclarationVersion = version },
            }, deadline: ServiceClients.Deadline(), cancellationToken: cancellationToken));
        var result = reply.Structure ?? throw new CliException(ExitCodes.Internal, "Le service des financements n'a pas renvoyé de résultat pour la structure.");
        context.Console.MarkupLineInterpolated(
            $"[bold]{result.StructureName}[/] ({result.StructureId}) — {year}, déclaration {Labels.Version(result.DeclarationVersion)} : total [bold]{French.Euros(result.Total?.Cents ?? 0)}[/]{(result.Complete ? "" : " (partiel : des règles ne sont pas calculables)")}");
        foreach (var line in result.Lines)
        {
            if (line.Computable && line.Explanation is not null)
            {
                context.Console.Write(ExplanationTreeView.Build($"{FrenchExplanationText.Rule(line.RuleId)} : {French.Euros(line.Amount?.Cents ?? 0)}", line.Explanation));
            }
            else if (line.NotComputable is { } missing)
            {
                context.Console.MarkupLineInterpolated($"[yellow]{FrenchExplanationText.Rule(line.RuleId)} {Labels.NotComputable(missing)}[/]");
            }
        }
    }
}
