using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace Ctg.Data;

/// <summary>The embedded default: one SQLite file per service under the data directory.</summary>
public sealed class SqliteConnectionFactory : IDbConnectionFactory
{
    private readonly string _connectionString;

    public SqliteConnectionFactory(string databaseFile)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(databaseFile));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = databaseFile,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
    }

    public SqlDialect Dialect => SqlDialect.Sqlite;

    public ISqlDialectSyntax Syntax { get; } = new SqliteSyntax();

    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        // WAL lets the outbox publisher read while a request writes; foreign keys are off by default in SQLite.
        // synchronous=NORMAL: in WAL mode a commit no longer waits for an fsync (the WAL is synced at checkpoints), so a
        // crash of the process loses nothing and a power cut at most the last commits, which SQLite's use here allows.
        await using var pragma = connection.CreateCommand();
        pragma.CommandText = "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; PRAGMA busy_timeout=30000;";
        await pragma.ExecuteNonQueryAsync(cancellationToken);
        return connection;
    }
}
