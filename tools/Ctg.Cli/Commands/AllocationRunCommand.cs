using System.CommandLine;
using Ctg.Cli.Errors;
using Ctg.Cli.Platform;
using Ctg.Funding.V1;
using Ctg.Presentation.Formatting;
using Spectre.Console;

namespace Ctg.Cli.Commands;

/// <summary><c>ctg allocation run --caf 39 --annee 2025</c>: a CAF's December allocation, every CTG of the CAF running
/// during the year in one RunAllocations call, one line per CTG as the service answers it.</summary>
public static class AllocationRunCommand
{
    public static Command Create(CliContext context, EndpointOptions endpointOptions)
    {
        var caf = new Option<string>("--caf") { Description = "Code département de la CAF (39 pour la CAF du Jura)", Required = true };
        var year = new Option<int>("--annee") { Description = "Année de financement", Required = true };
        var declaration = CommonArguments.Declaration();
        var run = new Command("run",
            "Calcule et enregistre le bonus territoire de toutes les CTG de la CAF en vigueur pendant l'année, en un seul appel ; " +
            "une ligne par CTG (total versé, ou la raison du refus). Les calculs ne sont pas validés.")
        {
            caf, year, declaration,
        };
        run.SetAction(async (parse, cancellationToken) =>
        {
            using var clients = new ServiceClients(endpointOptions.Resolve(parse));
            var runs = new AllocationRuns.AllocationRunsClient(clients.Funding);
            var request = new RunAllocationsRequest
            {
                Year = parse.GetValue(year), DeclarationVersion = CommonArguments.DeclarationOf(parse, declaration),
                CafDepartements = { parse.GetValue(caf)! }, RequestedBy = Environment.UserName,
            };
            var table = new Table().AddColumn("CTG").AddColumn("Exécution").AddColumn(new TableColumn("Total versé").RightAligned());
            var (recorded, refused, total) = (0, 0, 0L);
            await ServiceCall.RunAsync(ServiceCall.Funding, async () =>
            {
                using var call = runs.RunAllocations(request, deadline: ServiceClients.Deadline(600), cancellationToken: cancellationToken);
                while (await call.ResponseStream.MoveNext(cancellationToken))
                {
                    var item = call.ResponseStream.Current;
                    if (item.Run is { } r)
                    {
                        recorded++;
                        total += r.TotalPaid.Cents;
                        table.AddRow(Markup.Escape(item.ConventionId), Markup.Escape(r.RunId), French.Euros(r.TotalPaid.Cents));
                    }
                    else
                    {
                        refused++;
                        table.AddRow(Markup.Escape(item.ConventionId), "[red]refusée[/] : " + Markup.Escape(item.Refusal?.Message ?? ""), "");
                    }
                }

                return true;
            });
            context.Console.Write(table);
            context.Console.MarkupLine($"{recorded} exécution(s) enregistrée(s), {refused} CTG refusée(s) ; total versé {French.Euros(total)}");
            return ExitCodes.Ok;
        });
        return new Command("allocation", "Bonus territoire de plusieurs CTG à la fois") { run };
    }
}
