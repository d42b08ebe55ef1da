using System.Globalization;

namespace Ctg.Presentation.Formatting;

/// <summary>
/// French formatting of everything a person reads. .NET's fr-FR culture separates thousands with a
/// narrow no-break space (U+202F), which several terminal fonts and older Excel versions show as a
/// box or a question mark; a French reader expects "1 234,56 €", so groups and the euro sign are
/// separated with the ordinary no-break space (U+00A0), as French typography has long done.
/// </summary>
public static class French
{
    public const char NoBreakSpace = '\u00A0';

    public static readonly CultureInfo Culture = CreateCulture();

    private static CultureInfo CreateCulture()
    {
        var culture = (CultureInfo)CultureInfo.GetCultureInfo("fr-FR").Clone();
        culture.NumberFormat.NumberGroupSeparator = NoBreakSpace.ToString();
        culture.NumberFormat.CurrencyGroupSeparator = NoBreakSpace.ToString();
        culture.NumberFormat.CurrencySymbol = "€";
        culture.NumberFormat.CurrencyPositivePattern = 3; // n €
        culture.NumberFormat.CurrencyNegativePattern = 8; // -n €
        return CultureInfo.ReadOnly(culture);
    }

    /// <summary>Cents as euros: 123456 → "1 234,56 €".</summary>
    public static string Euros(long cents) => Euros(cents / 100m);

    public static string Euros(decimal euros) => euros.ToString("N2", Culture) + NoBreakSpace + "€";

    /// <summary>A gain or loss with its sign: "+1 234,56 €", "-12,00 €", "0,00 €".</summary>
    public static string SignedEuros(long cents) => cents > 0 ? "+" + Euros(cents) : Euros(cents);

    /// <summary>Integer-or-decimal quantities (hours, places): "49 277", "1,5".</summary>
    public static string Number(decimal value) =>
        value == decimal.Truncate(value) ? value.ToString("N0", Culture) : value.ToString("#,##0.######", Culture);

    public static string Date(DateOnly date) => date.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);

    /// <summary>
    /// An instant as a French reader expects it: in the legal time of mainland France, where the CNAF's calendar is
    /// kept (summer and winter time included): 2026-12-02T10:42:00Z → "02/12/2026 11:42". Stored instants stay UTC.
    /// </summary>
    public static string DateTime(DateTimeOffset instant, string separator = " ") =>
        InFrance(instant).ToString($"dd/MM/yyyy'{separator}'HH:mm", CultureInfo.InvariantCulture);

    /// <summary>The same instant on the clocks of mainland France.</summary>
    public static DateTimeOffset InFrance(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, ParisTime);

    /// <summary>A machine without the time zone database (a minimal container) still shows a time, said to be UTC.</summary>
    private static readonly TimeZoneInfo ParisTime = TimeZoneInfo.TryFindSystemTimeZoneById("Europe/Paris", out var paris)
        ? paris
        : TimeZoneInfo.CreateCustomTimeZone("UTC", TimeSpan.Zero, "UTC", "UTC");

    public static string Date(Ctg.Common.V1.Date? date) =>
        date is null || date.Year == 0 ? "—" : Date(new DateOnly(date.Year, date.Month, date.Day));

    /// <summary>Amount for a CSV a French Excel opens as a number: "1234,56" (no group separator, no symbol).</summary>
    public static string CsvAmount(long cents) => (cents / 100m).ToString("0.00", Culture);

    /// <summary>"12,5 %".</summary>
    public static string Percent(decimal ratio) => (ratio * 100m).ToString("0.##", Culture) + NoBreakSpace + "%";
}
