namespace Ctg.Data;

/// <summary>T-SQL for SQL Server 2022: OFFSET/FETCH paging and MERGE upserts. The MERGE names the new
/// row <c>excluded</c> and leaves the target unaliased, so the update clauses services write for
/// <c>ON CONFLICT</c> read the same here. HOLDLOCK makes the key check and the insert one atomic step,
/// as ON CONFLICT is: two concurrent upserts of one key never both insert.</summary>
public sealed class SqlServerSyntax : ISqlDialectSyntax
{
    public SqlDialect Dialect => SqlDialect.SqlServer;

    public string LimitOffset(string limitParameter, string offsetParameter) =>
        $"OFFSET @{offsetParameter} ROWS FETCH NEXT @{limitParameter} ROWS ONLY";

    public string Limit(string rowCount) => $"OFFSET 0 ROWS FETCH NEXT {rowCount} ROWS ONLY";

    public string InsertIgnoringDuplicates(string table, string columns, string values, string keyColumns) =>
        Merge(table, columns, values, keyColumns) + ";";

    public string Upsert(string table, string columns, string values, string keyColumns, string updateSet, string? updateWhen = null) =>
        Merge(table, columns, values, keyColumns)
        + $" WHEN MATCHED{(updateWhen is null ? "" : $" AND ({updateWhen})")} THEN UPDATE SET {updateSet};";

    // The condition reads the length of the parameter in bytes: LEN would ignore trailing spaces.
    public string StartsWith(string column, string parameter) =>
        $"SUBSTRING({column}, 1, DATALENGTH({parameter}) / 2) = {parameter}";

    private static string Merge(string table, string columns, string values, string keyColumns)
    {
        var names = Split(columns);
        var on = string.Join(" AND ", Split(keyColumns).Select(k => $"{table}.{k} = excluded.{k}"));
        var inserted = string.Join(", ", names.Select(c => "excluded." + c));
        return $"MERGE INTO {table} WITH (HOLDLOCK) USING (VALUES ({values})) AS excluded ({string.Join(", ", names)}) ON {on}"
            + $" WHEN NOT MATCHED THEN INSERT ({string.Join(", ", names)}) VALUES ({inserted})";
    }

    private static string[] Split(string list) =>
        list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
