using System.Globalization;
using Ctg.Common.V1;

namespace Ctg.Funding.Api.Shared;

/// <summary>Exact decimals as the contracts spell them ("1.07", '.' separator), money as cents and timestamps.</summary>
internal static class Decimals
{
    /// <summary>The shortest exact form: dividing by 1.000… drops the trailing zeros of the scale, a 96-bit division that
    /// a whole number (scale 0, most of an explanation's figures) does not need.</summary>
    public static string Format(decimal value) =>
        (value.Scale == 0 ? value : value / 1.0000000000000000000000000000m).ToString(CultureInfo.InvariantCulture);

    public static bool TryParse(string? text, out decimal value) =>
        decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value);

    public static decimal? Parse(Ctg.Structures.V1.DecimalValue? value) =>
        value is not null && !string.IsNullOrWhiteSpace(value.Value) && TryParse(value.Value, out var d) ? d : null;

    public static Money Money(long cents) => new() { Cents = cents };

    public static decimal Euros(Money? money) => money is null ? 0m : money.Cents / 100m;

    /// <summary>The instant the clock reads now, as the contracts spell timestamps (UTC, milliseconds).</summary>
    public static string Timestamp(TimeProvider clock) =>
        clock.GetUtcNow().UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);
}
