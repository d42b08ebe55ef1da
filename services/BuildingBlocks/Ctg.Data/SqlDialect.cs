namespace Ctg.Data;

/// <summary>The SQL dialects a service can run on. SQL Server is planned: services never write
/// dialect-specific SQL outside their per-dialect migration folders and <see cref="ISqlDialectSyntax"/>.</summary>
public enum SqlDialect
{
    Sqlite,
    Postgres,
}
