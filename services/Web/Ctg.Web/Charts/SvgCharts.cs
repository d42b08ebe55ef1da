using System.Globalization;
using System.Text;
using Ctg.Presentation.Formatting;
using Microsoft.AspNetCore.Html;

namespace Ctg.Web.Charts;

/// <summary>
/// Charts drawn on the server as inline SVG: no script, nothing to download, printable, and readable by a
/// screen reader through the title and description (each chart sits next to a table with the same figures).
/// </summary>
public static class SvgCharts
{
    public sealed record Series(string Name, string CssClass, IReadOnlyList<long?> Cents);

    public sealed record Bar(string Label, long Cents);

    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>Grouped vertical bars: one group per category (a year), one bar per series (a funding line).
    /// A missing value (null) draws no bar and is said in the description, never drawn as zero.</summary>
    public static IHtmlContent GroupedBars(string id, string title, IReadOnlyList<string> categories, IReadOnlyList<Series> series)
    {
        const int height = 260, top = 20, bottom = 40, left = 110, groupWidth = 120, barGap = 6;
        var width = left + Math.Max(1, categories.Count) * groupWidth + 20;
        var max = Math.Max(1L, series.SelectMany(s => s.Cents).Where(c => c is > 0).Select(c => c!.Value).DefaultIfEmpty(1).Max());
        var plot = height - top - bottom;
        var barWidth = (groupWidth - 20 - barGap * (series.Count - 1)) / Math.Max(1, series.Count);
        var svg = Open(id, title, Description(categories, series), width, height);

        foreach (var tick in Ticks(max))
        {
            var y = top + plot - (double)tick / max * plot;
            svg.Append(Invariant, $"<line class=\"grid\" x1=\"{left}\" x2=\"{width - 10}\" y1=\"{y:0.#}\" y2=\"{y:0.#}\"/>");
            svg.Append(Invariant, $"<text class=\"axis\" x=\"{left - 6}\" y=\"{y + 4:0.#}\" text-anchor=\"end\">{Escape(French.Euros(tick))}</text>");
        }
        for (var c = 0; c < categories.Count; c++)
        {
            var x0 = left + c * groupWidth + 10;
            for (var s = 0; s < series.Count; s++)
            {
                if (series[s].Cents[c] is not { } cents || cents <= 0) continue;
                var h = (double)cents / max * plot;
                var x = x0 + s * (barWidth + barGap);
                svg.Append(Invariant, $"<rect class=\"{series[s].CssClass}\" x=\"{x}\" y=\"{top + plot - h:0.#}\" width=\"{barWidth}\" height=\"{h:0.#}\"><title>{Escape($"{series[s].Name} {categories[c]} : {French.Euros(cents)}")}</title></rect>");
            }
            svg.Append(Invariant, $"<text class=\"axis\" x=\"{x0 + (groupWidth - 20) / 2}\" y=\"{height - bottom + 18}\" text-anchor=\"middle\">{Escape(categories[c])}</text>");
        }
        svg.Append(Invariant, $"<line class=\"axis-line\" x1=\"{left}\" x2=\"{width - 10}\" y1=\"{top + plot}\" y2=\"{top + plot}\"/>");
        return Close(svg);
    }

    /// <summary>Horizontal bars around a zero line: gains to the right, losses to the left.</summary>
    public static IHtmlContent GainsAndLosses(string id, string title, IReadOnlyList<Bar> bars)
    {
        const int rowHeight = 26, top = 10, labelWidth = 330, plotWidth = 520, valueWidth = 130;
        var width = labelWidth + plotWidth + valueWidth;
        var height = top * 2 + Math.Max(1, bars.Count) * rowHeight;
        var max = Math.Max(1L, bars.Select(b => Math.Abs(b.Cents)).DefaultIfEmpty(1).Max());
        var zero = labelWidth + plotWidth / 2.0;
        var description = string.Join(" ; ", bars.Select(b => $"{b.Label} : {French.SignedEuros(b.Cents)}"));
        var svg = Open(id, title, description, width, height);
        for (var i = 0; i < bars.Count; i++)
        {
            var bar = bars[i];
            var y = top + i * rowHeight;
            var length = Math.Abs(bar.Cents) / (double)max * (plotWidth / 2.0 - 4);
            var x = bar.Cents >= 0 ? zero : zero - length;
            svg.Append(Invariant, $"<text class=\"label\" x=\"{labelWidth - 8}\" y=\"{y + 17}\" text-anchor=\"end\">{Escape(Shorten(bar.Label, 46))}</text>");
            if (bar.Cents != 0)
            {
                svg.Append(Invariant, $"<rect class=\"{(bar.Cents > 0 ? "gain" : "loss")}\" x=\"{x:0.#}\" y=\"{y + 5}\" width=\"{Math.Max(1, length):0.#}\" height=\"{rowHeight - 10}\"/>");
            }
            svg.Append(Invariant, $"<text class=\"value\" x=\"{width - 4}\" y=\"{y + 17}\" text-anchor=\"end\">{Escape(French.SignedEuros(bar.Cents))}</text>");
        }
        svg.Append(Invariant, $"<line class=\"axis-line\" x1=\"{zero}\" x2=\"{zero}\" y1=\"{top / 2}\" y2=\"{height - top / 2}\"/>");
        return Close(svg);
    }

    private static StringBuilder Open(string id, string title, string description, int width, int height)
    {
        var svg = new StringBuilder();
        svg.Append(Invariant, $"<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" role=\"img\" viewBox=\"0 0 {width} {height}\" width=\"{width}\" height=\"{height}\" aria-labelledby=\"{id}-title {id}-desc\">");
        svg.Append(Invariant, $"<title id=\"{id}-title\">{Escape(title)}</title><desc id=\"{id}-desc\">{Escape(description)}</desc>");
        return svg;
    }

    private static IHtmlContent Close(StringBuilder svg) => new HtmlString(svg.Append("</svg>").ToString());

    private static string Description(IReadOnlyList<string> categories, IReadOnlyList<Series> series) =>
        string.Join(" ; ", categories.Select((c, i) => c + " : " + string.Join(", ",
            series.Select(s => $"{s.Name} {(s.Cents[i] is { } v ? French.Euros(v) : "non disponible")}"))));

    /// <summary>Four round steps up to the largest value (in cents).</summary>
    internal static IEnumerable<long> Ticks(long maxCents)
    {
        var rawStep = maxCents / 4.0;
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(Math.Max(1, rawStep))));
        var step = (long)(new[] { 1, 2, 2.5, 5, 10 }.First(m => m * magnitude >= rawStep) * magnitude);
        for (long t = 0; t <= maxCents; t += step) yield return t;
    }

    private static string Shorten(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";

    // Only the XML specials: HtmlEncode would turn the no-break spaces of French amounts into entities.
    private static string Escape(string text) =>
        text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;").Replace("\"", "&quot;");
}
