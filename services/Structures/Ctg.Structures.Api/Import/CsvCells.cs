using System.Globalization;
using Ctg.Structures.Shared;
using Ctg.Structures.V1;

namespace Ctg.Structures.Import;

/// <summary>Reads the cells of one row by column name, recording an error with the line and column for
/// every cell that cannot be read. French conventions are accepted: decimal comma, dd/mm/yyyy dates, oui/non.</summary>
internal sealed class CsvCells(CsvRow row, IReadOnlyDictionary<string, int> columns, List<ImportErrorItem> errors)
{
    public int Line => row.Line;

    public bool HasErrors { get; private set; }

    public void Error(string column, string message)
    {
        HasErrors = true;
        errors.Add(new ImportErrorItem(row.Line, column, message));
    }

    /// <summary>The trimmed cell; empty for an optional column the file does not have.</summary>
    public string Text(string column) => columns.TryGetValue(column, out var position) ? row.Fields[position].Trim() : "";

    public string Required(string column)
    {
        var value = Text(column);
        if (value.Length == 0)
        {
            Error(column, "is required.");
        }

        return value;
    }

    public decimal? Decimal(string column)
    {
        var text = Text(column).Replace(" ", "", StringComparison.Ordinal).Replace("\u00A0", "", StringComparison.Ordinal).Replace("\u202F", "", StringComparison.Ordinal);
        if (text.Length == 0)
        {
            return null;
        }

        if (decimal.TryParse(text.Replace(',', '.'), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        Error(column, $"'{Text(column)}' is not a number.");
        return null;
    }

    public DecimalValue? DecimalValue(string column) => Decimal(column) is { } d ? new DecimalValue { Value = d.ToString(CultureInfo.InvariantCulture) } : null;

    public long? Long(string column)
    {
        var text = Text(column);
        if (text.Length == 0)
        {
            return null;
        }

        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        Error(column, $"'{text}' is not a whole number.");
        return null;
    }

    public int? Int(string column)
    {
        var value = Long(column);
        if (value is < int.MinValue or > int.MaxValue)
        {
            Error(column, "is out of range.");
            return null;
        }

        return (int?)value;
    }

    public bool? Bool(string column)
    {
        var text = Text(column).ToLowerInvariant();
        switch (text)
        {
            case "":
                return null;
            case "oui" or "o" or "true" or "1" or "yes":
                return true;
            case "non" or "n" or "false" or "0" or "no":
                return false;
            default:
                Error(column, $"'{Text(column)}' is not oui/non.");
                return null;
        }
    }

    public DateOnly? Date(string column)
    {
        var text = Text(column);
        if (text.Length == 0)
        {
            return null;
        }

        if (DateOnly.TryParseExact(text, ["yyyy-MM-dd", "dd/MM/yyyy"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        Error(column, $"'{text}' is not a date (31/12/2025 or 2025-12-31).");
        return null;
    }

    public T Code<T>(string column, IReadOnlyDictionary<string, T> codes, bool required) where T : struct, Enum
    {
        var text = Text(column).ToLowerInvariant();
        if (text.Length == 0)
        {
            if (required)
            {
                Error(column, "is required; one of " + string.Join(", ", codes.Keys) + ".");
            }

            return default;
        }

        if (codes.TryGetValue(text, out var value))
        {
            return value;
        }

        Error(column, $"unknown value '{Text(column)}'; one of " + string.Join(", ", codes.Keys) + ".");
        return default;
    }
}
