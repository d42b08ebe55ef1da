using Ctg.Presentation.Exports;
using Ctg.Presentation.Formatting;
using Ctg.Funding.V1;
using Spectre.Console;

namespace Ctg.Cli.Reports;

/// <summary>An allocation run as a finance officer reads it: per collectivity and kind, the envelope, what
/// is paid and the difference; per structure, its amount against its CEJ reference.</summary>
public static class AllocationConsoleView
{
    public static void Write(IAnsiConsole console, AllocationRun run, string? conventionName = null)
    {
        var name = conventionName ?? run.Inputs?.ConventionName;
        console.Write(new Rule($"[bold]Bonus territoire {run.Year} — {Markup.Escape(string.IsNullOrEmpty(name) ? run.ConventionId : $"{name} ({run.ConventionId})")}[/]").LeftJustified());
        console.MarkupLineInterpolated($"Calcul : {(string.IsNullOrEmpty(run.RunId) ? "simulation" : run.RunId)} — déclarations {Labels.Version(run.DeclarationVersion)} — {Labels.Status(run.Status)}{(string.IsNullOrEmpty(run.CreatedAt) ? "" : " — " + Labels.Timestamp(run.CreatedAt))}");

        foreach (var group in AllocationGroups.OrderedGroups(run))
        {
            var table = new Table()
                .Title($"[bold]{Markup.Escape(AllocationGroups.GroupTitle(group))}[/]")
                .AddColumn("Structure")
                .AddColumn(new TableColumn("Référence CEJ").RightAligned())
                .AddColumn(new TableColumn("Montant").RightAligned())
                .AddColumn(new TableColumn("Gain ou perte").RightAligned());
            foreach (var s in AllocationGroups.StructuresOf(run, group))
            {
                // A partial amount is never shown as final: its gain or loss is replaced by what is missing.
                table.AddRow(
                    new Text($"{s.StructureName} ({s.StructureId})"),
                    new Text(French.Euros(s.CejReference?.Cents ?? 0)),
                    new Text(French.Euros(s.Amount?.Cents ?? 0) + (AllocationGroups.IsPartial(s) ? " (partiel)" : "")),
                    AllocationGroups.IsPartial(s) ? new Markup($"[yellow]{Markup.Escape(Labels.NotComputable(s.NotComputable))}[/]") : SignedCell(s.GainOrLoss?.Cents ?? 0));
            }
            table.AddEmptyRow();
            table.AddRow(new Markup("[bold]Enveloppe[/]"), new Text(French.Euros(group.Envelope?.Cents ?? 0)), new Text(""), new Text(""));
            table.AddRow(new Markup("[bold]Versé[/]"), new Text(""), new Text(French.Euros(group.Paid?.Cents ?? 0) + (AllocationGroups.IsPartial(run, group) ? " (partiel)" : "")), new Text(""));
            table.AddRow(new Markup("[bold]Écart[/]"), new Text(""), new Text(""),
                AllocationGroups.IsPartial(run, group) ? new Markup("[yellow]non calculable[/]") : SignedCell(group.Difference?.Cents ?? 0));
            console.Write(table);
            if (group.Causes.Count > 0)
            {
                console.MarkupLineInterpolated($"  Causes de l'écart : {string.Join(", ", group.Causes.Select(Labels.Cause))}");
            }
        }

        var summary = new Table().Title("[bold]Synthèse par collectivité et type[/]")
            .AddColumn("Collectivité")
            .AddColumn("Type")
            .AddColumn(new TableColumn("Enveloppe").RightAligned())
            .AddColumn(new TableColumn("Versé").RightAligned())
            .AddColumn(new TableColumn("Écart").RightAligned());
        foreach (var group in AllocationGroups.OrderedGroups(run))
        {
            summary.AddRow(new Text(AllocationGroups.CollectivityName(group)), new Text(Labels.Kind(group.Kind)),
                new Text(French.Euros(group.Envelope?.Cents ?? 0)), new Text(French.Euros(group.Paid?.Cents ?? 0)),
                SignedCell(group.Difference?.Cents ?? 0));
        }
        var totalDifference = (run.TotalPaid?.Cents ?? 0) - (run.TotalEnvelope?.Cents ?? 0);
        summary.AddRow(new Markup("[bold]Total[/]"), new Text(""),
            new Markup($"[bold]{French.Euros(run.TotalEnvelope?.Cents ?? 0)}[/]"),
            new Markup($"[bold]{French.Euros(run.TotalPaid?.Cents ?? 0)}[/]"),
            SignedCell(totalDifference));
        console.Write(summary);

        if (run.ExcludedStructureIds.Count > 0)
        {
            console.MarkupLine("[yellow]Structures exclues :[/]");
            foreach (var id in run.ExcludedStructureIds)
            {
                var reason = run.Inputs?.Structures.FirstOrDefault(s => s.StructureId == id)?.IneligibilityReason;
                console.MarkupLineInterpolated($"  • {id}{(string.IsNullOrEmpty(reason) ? "" : " : " + Labels.Ineligibility(reason))}");
            }
        }
        foreach (var missing in run.NotComputable)
        {
            console.MarkupLineInterpolated($"[yellow]Non calculable :[/] règle {missing.RuleId}, paramètre {missing.ParameterKey} absent pour {missing.Year}.");
        }
        if (run.NotComputable.Count > 0)
        {
            console.MarkupLine("[yellow]Calcul partiel : il ne peut pas être validé. Chargez le barème manquant (ctg params load) puis relancez le calcul.[/]");
        }
    }

    private static Markup SignedCell(long cents) =>
        new(cents switch
        {
            > 0 => $"[green]{Markup.Escape(French.SignedEuros(cents))}[/]",
            < 0 => $"[red]{Markup.Escape(French.SignedEuros(cents))}[/]",
            _ => Markup.Escape(French.SignedEuros(cents)),
        });
}
