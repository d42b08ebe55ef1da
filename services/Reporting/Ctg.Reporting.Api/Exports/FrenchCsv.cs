using System.Globalization;
using System.Text;

namespace Ctg.Reporting.Exports;

/// <summary>CSV as French spreadsheet users open it: <c>;</c> between fields, UTF-8 with a BOM (so that
/// Excel reads the accents), CRLF line ends, amounts in euros with a comma and no thousands separator
/// (a spreadsheet must read them as numbers), dates as dd/MM/yyyy. Lines are written into a buffer that
/// the caller flushes as chunks, so that a large report never sits whole in memory. Text that a
/// spreadsheet would run as a formula is neutralised (<see cref="NeutraliseFormula"/>).</summary>
public sealed class FrenchCsv
{
    public const char Separator = ';';

    private static readonly CultureInfo French = CultureInfo.GetCultureInfo("fr-FR");
    private static readonly byte[] Bom = Encoding.UTF8.GetPreamble();
    private readonly StringBuilder _buffer = new();
    private bool _bomWritten;

    public int PendingLength => _buffer.Length;

    public void Line(params string?[] fields)
    {
        for (var i = 0; i < fields.Length; i++)
        {
            if (i > 0)
            {
                _buffer.Append(Separator);
            }

            _buffer.Append(Escape(fields[i] ?? ""));
        }

        _buffer.Append("\r\n");
    }

    /// <summary>The bytes written since the last call (the BOM first), and empties the buffer.</summary>
    public byte[] TakeBytes()
    {
        var text = Encoding.UTF8.GetBytes(_buffer.ToString());
        _buffer.Clear();
        if (_bomWritten)
        {
            return text;
        }

        _bomWritten = true;
        return [.. Bom, .. text];
    }

    /// <summary>12345678 cents → <c>123456,78</c>.</summary>
    public static string Euros(long cents) => (cents / 100m).ToString("0.00", French);

    /// <summary>ISO <c>2025-03-01</c> → <c>01/03/2025</c>; other text unchanged.</summary>
    public static string Date(string? iso) =>
        iso is { Length: >= 10 } && DateOnly.TryParseExact(iso[..10], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture)
            : iso ?? "";

    public static string Number(double value) => value.ToString("0.##", French);

    private static string Escape(string field)
    {
        field = NeutraliseFormula(field);
        return field.IndexOfAny([Separator, '"', '\r', '\n']) >= 0 ? "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : field;
    }

    /// <summary>A spreadsheet runs a cell that starts with = + - @ (or a tab or CR before them) as a formula:
    /// text from the read models (a structure or manager name someone typed) must not. Such a text cell is
    /// prefixed with <c>'</c>, which Excel and LibreOffice show as text; a number as this class writes it
    /// (<c>-1234,56</c>) is left alone so that amounts stay numbers.</summary>
    public static string NeutraliseFormula(string field) =>
        field.Length > 0 && field[0] is '=' or '+' or '-' or '@' or '\t' or '\r' && !IsFrenchNumber(field) ? "'" + field : field;

    private static bool IsFrenchNumber(string field) =>
        System.Text.RegularExpressions.Regex.IsMatch(field, @"^-?[0-9]+(,[0-9]+)?$", System.Text.RegularExpressions.RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
}
