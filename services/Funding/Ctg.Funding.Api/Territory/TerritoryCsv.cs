using System.Globalization;

namespace Ctg.Funding.Api.Territory;

/// <summary>One commune's territory data from a year on (RULES.md §6.1).</summary>
public sealed record CommuneTerritoryRow(string CommuneInsee, int FromYear, int Stratum, bool Qpv, bool Zrr);

/// <summary>
/// Parses the territory CSV (commune_insee;from_year;stratum;qpv;zrr) and checks every line before anything is
/// stored: each error is a field violation lines[n].column, n being the line number in the file. Pure.
/// </summary>
public static class TerritoryCsv
{
    public const int MaxStratum = 5;
    private static readonly string[] Header = ["commune_insee", "from_year", "stratum", "qpv", "zrr"];

    public static (IReadOnlyList<CommuneTerritoryRow> Rows, IReadOnlyList<(string Field, string Description)> Violations) Parse(string csv)
    {
        var rows = new List<CommuneTerritoryRow>();
        var violations = new List<(string, string)>();
        var lines = csv.TrimStart('\uFEFF').Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var separator = lines[0].Contains(';', StringComparison.Ordinal) ? ';' : ',';
        var header = lines[0].Split(separator).Select(h => h.Trim().ToLowerInvariant()).ToArray();
        if (!header.SequenceEqual(Header))
        {
            return ([], [("lines[1]", "the header must be " + string.Join(separator, Header))]);
        }

        var seen = new HashSet<(string, int)>();
        for (var n = 2; n <= lines.Length; n++)
        {
            var line = lines[n - 1];
            if (line.Trim().Length == 0) continue;
            var cells = line.Split(separator).Select(c => c.Trim()).ToArray();
            var at = $"lines[{n}]";
            if (cells.Length != Header.Length)
            {
                violations.Add((at, $"has {cells.Length} columns, {Header.Length} expected"));
                continue;
            }

            var before = violations.Count;
            var insee = cells[0].ToUpperInvariant();
            if (!IsInsee(insee)) violations.Add((at + ".commune_insee", $"'{cells[0]}' is not an INSEE commune code (5 characters, digits or 2A/2B)"));
            if (!int.TryParse(cells[1], NumberStyles.None, CultureInfo.InvariantCulture, out var year) || year is < 2000 or > 2100)
                violations.Add((at + ".from_year", $"'{cells[1]}' must be a year between 2000 and 2100"));
            if (!int.TryParse(cells[2], NumberStyles.None, CultureInfo.InvariantCulture, out var stratum) || stratum is < 1 or > MaxStratum)
                violations.Add((at + ".stratum", $"'{cells[2]}' must be a stratum from 1 to {MaxStratum}"));
            var qpv = Flag(cells[3]);
            if (qpv is null) violations.Add((at + ".qpv", $"'{cells[3]}' must be oui or non"));
            var zrr = Flag(cells[4]);
            if (zrr is null) violations.Add((at + ".zrr", $"'{cells[4]}' must be oui or non"));
            if (violations.Count != before) continue;
            if (!seen.Add((insee, year)))
            {
                violations.Add((at + ".commune_insee", $"commune {insee} is given twice for {year}"));
                continue;
            }

            rows.Add(new CommuneTerritoryRow(insee, year, stratum, qpv!.Value, zrr!.Value));
        }

        if (rows.Count == 0 && violations.Count == 0) violations.Add(("csv", "holds no line after the header"));
        return (violations.Count > 0 ? [] : rows, violations);
    }

    private static bool? Flag(string cell) => cell.ToLowerInvariant() switch
    {
        "oui" or "true" or "1" or "o" => true,
        "non" or "false" or "0" or "n" or "" => false,
        _ => null,
    };

    private static bool IsInsee(string code) =>
        code.Length == 5 && (code.All(char.IsAsciiDigit) || ((code.StartsWith("2A", StringComparison.Ordinal) || code.StartsWith("2B", StringComparison.Ordinal)) && code[2..].All(char.IsAsciiDigit)));
}
