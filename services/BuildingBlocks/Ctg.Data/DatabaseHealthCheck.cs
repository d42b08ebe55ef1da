using System.Data.Common;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Ctg.Data;

/// <summary>Readiness: the service can open a connection to its database and run a trivial query.
/// A service whose database is down is alive but not ready, so a load balancer stops sending it calls.</summary>
public sealed class DatabaseHealthCheck(IDbConnectionFactory connections) : IHealthCheck
{
    public const string Name = "database";

    /// <summary>Tag of the checks that say whether the service can serve calls (as opposed to merely running).</summary>
    public const string ReadinessTag = "ready";

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        try
        {
            await using var connection = await connections.OpenAsync(timeout.Token);
            await using DbCommand command = connection.CreateCommand();
            command.CommandText = "SELECT 1";
            await command.ExecuteScalarAsync(timeout.Token);
            return HealthCheckResult.Healthy($"{connections.Dialect} answers.");
        }
        catch (Exception exception) when (exception is DbException or OperationCanceledException or InvalidOperationException or TimeoutException)
        {
            return HealthCheckResult.Unhealthy($"{connections.Dialect} does not answer.", exception);
        }
    }
}
