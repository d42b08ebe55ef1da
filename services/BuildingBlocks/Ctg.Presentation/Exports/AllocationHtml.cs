using System.Globalization;
using System.Net;
using System.Text;
using Ctg.Presentation.Formatting;
using Ctg.Funding.V1;

namespace Ctg.Presentation.Exports;

/// <summary>
/// The COPIL report of an allocation: one self-contained HTML page (no script, font or image to fetch,
/// so that it opens the same from a mail attachment or a USB key), with an inline SVG chart of the
/// envelope against what is paid per collectivity, then the tables of every group.
/// </summary>
public static class AllocationHtml
{
    public sealed record CollectivityTotals(string Name, long EnvelopeCents, long PaidCents);

    public static IReadOnlyList<CollectivityTotals> PerCollectivity(AllocationRun run) =>
        run.Groups.GroupBy(AllocationGroups.CollectivityName)
            .Select(g => new CollectivityTotals(g.Key, g.Sum(x => x.Envelope?.Cents ?? 0), g.Sum(x => x.Paid?.Cents ?? 0)))
            .OrderBy(c => c.Name, StringComparer.Create(French.Culture, false))
            .ToList();

    public static string Build(AllocationRun run, DateOnly generatedOn, string? conventionName = null)
    {
        var name = conventionName ?? (string.IsNullOrEmpty(run.Inputs?.ConventionName) ? run.ConventionId : run.Inputs.ConventionName);
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"fr\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<title>").Append(E($"Bonus territoire {run.Year} — {name}")).Append("</title>\n")
            .Append("<style>\n")
            .Append("body{font-family:'DejaVu Sans',Arial,sans-serif;margin:32px;color:#1d2a3a;background:#fff}\n")
            .Append("h1{font-size:24px;margin:0 0 4px}h2{font-size:18px;margin:28px 0 8px;color:#0b4f8a}\n")
            .Append(".meta{color:#555;font-size:13px;margin-bottom:16px}\n")
            .Append("table{border-collapse:collapse;width:100%;font-size:13px;margin-bottom:8px}\n")
            .Append("th,td{border:1px solid #c9d3de;padding:4px 8px}th{background:#e8eef5;text-align:left}\n")
            .Append("td.n{text-align:right;white-space:nowrap}tr.sum td{font-weight:bold;background:#f5f7fa}\n")
            .Append(".gain{color:#1b7a2f}.loss{color:#b3261e}.partial{color:#8a5a00;font-style:italic}.legend span{display:inline-block;width:12px;height:12px;margin:0 4px 0 12px;vertical-align:middle}\n")
            .Append("</style>\n</head>\n<body>\n");
        html.Append("<h1>").Append(E($"Bonus territoire {run.Year} — {name}")).Append("</h1>\n");
        html.Append("<p class=\"meta\">")
            .Append(E($"Convention {run.ConventionId} — calcul {run.RunId} — déclarations {Labels.Version(run.DeclarationVersion)} — {Labels.Status(run.Status)}"))
            .Append(string.IsNullOrEmpty(run.ApprovedAt) ? "" : E($" le {Labels.Timestamp(run.ApprovedAt)}"))
            .Append("<br>").Append(E($"Rapport pour le comité de pilotage (COPIL), édité le {French.Date(generatedOn)}."))
            .Append("</p>\n");

        html.Append("<table>\n<tr><th>Enveloppe totale</th><th>Total versé</th><th>Écart</th></tr>\n<tr>")
            .Append(Cell(run.TotalEnvelope?.Cents ?? 0)).Append(Cell(run.TotalPaid?.Cents ?? 0))
            .Append(SignedCell((run.TotalPaid?.Cents ?? 0) - (run.TotalEnvelope?.Cents ?? 0))).Append("</tr>\n</table>\n");

        html.Append("<h2>Enveloppe et montant versé par collectivité</h2>\n");
        html.Append(Chart(PerCollectivity(run)));
        if (run.Groups.Count > 1)
        {
            html.Append("<h2>Enveloppe et montant versé par collectivité et par type</h2>\n");
            html.Append(Chart(AllocationGroups.OrderedGroups(run)
                .Select(g => new CollectivityTotals(AllocationGroups.GroupTitle(g), g.Envelope?.Cents ?? 0, g.Paid?.Cents ?? 0))
                .ToList()));
        }

