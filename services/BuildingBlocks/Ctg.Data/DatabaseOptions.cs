namespace Ctg.Data;

/// <summary>Configuration section <c>Database</c> of a service.</summary>
public sealed class DatabaseOptions
{
    public const string SectionName = "Database";

    /// <summary><c>sqlite</c> (default, embedded), <c>postgres</c> or <c>sqlserver</c>.</summary>
    public string Provider { get; set; } = "sqlite";

    /// <summary>PostgreSQL or SQL Server connection string; ignored for SQLite. For SQL Server,
    /// <c>Encrypt=True</c> is added when the string names no Encrypt.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Where the SQLite files live: one file per service.</summary>
    public string DataDirectory { get; set; } = ".data";

    /// <summary>Apply pending migrations when the service starts. True only for the embedded /
    /// development mode; in production migrations are an explicit step (<c>service migrate</c>).</summary>
    public bool? ApplyMigrationsOnStart { get; set; }

    public SqlDialect Dialect => Provider.Trim().ToLowerInvariant() switch
    {
        "sqlite" => SqlDialect.Sqlite,
        "postgres" or "postgresql" or "npgsql" => SqlDialect.Postgres,
        "sqlserver" or "mssql" => SqlDialect.SqlServer,
        var other => throw new InvalidOperationException($"Unknown database provider '{other}': use sqlite, postgres or sqlserver."),
    };

    public IDbConnectionFactory CreateFactory(string serviceName) => Dialect switch
    {
        SqlDialect.Sqlite => new SqliteConnectionFactory(Path.Combine(DataDirectory, serviceName + ".db")),
        SqlDialect.Postgres => new PostgresConnectionFactory(
            ConnectionString ?? throw new InvalidOperationException("Database:ConnectionString is required for postgres.")),
        SqlDialect.SqlServer => new SqlServerConnectionFactory(
            ConnectionString ?? throw new InvalidOperationException("Database:ConnectionString is required for sqlserver.")),
        _ => throw new InvalidOperationException($"Unsupported dialect {Dialect}."),
    };
}
