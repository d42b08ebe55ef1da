using System.Globalization;

namespace Ctg.Web.Declarations;

/// <summary>Numbers as a French person types them ("1 234,5", "0,98", "12 000 €") read into the contracts'
/// invariant decimals and cents. A dot is accepted too: people paste from spreadsheets.</summary>
public static class FrenchNumbers
{
    public static bool TryParseDecimal(string? text, out decimal value)
    {
        value = 0;
        if (string.IsNullOrWhiteSpace(text)) return false;
        var cleaned = new string(text.Where(c => !char.IsWhiteSpace(c) && c is not '\u00A0' and not '\u202F' and not '€').ToArray())
            .Replace(',', '.');
        return cleaned.Count(c => c == '.') <= 1
            && decimal.TryParse(cleaned, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>Euros with at most two decimals into cents.</summary>
    public static bool TryParseCents(string? text, out long cents)
    {
        cents = 0;
        if (!TryParseDecimal(text, out var euros) || decimal.Round(euros, 2) != euros) return false;
        cents = (long)(euros * 100m);
        return true;
    }

    public static string Invariant(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>An invariant decimal of the contracts shown back in a French field ("1234.5" → "1234,5").</summary>
    public static string ForField(string? invariant) => string.IsNullOrEmpty(invariant) ? "" : invariant.Replace('.', ',');

    public static string ForField(long cents) => (cents / 100m).ToString("0.00", CultureInfo.GetCultureInfo("fr-FR"));
}
