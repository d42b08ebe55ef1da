using Ctg.Structures.Shared;

namespace Ctg.Structures.Import;

/// <summary>One data row of a CSV, with the line of the file it starts on (the header is line 1).</summary>
internal sealed record CsvRow(int Line, string[] Fields);

/// <summary>The data rows of a file, read from its text each time they are enumerated: an import walks them a few
/// times (collectivities, then writes) and never holds every parsed row at once, only the text and the current
/// row. Rows whose field count is wrong were reported when the file was opened and are skipped.</summary>
internal sealed class CsvRows(string text, int fieldCount, int count) : IEnumerable<CsvRow>
{
    /// <summary>The rows with the right number of fields.</summary>
    public int Count { get; } = count;

    public IEnumerator<CsvRow> GetEnumerator() =>
        CsvReader.Split(text).Skip(1).Where(record => !CsvReader.IsBlank(record) && record.Fields.Length == fieldCount).GetEnumerator();

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
}

/// <summary>Splits ';'-separated text into rows, honouring double quotes ("a;b", "say ""hi""") and
/// quoted line breaks, and checks the header against the columns the import expects.</summary>
internal static class CsvReader
{
    public const char Separator = ';';

    /// <summary>The rows after the header. The header is <paramref name="expectedHeader"/>, optionally followed by
    /// every column of <paramref name="optionalColumns"/> (columns added later, so that older files stay valid);
    /// <paramref name="header"/> is the one the file has.</summary>
    public static CsvRows ReadRows(string text, IReadOnlyList<string> expectedHeader, List<ImportErrorItem> errors,
        out IReadOnlyList<string> header, IReadOnlyList<string>? optionalColumns = null)
    {
        var extended = optionalColumns is { Count: > 0 } ? [.. expectedHeader, .. optionalColumns] : (IReadOnlyList<string>)expectedHeader;
        return ReadRows(text, extended, errors, expectedHeader, out header);
    }

    internal static bool IsBlank(CsvRow record) => record.Fields.Length == 1 && record.Fields[0].Length == 0; // e.g. the final newline

    private static CsvRows ReadRows(string text, IReadOnlyList<string> extendedHeader, List<ImportErrorItem> errors,
        IReadOnlyList<string> expectedHeader, out IReadOnlyList<string> actualHeader)
    {
        using var records = Split(text).GetEnumerator();
        if (!records.MoveNext() || records.Current.Fields.All(string.IsNullOrWhiteSpace))
        {
            throw new CsvFormatException("header", "the file has no header line; expected: " + string.Join(Separator, expectedHeader));
        }

        var header = records.Current.Fields.Select(h => h.Trim()).ToArray();
        if (extendedHeader.Count > expectedHeader.Count && header.SequenceEqual(extendedHeader, StringComparer.OrdinalIgnoreCase))
        {
            expectedHeader = extendedHeader;
        }

        actualHeader = expectedHeader;
        if (header.Length == 1 && expectedHeader.Count > 1)
        {
            var line = header[0];
            var other = line.Contains(',') ? "','" : line.Contains('\t') ? "a tab" : line.Contains('|') ? "'|'" : null;
            throw other is not null
                ? new CsvFormatException("separator", $"the header is separated by {other}; French CSVs here use ';'.")
                : new CsvFormatException("header", "the header has a single column; expected: " + string.Join(Separator, expectedHeader));
        }

        if (!header.SequenceEqual(expectedHeader, StringComparer.OrdinalIgnoreCase))
        {
            var missing = expectedHeader.Except(header, StringComparer.OrdinalIgnoreCase).ToList();
            var unexpected = header.Except(expectedHeader, StringComparer.OrdinalIgnoreCase).ToList();
            var detail = missing.Count + unexpected.Count == 0
                ? "the columns are in the wrong order"
                : string.Join("; ", new[]
                {
                    missing.Count > 0 ? "missing " + string.Join(", ", missing) : null,
                    unexpected.Count > 0 ? "unexpected " + string.Join(", ", unexpected) : null,
                }.Where(s => s is not null));
            throw new CsvFormatException("header", $"{detail}; expected: {string.Join(Separator, expectedHeader)}");
        }

        // One pass to count the rows and report those of the wrong width; the rows themselves are not kept.
        var count = 0;
        while (records.MoveNext())
        {
            var record = records.Current;
            if (IsBlank(record))
            {
                continue;
            }

            if (record.Fields.Length != expectedHeader.Count)
            {
                errors.Add(new ImportErrorItem(record.Line, "row", $"has {record.Fields.Length} fields separated by ';', expected {expectedHeader.Count}."));
                continue;
            }

            count++;
        }

        return new CsvRows(text, expectedHeader.Count, count);
    }

    internal static IEnumerable<CsvRow> Split(string text)
    {
        var fields = new List<string>();
        var field = new System.Text.StringBuilder();
        var line = 1;
        var recordLine = 1;
        var inQuotes = false;
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (inQuotes)
            {
                if (c == '"')
                {
                    if (i + 1 < text.Length && text[i + 1] == '"')
                    {
                        field.Append('"');
                        i += 2;
                        continue;
                    }

                    inQuotes = false;
                }
                else
                {
                    if (c == '\n')
                    {
                        line++;
                    }

                    field.Append(c);
                }

                i++;
                continue;
            }

            switch (c)
            {
                case '"' when field.Length == 0:
                    inQuotes = true;
                    break;
                case Separator:
                    fields.Add(field.ToString());
                    field.Clear();
                    break;
                case '\r':
                    break;
                case '\n':
                    fields.Add(field.ToString());
                    field.Clear();
                    yield return new CsvRow(recordLine, [.. fields]);
                    fields.Clear();
                    line++;
                    recordLine = line;
                    break;
                default:
                    field.Append(c);
                    break;
            }

            i++;
        }

        if (field.Length > 0 || fields.Count > 0)
        {
            fields.Add(field.ToString());
            yield return new CsvRow(recordLine, [.. fields]);
        }
    }
}

/// <summary>One bad cell or row. <c>FileIndex</c> is -1 for the request's own file, else the index in its preceding files (dry run).</summary>
internal sealed record ImportErrorItem(int Line, string Field, string Message, int FileIndex = -1);
