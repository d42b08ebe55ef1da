using System.Text;
using Ctg.Presentation.Formatting;
using Ctg.Funding.V1;

namespace Ctg.Presentation.Exports;

/// <summary>
/// An allocation as CSV for a French Excel: ';' separator (the comma is the decimal separator),
/// UTF-8 with a byte-order mark (without it Excel reads Windows-1252 and breaks every accent),
/// amounts as plain numbers "1234,56" so that Excel can add them up; names that Excel would run as
/// formulas are written as text (<see cref="CsvFormulaGuard"/>).
/// </summary>
public static class AllocationCsv
{
    public static readonly string[] Header =
    [
        "Ligne", "Collectivité", "Type", "Identifiant structure", "Structure",
        "Enveloppe / référence CEJ (€)", "Montant versé (€)", "Écart / gain ou perte (€)",
    ];

    public static byte[] Build(AllocationRun run)
    {
        var csv = new StringBuilder();
        Append(csv, Header);
        foreach (var group in AllocationGroups.OrderedGroups(run))
        {
            var collectivity = AllocationGroups.CollectivityName(group);
            var kind = Labels.Kind(group.Kind);
            foreach (var s in AllocationGroups.StructuresOf(run, group))
            {
                Append(csv, ["structure", collectivity, kind, s.StructureId, s.StructureName,
                    French.CsvAmount(s.CejReference?.Cents ?? 0), French.CsvAmount(s.Amount?.Cents ?? 0), French.CsvAmount(s.GainOrLoss?.Cents ?? 0)]);
                if (AllocationGroups.IsPartial(s))
                {
                    // A row of its own says the amount above is partial; amount cells stay numbers.
                    Append(csv, ["non calculable", collectivity, kind, s.StructureId, Labels.NotComputable(s.NotComputable), "", "", ""]);
                }
            }
            Append(csv, ["groupe", collectivity, kind, "", "",
                French.CsvAmount(group.Envelope?.Cents ?? 0), French.CsvAmount(group.Paid?.Cents ?? 0), French.CsvAmount(group.Difference?.Cents ?? 0)]);
        }
        Append(csv, ["total", "", "", "", "",
            French.CsvAmount(run.TotalEnvelope?.Cents ?? 0), French.CsvAmount(run.TotalPaid?.Cents ?? 0),
            French.CsvAmount((run.TotalPaid?.Cents ?? 0) - (run.TotalEnvelope?.Cents ?? 0))]);
        return [.. Encoding.UTF8.GetPreamble(), .. new UTF8Encoding(false).GetBytes(csv.ToString())];
    }

    private static void Append(StringBuilder csv, IEnumerable<string> cells)
    {
        csv.Append(string.Join(';', cells.Select(c => Quote(CsvFormulaGuard.Neutralise(c))))).Append("\r\n");
    }

    /// <summary>RFC 4180 quoting, only where a cell needs it.</summary>
    public static string Quote(string cell) =>
        cell.IndexOfAny([';', '"', '\n', '\r']) >= 0 ? "\"" + cell.Replace("\"", "\"\"") + "\"" : cell;
}
