using Ctg.Data;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Ctg.Application.Tests;

/// <summary>Readiness follows the database: healthy when a trivial query answers, unhealthy when it cannot.</summary>
public sealed class DatabaseHealthCheckTests
{
    [Fact]
    public async Task A_reachable_database_is_healthy()
    {
        var directory = Path.Combine(Path.GetTempPath(), "ctg-application-tests", Guid.NewGuid().ToString("N"));
        try
        {
            var check = new DatabaseHealthCheck(new SqliteConnectionFactory(Path.Combine(directory, "ready.db")));
            var result = await check.CheckHealthAsync(new HealthCheckContext());

            Assert.Equal((HealthStatus.Healthy, "Sqlite answers."), (result.Status, result.Description));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task An_unreachable_database_is_unhealthy()
    {
        // Port 1 on loopback: nothing listens, the connection is refused at once.
        await using var factory = new PostgresConnectionFactory("Host=127.0.0.1;Port=1;Username=nobody;Timeout=2;Pooling=false");
        var result = await new DatabaseHealthCheck(factory).CheckHealthAsync(new HealthCheckContext());

        Assert.Equal((HealthStatus.Unhealthy, "Postgres does not answer."), (result.Status, result.Description));
        Assert.NotNull(result.Exception);
    }
}
