using System.CommandLine;
using Ctg.Cli.Commands;
using Ctg.Cli.Errors;
using Ctg.Cli.Platform;
using Spectre.Console;

namespace Ctg.Cli;

/// <summary>The commands of ctg, their French help, and the one place failures become exit codes.</summary>
public static class CtgCommandLine
{
    public static RootCommand Build(CliContext context)
    {
        var endpoints = new EndpointOptions(context.Environment);
        var root = new RootCommand(
            "ctg — l'outil des équipes financières de la Caf pour les conventions territoriales globales (CTG) : " +
            "import des données, calcul et validation du bonus territoire, explication des montants, simulations, " +
            "exports et paramètres. Il s'adresse aux services de la plateforme démarrés par « make run ».\n\n" +
            ExitCodes.FrenchHelp);
        foreach (var option in endpoints.All) root.Options.Add(option);
        foreach (var option in root.Options)
        {
            // System.CommandLine 2.0.0 ships no French text for these two.
            if (option is System.CommandLine.Help.HelpOption) option.Description = "Affiche l'aide et l'utilisation";
            if (option is VersionOption) option.Description = "Affiche la version";
        }

        root.Subcommands.Add(SessionCommands.Login(context, endpoints));
        root.Subcommands.Add(SessionCommands.Logout(context));
        root.Subcommands.Add(SessionCommands.WhoAmI(context));
        root.Subcommands.Add(StatusCommand.Create(context, endpoints));
        root.Subcommands.Add(ImportCommand.Create(context, endpoints));
        root.Subcommands.Add(AllocateCommand.Create(context, endpoints));
        root.Subcommands.Add(AllocationRunCommand.Create(context, endpoints));
        root.Subcommands.Add(ApproveCommand.Create(context, endpoints));
        root.Subcommands.Add(ShowCommand.Create(context, endpoints));
        root.Subcommands.Add(ExplainCommand.Create(context, endpoints));
        root.Subcommands.Add(SimulateCommand.Create(context, endpoints));
        root.Subcommands.Add(ExportCommand.Create(context, endpoints));
        root.Subcommands.Add(ParamsCommand.Create(context, endpoints));
        root.Subcommands.Add(GovernanceCommand.Create(context, endpoints));
        root.Subcommands.Add(AnnexesCommand.Create(context, endpoints));
        root.Subcommands.Add(PlanCommand.Create(context, endpoints));
        root.Subcommands.Add(ReconciliationCommand.Create(context, endpoints));
        return root;
    }

    /// <summary>Parses and runs; usage errors print in French and return 1.</summary>
    public static async Task<int> RunAsync(CliContext context, string[] args, CancellationToken cancellationToken = default)
    {
        var root = Build(context);
        var parse = root.Parse(args);
        if (parse.Action is System.CommandLine.Invocation.ParseErrorAction onError)
        {
            // Its "Did you mean" suggestions exist only in English.
            onError.ShowTypoCorrections = false;
        }
        var configuration = new InvocationConfiguration
        {
            EnableDefaultExceptionHandler = false,
            Output = new AnsiConsoleWriter(context.Console),
            Error = new AnsiConsoleWriter(context.ErrorConsole),
        };
        try
        {
            return await parse.InvokeAsync(configuration, cancellationToken);
        }
        catch (CliException failure)
        {
            Report(context, failure);
            return failure.ExitCode;
        }
        catch (OperationCanceledException)
        {
            context.ErrorConsole.MarkupLine("[yellow]Commande interrompue.[/]");
            return ExitCodes.Internal;
        }
        catch (Exception unexpected)
        {
            context.ErrorConsole.MarkupLineInterpolated($"[red]Erreur interne de ctg :[/] {unexpected.GetType().Name} : {unexpected.Message}");
            return ExitCodes.Internal;
        }
    }

    public static void Report(CliContext context, CliException failure)
    {
        context.ErrorConsole.MarkupLineInterpolated($"[red]Erreur :[/] {failure.Message}");
        foreach (var detail in failure.Details)
        {
            context.ErrorConsole.MarkupLineInterpolated($"  • {detail}");
        }
    }
}
