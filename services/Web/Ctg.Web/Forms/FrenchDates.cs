using System.Globalization;
using Ctg.Common.V1;

namespace Ctg.Web.Forms;

/// <summary>
/// Dates as a French person reads and types them, jj/mm/aaaa, whatever the browser's language: a date input
/// (type="date") shows the browser's locale (month/day/year in an English browser), so the pages use a text
/// field with that pattern and read it here, on the server.
/// </summary>
public static class FrenchDates
{
    /// <summary>What the hint under a date field says.</summary>
    public const string Hint = "Au format jj/mm/aaaa, par exemple 31/12/2025.";

    /// <summary>The pattern of the field (the browser flags a wrong shape; the server decides).</summary>
    public const string Pattern = @"\d{1,2}/\d{1,2}/\d{4}";

    /// <summary>"31/12/2025" (or "1/2/2025", spaces around ignored) → the date; anything else, or a day that
    /// does not exist (31/02/2025), → null.</summary>
    public static DateOnly? Parse(string? text) =>
        DateOnly.TryParseExact((text ?? "").Trim(), ["dd/MM/yyyy", "d/M/yyyy"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date : null;

    public static Date? ParseProto(string? text) => Parse(text) is { } d ? new Date { Year = d.Year, Month = d.Month, Day = d.Day } : null;

    public static string Write(DateOnly date) => date.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);
}