        html.Append("<h2>Détail par collectivité et par type</h2>\n");
        foreach (var group in AllocationGroups.OrderedGroups(run))
        {
            html.Append("<h3>").Append(E(AllocationGroups.GroupTitle(group))).Append("</h3>\n<table>\n")
                .Append("<tr><th>Structure</th><th>Référence CEJ</th><th>Montant</th><th>Gain ou perte</th></tr>\n");
            foreach (var s in AllocationGroups.StructuresOf(run, group))
            {
                html.Append("<tr><td>").Append(E(s.StructureName)).Append("</td>")
                    .Append(Cell(s.CejReference?.Cents ?? 0)).Append(Cell(s.Amount?.Cents ?? 0));
                html.Append(AllocationGroups.IsPartial(s)
                    ? "<td class=\"partial\">" + E(Labels.NotComputable(s.NotComputable)) + "</td>"
                    : SignedCell(s.GainOrLoss?.Cents ?? 0)).Append("</tr>\n");
            }
            html.Append("<tr class=\"sum\"><td>Enveloppe / versé / écart</td>")
                .Append(Cell(group.Envelope?.Cents ?? 0)).Append(Cell(group.Paid?.Cents ?? 0))
                .Append(AllocationGroups.IsPartial(run, group) ? "<td class=\"partial\">non calculable</td>" : SignedCell(group.Difference?.Cents ?? 0))
                .Append("</tr>\n</table>\n");
            if (group.Causes.Count > 0)
            {
                html.Append("<p class=\"meta\">").Append(E("Causes de l'écart : " + string.Join(", ", group.Causes.Select(Labels.Cause)))).Append("</p>\n");
            }
        }
        html.Append("</body>\n</html>\n");
        return html.ToString();
    }

    /// <summary>Grouped horizontal bars, one pair per row under its label, scaled on the largest amount.</summary>
    public static string Chart(IReadOnlyList<CollectivityTotals> rows)
    {
        const int barArea = 860, amountWidth = 160, rowHeight = 68, top = 30;
        var width = barArea + amountWidth;
        var height = top + rows.Count * rowHeight + 6;
        var max = Math.Max(1, rows.Select(r => Math.Max(r.EnvelopeCents, r.PaidCents)).DefaultIfEmpty(1).Max());
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture,
            $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" role=\"img\" aria-label=\"Enveloppe et montant versé\" font-family=\"DejaVu Sans, Arial, sans-serif\">\n");
        svg.Append("<rect x=\"0\" y=\"4\" width=\"14\" height=\"14\" fill=\"#9db7d5\"/><text x=\"20\" y=\"16\" font-size=\"13\">Enveloppe</text>\n");
        svg.Append("<rect x=\"120\" y=\"4\" width=\"14\" height=\"14\" fill=\"#0b4f8a\"/><text x=\"140\" y=\"16\" font-size=\"13\">Versé</text>\n");
        for (var i = 0; i < rows.Count; i++)
        {
            var y = top + i * rowHeight;
            var envelope = (int)Math.Round(barArea * (double)rows[i].EnvelopeCents / max);
            var paid = (int)Math.Round(barArea * (double)rows[i].PaidCents / max);
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"0\" y=\"{y + 14}\" font-size=\"13\" font-weight=\"bold\">{E(rows[i].Name)}</text>\n");
            svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"0\" y=\"{y + 20}\" width=\"{Math.Max(1, envelope)}\" height=\"20\" fill=\"#9db7d5\"><title>{E("Enveloppe : " + French.Euros(rows[i].EnvelopeCents))}</title></rect>\n");
            svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"0\" y=\"{y + 42}\" width=\"{Math.Max(1, paid)}\" height=\"20\" fill=\"#0b4f8a\"><title>{E("Versé : " + French.Euros(rows[i].PaidCents))}</title></rect>\n");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{envelope + 6}\" y=\"{y + 35}\" font-size=\"12\">{E(French.Euros(rows[i].EnvelopeCents))}</text>\n");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{paid + 6}\" y=\"{y + 57}\" font-size=\"12\">{E(French.Euros(rows[i].PaidCents))}</text>\n");
        }
        svg.Append("</svg>\n");
        return svg.ToString();
    }

    private static string Cell(long cents) => "<td class=\"n\">" + E(French.Euros(cents)) + "</td>";

    private static string SignedCell(long cents) =>
        $"<td class=\"n{(cents > 0 ? " gain" : cents < 0 ? " loss" : "")}\">" + E(French.SignedEuros(cents)) + "</td>";

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
