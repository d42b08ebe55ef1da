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

/// <summary><c>ctg allocate &lt;ctg&gt; &lt;année&gt;</c>: runs the bonus territoire allocation, prints it, then asks before approving.</summary>
public static class AllocateCommand
{
    public static Command Create(CliContext context, EndpointOptions endpointOptions)
    {
        var convention = CommonArguments.Convention();
        var year = CommonArguments.Year();
        var declaration = CommonArguments.Declaration();
        var approve = new Option<bool>("--approve", "--yes", "-y")
        {
            Description = "Valide le calcul sans poser de question (pour les scripts)",
        };
        var noApprove = new Option<bool>("--no-approve")
        {
            Description = "Enregistre le calcul sans le valider et sans poser de question",
        };
        var by = new Option<string>("--by")
        {
            Description = "Nom de la personne qui lance ou valide le calcul (par défaut l'utilisateur du système)",
        };

        var command = new Command("allocate",
            "Calcule la répartition du bonus territoire d'une CTG pour une année, l'affiche par collectivité et par type " +
            "(enveloppe, versé, écart ; par structure : montant, référence CEJ, gain ou perte), puis demande s'il faut la valider. " +
            "Sans terminal (script), le calcul n'est validé qu'avec --approve.")
        {
            convention, year, declaration, approve, noApprove, by,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (parse.GetValue(approve) && parse.GetValue(noApprove))
            {
                throw new CliException(ExitCodes.Usage, "Les options --approve et --no-approve s'excluent : choisissez l'une des deux.");
            }
            using var clients = new ServiceClients(endpointOptions.Resolve(parse));
            var runs = new AllocationRuns.AllocationRunsClient(clients.Funding);
            var request = new RunAllocationRequest
            {
                ConventionId = parse.GetValue(convention)!,
                Year = parse.GetValue(year),
                DeclarationVersion = CommonArguments.DeclarationOf(parse, declaration),
                RequestedBy = parse.GetValue(by) ?? Environment.UserName,
            };

            AllocationRun run = null!;
            await ProgressDisplay.RunAsync(context.Console, [$"Calcul du bonus territoire {request.Year} de {request.ConventionId}"], async steps =>
            {
                // The service answers in one message: the bar runs while it computes.
                run = await ServiceCall.RunAsync(ServiceCall.Funding,
                    () => runs.RunAllocationAsync(request, deadline: ServiceClients.Deadline(300), cancellationToken: cancellationToken));
                steps.Complete(0);
            }, clearWhenDone: true);

            AllocationConsoleView.Write(context.Console, run, await ConventionName.OfAsync(clients, run, cancellationToken));

            if (!ShouldApprove(context, parse.GetValue(approve), parse.GetValue(noApprove), run))
            {
                return ExitCodes.Ok;
            }
            await RunApproval.ApproveAsync(context, runs, run.RunId, parse.GetValue(by) ?? Environment.UserName, cancellationToken);
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>Never prompts without a terminal: a script that did not say --approve gets an unapproved run.</summary>
    private static bool ShouldApprove(CliContext context, bool approve, bool noApprove, AllocationRun run)
    {
        if (approve) return true;
        if (noApprove)
        {
            context.Console.MarkupLineInterpolated($"Calcul {run.RunId} enregistré sans validation (--no-approve).");
            return false;
        }
        if (!context.InteractiveInput)
        {
            context.Console.MarkupLineInterpolated(
                $"Calcul {run.RunId} enregistré sans validation : pas de terminal pour confirmer. Relancez avec --approve pour le valider.");
            return false;
        }
        var yes = context.Console.Prompt(new ConfirmationPrompt($"Valider ce calcul ({French.Euros(run.TotalPaid?.Cents ?? 0)} à verser) ?")
        {
            Yes = 'o',
            No = 'n',
            DefaultValue = false,
            InvalidChoiceMessage = "[red]Répondez o (oui) ou n (non).[/]",
        });
        if (!yes) context.Console.MarkupLineInterpolated($"Calcul {run.RunId} enregistré sans validation.");
        return yes;
    }
}
