namespace Ctg.Data;

/// <summary>The SQL dialects a service can run on. Services never write dialect-specific SQL outside
/// their per-dialect migration folders and <see cref="ISqlDialectSyntax"/>.</summary>
public enum SqlDialect
{
    Sqlite,
    Postgres,

    /// <summary>SQL Server 2022 (T-SQL) through Microsoft.Data.SqlClient.</summary>
    SqlServer,
}
