using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace Ctg.SqlServer.Tests;

/// <summary>The SQL Server 2022 parser (TSql160Parser), quoted identifiers on as SqlClient sets them.</summary>
internal static class TSql
{
    /// <summary>The parse errors of <paramref name="sql"/>, as "line L, column C: message" where L counts
    /// from <paramref name="firstLine"/>.</summary>
    public static IReadOnlyList<string> Errors(string sql, int firstLine = 1)
    {
        var parser = new TSql160Parser(initialQuotedIdentifiers: true);
        using var reader = new StringReader(sql);
        parser.Parse(reader, out var errors);
        return errors.Select(e => $"line {firstLine + e.Line - 1}, column {e.Column}: {e.Message}").ToList();
    }
}
