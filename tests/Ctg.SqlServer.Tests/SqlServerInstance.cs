using DotNet.Testcontainers.Builders;
using Microsoft.Data.SqlClient;
using Testcontainers.MsSql;

namespace Ctg.SqlServer.Tests;

/// <summary>
/// One SQL Server 2022 container for the whole test run (Testcontainers.MsSql; its default image is
/// SQL Server 2022). Where no Docker engine answers, <see cref="Unavailable"/> says so and the tests that
/// need the server skip with that reason instead of passing.
/// </summary>
public sealed class SqlServerInstance : IAsyncLifetime
{
    private MsSqlContainer? _container;

    /// <summary>Why the SQL Server suites cannot run here, or null when the server is up.</summary>
    public string? Unavailable { get; private set; }

    public async Task InitializeAsync()
    {
        try
        {
            // The library's default image is SQL Server 2022 (CU14); taking it keeps registry host names
            // out of the repository. The constructor is marked obsolete in favour of naming the image.
#pragma warning disable CS0618
            _container = new MsSqlBuilder().Build();
#pragma warning restore CS0618
            using var startup = new CancellationTokenSource(TimeSpan.FromMinutes(5));
            await _container.StartAsync(startup.Token);
        }
        catch (DockerUnavailableException exception)
        {
            Unavailable = "No Docker engine answers, so no SQL Server 2022 container can start (Testcontainers: "
                + exception.Message.Split('\n')[0].Trim() + "). The T-SQL parse tests still ran.";
            _container = null;
        }
    }

    /// <summary>A new, empty database on the server, for one service of one test.</summary>
    public async Task<string> CreateDatabaseAsync(string service)
    {
        var server = _container ?? throw new InvalidOperationException(Unavailable);
        var name = $"ctg_{service}_{Guid.NewGuid():N}";
        var builder = new SqlConnectionStringBuilder(server.GetConnectionString())
        {
            // The container's certificate is self-signed: encrypted, but trusted as the test's own server.
            Encrypt = SqlConnectionEncryptOption.Mandatory,
            TrustServerCertificate = true,
            ConnectTimeout = 5,
        };
        await using (var connection = new SqlConnection(builder.ConnectionString))
        {
            await connection.OpenAsync();
            await using var create = new SqlCommand($"CREATE DATABASE [{name}]", connection);
            await create.ExecuteNonQueryAsync();
        }

        builder.InitialCatalog = name;
        return builder.ConnectionString;
    }

    public async Task DisposeAsync()
    {
        if (_container is not null)
        {
            await _container.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class SqlServerCollection : ICollectionFixture<SqlServerInstance>
{
    public const string Name = "SQL Server 2022";
}
