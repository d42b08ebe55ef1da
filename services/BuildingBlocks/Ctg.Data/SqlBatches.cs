using System.Text.RegularExpressions;

namespace Ctg.Data;

/// <summary>Splits a T-SQL script into the batches SQL Server runs one at a time, on lines that hold only
/// <c>GO</c> (as sqlcmd does): CREATE TRIGGER must be the first statement of its batch.</summary>
public static partial class SqlBatches
{
    [GeneratedRegex(@"^[ \t]*GO[ \t]*$", RegexOptions.IgnoreCase | RegexOptions.Multiline)]
    private static partial Regex Separator();

    /// <summary>The batches that contain something besides whitespace, each with the 1-based line of
    /// the script it starts on (parse errors name lines of the file).</summary>
    public static IReadOnlyList<(int StartLine, string Sql)> Split(string script)
    {
        var batches = new List<(int, string)>();
        var line = 1;
        var start = 0;
        foreach (Match separator in Separator().Matches(script))
        {
            Add(script[start..separator.Index]);
            line += CountLines(script, start, separator.Index + separator.Length);
            start = separator.Index + separator.Length;
        }

        Add(script[start..]);
        return batches;

        void Add(string sql)
        {
            if (!string.IsNullOrWhiteSpace(sql))
            {
                batches.Add((line, sql));
            }
        }
    }

    private static int CountLines(string text, int from, int to)
    {
        var count = 0;
        for (var i = from; i < to; i++)
        {
            if (text[i] == '\n')
            {
                count++;
            }
        }

        return count;
    }
}
