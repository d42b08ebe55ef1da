using System.Data.Common;
using System.Globalization;
using Ctg.Application.Commands;
using Dapper;
using Microsoft.Data.Sqlite;

namespace Ctg.Structures.Import;

/// <summary>The SQLite page cache of an import's connection, enlarged for the import and put back after it.
/// A large import touches far more pages than SQLite's default 2 MB cache holds, and spilling dirty pages to the
/// WAL mid-transaction is what makes big transactions slow; but the cache is native memory of the service that
/// stays allocated on the pooled connection, so it is bounded (<see cref="ImportCacheKib"/>) and restored when
/// the import ends, committed or not.</summary>
internal sealed class SqliteImportCache : IAsyncDisposable
{
    /// <summary>The cache of an import, in KiB (SQLite's negative cache_size).</summary>
    public const int ImportCacheKib = 65_536;

    private readonly DbConnection? _connection;
    private readonly DbTransaction? _transaction;
    private readonly long _previous;

    private SqliteImportCache(DbConnection? connection, DbTransaction? transaction, long previous)
    {
        _connection = connection;
        _transaction = transaction;
        _previous = previous;
    }

    /// <summary>Enlarges the cache of the command's connection when it is SQLite; does nothing on other databases.</summary>
    public static async Task<SqliteImportCache> EnlargeAsync(ICommandContext ctx)
    {
        if (ctx.Connection is not SqliteConnection)
        {
            return new SqliteImportCache(null, null, 0);
        }

        var previous = await ctx.Connection.ExecuteScalarAsync<long>(new CommandDefinition("PRAGMA cache_size", transaction: ctx.Transaction, cancellationToken: ctx.CancellationToken));
        await SetAsync(ctx.Connection, ctx.Transaction, -ImportCacheKib);
        return new SqliteImportCache(ctx.Connection, ctx.Transaction, previous);
    }

    public async ValueTask DisposeAsync()
    {
        if (_connection is not null)
        {
            // Shrinking the cache frees its pages: the pooled connection goes back to its usual few megabytes.
            await SetAsync(_connection, _transaction, _previous);
        }
    }

    private static Task SetAsync(DbConnection connection, DbTransaction? transaction, long size) =>
        connection.ExecuteAsync(new CommandDefinition(
            "PRAGMA cache_size = " + size.ToString(CultureInfo.InvariantCulture), transaction: transaction, cancellationToken: CancellationToken.None));
}
