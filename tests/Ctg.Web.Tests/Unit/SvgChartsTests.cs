using Ctg.Web.Charts;

namespace Ctg.Web.Tests.Unit;

public sealed class SvgChartsTests
{
    private const char Nbsp = '\u00A0';

    [Fact]
    public void Gains_and_losses_draw_one_bar_each_side_of_zero_with_the_signed_amounts()
    {
        var svg = SvgCharts.GainsAndLosses("gp", "Gains et pertes", [new("ALSH Fraisans", 1_055_287), new("ALSH Rans", -2_000), new("RPE", 0)]).ToString()!;

        Assert.StartsWith("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" role=\"img\"", svg);
        Assert.Contains("<title id=\"gp-title\">Gains et pertes</title>", svg);
        Assert.Contains($"ALSH Fraisans : +10{Nbsp}552,87{Nbsp}€", svg);
        Assert.Contains($"-20,00{Nbsp}€", svg);
        Assert.Equal(1, Count(svg, "class=\"gain\""));
        Assert.Equal(1, Count(svg, "class=\"loss\""));
    }

    [Fact]
    public void A_missing_year_is_said_not_drawn_as_zero()
    {
        var svg = SvgCharts.GroupedBars("h", "Historique", ["2018", "2019"],
            [new("Prestations et bonus", "series-1", [null, 8_244_200]), new("Bonus territoire", "series-2", [100, 200])]).ToString()!;

        Assert.Contains($"2018 : Prestations et bonus non disponible, Bonus territoire 1,00{Nbsp}€", svg);
        Assert.Equal(1, Count(svg, "class=\"series-1\""));
        Assert.Equal(2, Count(svg, "class=\"series-2\""));
        Assert.Contains($"Prestations et bonus 2019 : 82{Nbsp}442,00{Nbsp}€", svg);
    }

    [Fact]
    public void Axis_ticks_are_round_steps_up_to_the_largest_value() =>
        Assert.Equal([0L, 2_500_000, 5_000_000, 7_500_000], SvgCharts.Ticks(8_244_200));

    [Fact]
    public void Labels_are_escaped() =>
        Assert.Contains("A &amp; B &lt;x&gt;", SvgCharts.GainsAndLosses("e", "t", [new("A & B <x>", 1)]).ToString());

    private static int Count(string text, string part) => (text.Length - text.Replace(part, "").Length) / part.Length;
}
