using System.Data.Common;
using Ctg.Data;

namespace Ctg.DevBus.Storage;

/// <summary>The SQLite factory of Ctg.Data with <c>synchronous=NORMAL</c>: in WAL mode a commit then
/// survives a crash or kill of the bus process (what "a restart loses nothing" needs) without an fsync
/// per message; only a power loss of the machine could drop the last commits, acceptable for a
/// development bus and several times faster.</summary>
public sealed class DevBusConnectionFactory(string databaseFile) : IDbConnectionFactory
{
    private readonly SqliteConnectionFactory _inner = new(databaseFile);

    public SqlDialect Dialect => _inner.Dialect;

    public ISqlDialectSyntax Syntax => _inner.Syntax;

    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = await _inner.OpenAsync(cancellationToken);
        await using var pragma = connection.CreateCommand();
        pragma.CommandText = "PRAGMA synchronous=NORMAL;";
        await pragma.ExecuteNonQueryAsync(cancellationToken);
        return connection;
    }
}
