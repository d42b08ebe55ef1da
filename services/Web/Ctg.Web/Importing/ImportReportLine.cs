using System.Text.RegularExpressions;

namespace Ctg.Web.Importing;

/// <summary>One line of the dry-run report a person reads before anything is written: file, line, field, message.</summary>
public sealed partial record ImportReportLine(string File, int? Line, string Field, string Message)
{
    /// <summary>The readers' French details ("ligne 4, champ « start » : date invalide …") as report lines.</summary>
    public static IEnumerable<ImportReportLine> FromDetails(string file, string message, IReadOnlyList<string> details) =>
        details.Count == 0
            ? [new ImportReportLine(file, null, "", message)]
            : details.Select(d => Detail().Match(d) is { Success: true } m
                ? new ImportReportLine(file, int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), m.Groups[2].Value, m.Groups[3].Value)
                : new ImportReportLine(file, null, "", d));

    [GeneratedRegex(@"^ligne (\d+)(?:, colonne \d+)?(?:, champ « (.*?) »)? : (.*)$")]
    private static partial Regex Detail();
}
