using System.Text.RegularExpressions;

namespace Ctg.Presentation.Exports;

/// <summary>
/// A spreadsheet runs a cell starting with = + - @ (or a tab or CR) as a formula. Names come from the
/// services, where someone typed them: such a text cell gets a leading <c>'</c>, which Excel and
/// LibreOffice show as text. A number as the CLI writes it (<c>-1234,56</c>) is left alone, so that
/// amounts stay numbers a spreadsheet can add up.
/// </summary>
public static partial class CsvFormulaGuard
{
    public static string Neutralise(string cell) =>
        cell.Length > 0 && cell[0] is '=' or '+' or '-' or '@' or '\t' or '\r' && !FrenchNumber().IsMatch(cell) ? "'" + cell : cell;

    [GeneratedRegex("^-?[0-9]+(,[0-9]+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex FrenchNumber();
}
