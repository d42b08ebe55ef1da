using System.Data.Common;
using Npgsql;

namespace Ctg.Data;

/// <summary>PostgreSQL through Npgsql, with its own connection pool.</summary>
public sealed class PostgresConnectionFactory : IDbConnectionFactory, IAsyncDisposable
{
    private readonly NpgsqlDataSource _dataSource;

    public PostgresConnectionFactory(string connectionString)
    {
        _dataSource = NpgsqlDataSource.Create(connectionString);
    }

    public SqlDialect Dialect => SqlDialect.Postgres;

    public ISqlDialectSyntax Syntax { get; } = new PostgresSyntax();

    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken) =>
        await _dataSource.OpenConnectionAsync(cancellationToken);

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();
}
