using Ctg.Data;
using Npgsql;

namespace Ctg.Testing;

/// <summary>A fresh, empty database on the test cluster, dropped on dispose.</summary>
public sealed class PostgresDatabase : IAsyncDisposable
{
    private PostgresDatabase(string name, string connectionString)
    {
        Name = name;
        ConnectionString = connectionString;
        Factory = new PostgresConnectionFactory(connectionString);
    }

    public static string? ServerConnectionString => Environment.GetEnvironmentVariable("CTG_TEST_PG");

    public string Name { get; }

    public string ConnectionString { get; }

    public PostgresConnectionFactory Factory { get; }

    public static async Task<PostgresDatabase> CreateAsync()
    {
        var server = ServerConnectionString ?? throw new InvalidOperationException("CTG_TEST_PG is not set.");
        var name = "ctg_test_" + Guid.NewGuid().ToString("N");
        await using (var connection = new NpgsqlConnection(server))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await create.ExecuteNonQueryAsync();
        }

        var builder = new NpgsqlConnectionStringBuilder(server) { Database = name };
        return new PostgresDatabase(name, builder.ToString());
    }

    public async ValueTask DisposeAsync()
    {
        await Factory.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(ServerConnectionString);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {Name} WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }
}
