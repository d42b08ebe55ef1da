namespace Ctg.Data;

/// <summary>The few statements whose syntax differs between dialects (paging, upsert), so that
/// service SQL stays portable and a SQL Server dialect can be added without touching services.</summary>
public interface ISqlDialectSyntax
{
    SqlDialect Dialect { get; }

    /// <summary>Clause appended after ORDER BY to take <c>@Limit</c> rows after <c>@Offset</c>.</summary>
    string LimitOffset(string limitParameter, string offsetParameter);

    /// <summary>An INSERT that does nothing when the key already exists.</summary>
    string InsertIgnoringDuplicates(string table, string columns, string values, string keyColumns);
}

public sealed class SqliteSyntax : ISqlDialectSyntax
{
    public SqlDialect Dialect => SqlDialect.Sqlite;

    public string LimitOffset(string limitParameter, string offsetParameter) =>
        $"LIMIT @{limitParameter} OFFSET @{offsetParameter}";

    public string InsertIgnoringDuplicates(string table, string columns, string values, string keyColumns) =>
        $"INSERT INTO {table} ({columns}) VALUES ({values}) ON CONFLICT ({keyColumns}) DO NOTHING";
}

public sealed class PostgresSyntax : ISqlDialectSyntax
{
    public SqlDialect Dialect => SqlDialect.Postgres;

    public string LimitOffset(string limitParameter, string offsetParameter) =>
        $"LIMIT @{limitParameter} OFFSET @{offsetParameter}";

    public string InsertIgnoringDuplicates(string table, string columns, string values, string keyColumns) =>
        $"INSERT INTO {table} ({columns}) VALUES ({values}) ON CONFLICT ({keyColumns}) DO NOTHING";
}
