using Ctg.Data;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Ctg.SqlServer.Tests;

/// <summary>The SQL Server dialect of Ctg.Data: configuration, connection defaults, the syntax it renders,
/// and which failures are worth a retry.</summary>
public sealed class DialectTests
{
    private readonly SqlServerSyntax _syntax = new();

    [Fact]
    public void Provider_sqlserver_selects_the_SqlClient_factory_with_Encrypt_on_by_default()
    {
        var options = new DatabaseOptions { Provider = "sqlserver", ConnectionString = "Server=db.caf39.local;Database=funding;User ID=ctg;Password=x" };

        var factory = Assert.IsType<SqlServerConnectionFactory>(options.CreateFactory("funding"));

        Assert.Equal(SqlDialect.SqlServer, factory.Dialect);
        Assert.IsType<SqlServerSyntax>(factory.Syntax);
        Assert.Equal(SqlConnectionEncryptOption.Mandatory, new SqlConnectionStringBuilder(factory.ConnectionString).Encrypt);
    }

    [Fact]
    public void An_explicit_Encrypt_setting_is_kept()
    {
        var factory = new SqlServerConnectionFactory("Server=localhost;Database=x;Encrypt=Strict");

        Assert.Equal(SqlConnectionEncryptOption.Strict, new SqlConnectionStringBuilder(factory.ConnectionString).Encrypt);
    }

    [Fact]
    public void Sqlserver_without_a_connection_string_is_refused_at_start()
    {
        var refused = Assert.Throws<InvalidOperationException>(() => new DatabaseOptions { Provider = "sqlserver" }.CreateFactory("funding"));

        Assert.Equal("Database:ConnectionString is required for sqlserver.", refused.Message);
    }

    [Fact]
    public void Paging_is_OFFSET_FETCH()
    {
        Assert.Equal("OFFSET @Offset ROWS FETCH NEXT @Limit ROWS ONLY", _syntax.LimitOffset("Limit", "Offset"));
        Assert.Equal("OFFSET 0 ROWS FETCH NEXT 1 ROWS ONLY", _syntax.Limit("1"));
    }

    [Fact]
    public void Upsert_is_a_MERGE_whose_update_only_runs_where_the_condition_holds()
    {
        var sql = _syntax.Upsert("rm_conventions", "convention_id, name, source_sequence", "@Id, @Name, @Sequence", "convention_id",
            "name = excluded.name, source_sequence = excluded.source_sequence", "rm_conventions.source_sequence <= excluded.source_sequence");

        Assert.Equal(
            "MERGE INTO rm_conventions WITH (HOLDLOCK) USING (VALUES (@Id, @Name, @Sequence)) AS excluded (convention_id, name, source_sequence)"
            + " ON rm_conventions.convention_id = excluded.convention_id"
            + " WHEN NOT MATCHED THEN INSERT (convention_id, name, source_sequence) VALUES (excluded.convention_id, excluded.name, excluded.source_sequence)"
            + " WHEN MATCHED AND (rm_conventions.source_sequence <= excluded.source_sequence) THEN UPDATE SET name = excluded.name, source_sequence = excluded.source_sequence;",
            sql);
        Assert.Empty(TSql.Errors(sql));
    }

    [Fact]
    public void Other_dialects_keep_their_ON_CONFLICT_and_substr_forms()
    {
        var sqlite = new SqliteSyntax();

        Assert.Equal("INSERT INTO t (a, b) VALUES (@A, @B) ON CONFLICT (a) DO UPDATE SET b = excluded.b WHERE t.b < excluded.b",
            sqlite.Upsert("t", "a, b", "@A, @B", "a", "b = excluded.b", "t.b < excluded.b"));
        Assert.Equal("LIMIT 1", new PostgresSyntax().Limit("1"));
        Assert.Equal("substr(consumer, 1, length(@Prefix)) = @Prefix", sqlite.StartsWith("consumer", "@Prefix"));
        Assert.Equal("SUBSTRING(consumer, 1, DATALENGTH(@Prefix) / 2) = @Prefix", _syntax.StartsWith("consumer", "@Prefix"));
    }

    [Fact]
    public void Version_table_is_created_with_TSql_on_sqlserver()
    {
        Assert.Empty(TSql.Errors(MigrationRunner.VersionTable(SqlDialect.SqlServer)));
        Assert.StartsWith("CREATE TABLE IF NOT EXISTS", MigrationRunner.VersionTable(SqlDialect.Postgres));
    }

    [Fact]
    public void Lock_contention_and_serialization_failures_are_transient_constraint_violations_are_not()
    {
        Assert.True(TransientDatabaseErrors.IsTransient(new SqliteException("database is locked", 5)));
        Assert.False(TransientDatabaseErrors.IsTransient(new SqliteException("UNIQUE constraint failed", 19)));
        Assert.True(TransientDatabaseErrors.IsTransient(new PostgresException("could not serialize", "ERROR", "ERROR", "40001")));
        Assert.True(TransientDatabaseErrors.IsTransient(new InvalidOperationException("wrapped", new PostgresException("deadlock", "ERROR", "ERROR", "40P01"))));
        Assert.False(TransientDatabaseErrors.IsTransient(new PostgresException("duplicate key", "ERROR", "ERROR", "23505")));
        Assert.False(TransientDatabaseErrors.IsTransient(new TimeoutException()));
    }
}
