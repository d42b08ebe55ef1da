using System.Text;
using Ctg.Cli.Reports;
using Ctg.Presentation.Explanations;
using Ctg.Presentation.Exports;

namespace Ctg.Cli.Tests;

public sealed class ExportTests
{
    [Fact]
    public void Csv_is_utf8_with_bom_semicolons_and_french_decimals()
    {
        var bytes = AllocationCsv.Build(SampleRun.Create());
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(
        [
            "Ligne;Collectivité;Type;Identifiant structure;Structure;Enveloppe / référence CEJ (€);Montant versé (€);Écart / gain ou perte (€)",
            "structure;Commune A;EAJE;s-1;\"Crèche \"\"Les Lutins\"\"\";70000,00;80000,00;10000,00",
            "groupe;Commune A;EAJE;;;80000,00;80000,00;0,00",
            "structure;Commune B;ALSH;s-2;ALSH B;20000,00;10000,00;-10000,00",
            "groupe;Commune B;ALSH;;;20000,00;10000,00;-10000,00",
            "total;;;;;100000,00;90000,00;-10000,00",
        ], lines);
    }

    [Fact]
    public void A_partial_structure_is_marked_in_the_csv_and_the_html_with_the_missing_parameter_and_year()
    {
        var run = SampleRun.Create();
        var alsh = run.Structures.Single(s => s.StructureId == "s-2");
        alsh.Complete = false;
        alsh.NotComputable.Add(new Ctg.Funding.V1.NotComputable { RuleId = "BONUS_TERRITOIRE.NEW_ACTIVITY", ParameterKey = "bt.alsh.cap_heures_nouvelles", Year = 2019 });

        var lines = Encoding.UTF8.GetString(AllocationCsv.Build(run)[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("non calculable;Commune B;ALSH;s-2;non calculable : bt.alsh.cap_heures_nouvelles absent pour 2019;;;", lines[4]);

        var page = System.Net.WebUtility.HtmlDecode(AllocationHtml.Build(run, new DateOnly(2026, 1, 20)));
        Assert.Contains("<td class=\"partial\">non calculable : bt.alsh.cap_heures_nouvelles absent pour 2019</td>", page);
        Assert.Contains("<td class=\"partial\">non calculable</td>", page);
    }

    [Theory]
    [InlineData("lower_activity", "activité en baisse")]
    [InlineData("new_activity", "activité nouvelle")]
    [InlineData("floor", "plancher")]
    [InlineData("revaluation", "revalorisation")]
    [InlineData("rounding", "arrondi")]
    [InlineData("not_computable", "part non calculable")]
    public void Every_cause_code_has_a_french_label(string cause, string label) => Assert.Equal(label, Ctg.Presentation.Formatting.Labels.Cause(cause));

    [Theory]
    [InlineData("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")")]
    [InlineData("+33 3 84", "'+33 3 84")]
    [InlineData("-Crèche", "'-Crèche")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("\tx", "'\tx")]
    [InlineData("\r=1", "'\r=1")]
    [InlineData("-10000,00", "-10000,00")]
    [InlineData("-1+2", "'-1+2")]
    [InlineData("Crèche", "Crèche")]
    public void Text_cells_a_spreadsheet_would_run_as_formulas_are_written_as_text_and_amounts_stay_numbers(string cell, string expected) =>
        Assert.Equal(expected, CsvFormulaGuard.Neutralise(cell));

    [Fact]
    public void A_structure_named_like_a_formula_is_exported_as_text()
    {
        var run = SampleRun.Create();
        run.Structures[0].StructureName = "=1+1";
        var lines = Encoding.UTF8.GetString(AllocationCsv.Build(run)[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("structure;Commune A;EAJE;s-1;'=1+1;70000,00;80000,00;10000,00", lines[1]);
    }

    [Theory]
    [InlineData("simple", "simple")]
    [InlineData("a;b", "\"a;b\"")]
    [InlineData("dit \"oui\"", "\"dit \"\"oui\"\"\"")]
    public void Csv_cells_are_quoted_only_when_needed(string cell, string expected) => Assert.Equal(expected, AllocationCsv.Quote(cell));

    [Fact]
    public void Html_report_is_french_self_contained_with_a_chart_per_collectivity()
    {
        var page = AllocationHtml.Build(SampleRun.Create(), new DateOnly(2026, 1, 20));
        Assert.StartsWith("<!DOCTYPE html>\n<html lang=\"fr\">", page);
        Assert.Contains("édité le 20/01/2026", page.Replace("&#233;", "é"));
        Assert.Contains("<svg xmlns=\"http://www.w3.org/2000/svg\"", page);
        // Nothing to fetch: no script, no stylesheet link, no image, no other URL.
        Assert.DoesNotContain("<script", page);
        Assert.DoesNotContain("<link", page);
        Assert.DoesNotContain("<img", page);
        var urls = System.Text.RegularExpressions.Regex.Matches(page, "https?://[^\"]*").Select(m => m.Value).ToList();
        Assert.Equal(["http://www.w3.org/2000/svg", "http://www.w3.org/2000/svg"], urls); // one chart per collectivity, one per group
        Assert.Contains("Crèche &quot;Les Lutins&quot;".Replace("è", "&#232;"), page);
    }

    [Fact]
    public void Chart_bars_are_proportional_to_the_largest_amount()
    {
        var svg = AllocationHtml.Chart(
        [
            new AllocationHtml.CollectivityTotals("A", 8_000_000, 8_000_000),
            new AllocationHtml.CollectivityTotals("B", 2_000_000, 1_000_000),
        ]);
        // 860 px for the largest amount (80 000 €): B's envelope is 215 px, its paid 107.5 → 108 px.
        Assert.Contains("width=\"860\" height=\"20\" fill=\"#9db7d5\"", svg);
        Assert.Contains("width=\"215\" height=\"20\" fill=\"#9db7d5\"", svg);
        Assert.Contains("width=\"108\" height=\"20\" fill=\"#0b4f8a\"", svg);
    }

    [Fact]
    public void Totals_per_collectivity_add_up_every_kind()
    {
        var run = SampleRun.Create();
        run.Groups.Add(new Ctg.Funding.V1.GroupResult { CollectivityId = "sig-a", CollectivityName = "Commune A", Kind = Ctg.Funding.V1.BonusTerritoireKind.Rpe,
            Envelope = new Ctg.Common.V1.Money { Cents = 100 }, Paid = new Ctg.Common.V1.Money { Cents = 50 } });
        var totals = AllocationHtml.PerCollectivity(run);
        Assert.Equal([new("Commune A", 8_000_100, 8_000_050), new("Commune B", 2_000_000, 1_000_000)], totals);
    }
}
