using System.Data.Common;
using Microsoft.Data.SqlClient;

namespace Ctg.Data;

/// <summary>SQL Server through Microsoft.Data.SqlClient (its own connection pool). The connection is
/// encrypted unless the connection string says otherwise: a CAF's database is reached across its
/// network, and SqlClient validates the server certificate unless <c>TrustServerCertificate=True</c>.</summary>
public sealed class SqlServerConnectionFactory : IDbConnectionFactory
{
    private readonly string _connectionString;

    public SqlServerConnectionFactory(string connectionString)
    {
        _connectionString = WithDefaults(connectionString);
    }

    public SqlDialect Dialect => SqlDialect.SqlServer;

    public ISqlDialectSyntax Syntax { get; } = new SqlServerSyntax();

    /// <summary>The connection string as used: <c>Encrypt=True</c> added when it names no Encrypt.</summary>
    public string ConnectionString => _connectionString;

    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqlConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }

        return connection;
    }

    internal static string WithDefaults(string connectionString)
    {
        var builder = new SqlConnectionStringBuilder(connectionString);
        if (!ContainsKey(connectionString, "Encrypt"))
        {
            builder.Encrypt = SqlConnectionEncryptOption.Mandatory;
        }

        return builder.ConnectionString;
    }

    private static bool ContainsKey(string connectionString, string key)
    {
        var parsed = new DbConnectionStringBuilder { ConnectionString = connectionString };
        return parsed.ContainsKey(key);
    }
}
