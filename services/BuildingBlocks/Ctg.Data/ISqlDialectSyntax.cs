namespace Ctg.Data;

/// <summary>The few statements whose syntax differs between dialects (paging, row limits, upserts,
/// prefix matching), so that service SQL stays portable across SQLite, PostgreSQL and SQL Server.</summary>
public interface ISqlDialectSyntax
{
    SqlDialect Dialect { get; }

    /// <summary>Clause appended after ORDER BY to take <c>@Limit</c> rows after <c>@Offset</c>.</summary>
    string LimitOffset(string limitParameter, string offsetParameter);

    /// <summary>Clause appended after ORDER BY to take the first <paramref name="rowCount"/> rows; the
    /// row count is SQL (<c>1</c>, <c>@limit</c>). SQL Server needs the ORDER BY it follows.</summary>
    string Limit(string rowCount);

    /// <summary>An INSERT that does nothing when the key already exists.</summary>
    string InsertIgnoringDuplicates(string table, string columns, string values, string keyColumns);

    /// <summary>An INSERT that, when the key already exists, runs <paramref name="updateSet"/> instead,
    /// only where <paramref name="updateWhen"/> holds. Both may name the new row's columns as
    /// <c>excluded.column</c> and the stored row's as <c>table.column</c>.</summary>
    string Upsert(string table, string columns, string values, string keyColumns, string updateSet, string? updateWhen = null);

    /// <summary>A condition true when <paramref name="column"/> starts with the text of <paramref name="parameter"/>.</summary>
    string StartsWith(string column, string parameter);
}

/// <summary>SQLite and PostgreSQL share the syntax of everything <see cref="ISqlDialectSyntax"/> covers.</summary>
public abstract class OnConflictSyntax : ISqlDialectSyntax
{
    public abstract SqlDialect Dialect { get; }

    public string LimitOffset(string limitParameter, string offsetParameter) =>
        $"LIMIT @{limitParameter} OFFSET @{offsetParameter}";

    public string Limit(string rowCount) => $"LIMIT {rowCount}";

    public string InsertIgnoringDuplicates(string table, string columns, string values, string keyColumns) =>
        $"INSERT INTO {table} ({columns}) VALUES ({values}) ON CONFLICT ({keyColumns}) DO NOTHING";

    public string Upsert(string table, string columns, string values, string keyColumns, string updateSet, string? updateWhen = null) =>
        $"INSERT INTO {table} ({columns}) VALUES ({values}) ON CONFLICT ({keyColumns}) DO UPDATE SET {updateSet}"
        + (updateWhen is null ? "" : $" WHERE {updateWhen}");

    public string StartsWith(string column, string parameter) => $"substr({column}, 1, length({parameter})) = {parameter}";
}

public sealed class SqliteSyntax : OnConflictSyntax
{
    public override SqlDialect Dialect => SqlDialect.Sqlite;
}

public sealed class PostgresSyntax : OnConflictSyntax
{
    public override SqlDialect Dialect => SqlDialect.Postgres;
}
