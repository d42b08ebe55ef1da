using System.Reflection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Ctg.Data;

public static class DataServiceCollectionExtensions
{
    /// <summary>Registers the service's database: its connection factory (from the <c>Database</c>
    /// section), the migrations embedded in <paramref name="migrationsAssemblies"/> and a readiness health check.</summary>
    public static IServiceCollection AddServiceDatabase(
        this IServiceCollection services, IConfiguration configuration, string serviceName, params Assembly[] migrationsAssemblies)
    {
        var options = configuration.GetSection(DatabaseOptions.SectionName).Get<DatabaseOptions>() ?? new DatabaseOptions();
        var factory = options.CreateFactory(serviceName);
        services.AddSingleton(options);
        services.AddSingleton(factory);
        services.AddSingleton(factory.Syntax);
        services.AddSingleton(new ServiceMigrations(MigrationSource.FromAssemblies(migrationsAssemblies, factory.Dialect)));
        services.AddSingleton(sp => new MigrationRunner(factory, sp.GetRequiredService<ILogger<MigrationRunner>>()));
        // Readiness follows the database: grpc.health.v1 and /healthz report NOT_SERVING while it is down.
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>(DatabaseHealthCheck.Name, tags: [DatabaseHealthCheck.ReadinessTag]);
        return services;
    }
}

/// <summary>The migrations of the running service, for its dialect.</summary>
public sealed record ServiceMigrations(IReadOnlyList<Migration> All);
