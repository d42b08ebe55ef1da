using Ctg.Presentation.Exports;
using Ctg.Presentation.Formatting;
using Ctg.Funding.V1;
using Spectre.Console;

namespace Ctg.Cli.Reports;

/// <summary>What a simulation changes against a recorded run, per group and per structure.</summary>
public static class SimulationDifferences
{
    public static void Write(IAnsiConsole console, AllocationRun recorded, AllocationRun simulated)
    {
        console.Write(new Rule($"[bold]Écarts avec le calcul {Markup.Escape(recorded.RunId)} ({Markup.Escape(Labels.Status(recorded.Status))}, {Markup.Escape(Labels.Timestamp(recorded.CreatedAt))})[/]").LeftJustified());

        var groups = new Table().AddColumn("Collectivité").AddColumn("Type")
            .AddColumn(new TableColumn("Versé (enregistré)").RightAligned())
            .AddColumn(new TableColumn("Versé (simulé)").RightAligned())
            .AddColumn(new TableColumn("Écart").RightAligned());
        var keys = recorded.Groups.Select(g => (g.CollectivityId, g.Kind))
            .Union(simulated.Groups.Select(g => (g.CollectivityId, g.Kind)));
        foreach (var (collectivity, kind) in keys)
        {
            var before = recorded.Groups.FirstOrDefault(g => g.CollectivityId == collectivity && g.Kind == kind);
            var after = simulated.Groups.FirstOrDefault(g => g.CollectivityId == collectivity && g.Kind == kind);
            var b = before?.Paid?.Cents ?? 0;
            var a = after?.Paid?.Cents ?? 0;
            groups.AddRow(AllocationGroups.CollectivityName(after ?? before!), Labels.Kind(kind), French.Euros(b), French.Euros(a), French.SignedEuros(a - b));
        }
        console.Write(groups);

        var changed = simulated.Structures
            .Select(s => (s.StructureId, s.StructureName, After: s.Amount?.Cents ?? 0,
                Before: recorded.Structures.FirstOrDefault(r => r.StructureId == s.StructureId)?.Amount?.Cents ?? 0))
            .Where(x => x.After != x.Before)
            .ToList();
        if (changed.Count == 0)
        {
            console.MarkupLine("Aucune structure ne change de montant.");
            return;
        }
        var structures = new Table().AddColumn("Structure")
            .AddColumn(new TableColumn("Montant (enregistré)").RightAligned())
            .AddColumn(new TableColumn("Montant (simulé)").RightAligned())
            .AddColumn(new TableColumn("Écart").RightAligned());
        foreach (var c in changed)
        {
            structures.AddRow($"{Markup.Escape(c.StructureName)} ({Markup.Escape(c.StructureId)})", French.Euros(c.Before), French.Euros(c.After), French.SignedEuros(c.After - c.Before));
        }
        console.Write(structures);
    }
}
