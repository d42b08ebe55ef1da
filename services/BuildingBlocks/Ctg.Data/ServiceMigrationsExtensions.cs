using System.Reflection;
using Microsoft.Extensions.DependencyInjection;

namespace Ctg.Data;

public static class ServiceMigrationsExtensions
{
    /// <summary>Adds the migrations a building block embeds (the audit log, idempotency keys) to those
    /// <c>AddServiceDatabase</c> registered, so a service adopting the block need not list its assembly.
    /// An assembly already given to <c>AddServiceDatabase</c> is not added twice.</summary>
    public static IServiceCollection AddServiceMigrationsFrom(this IServiceCollection services, Assembly assembly)
    {
        var registered = services.LastOrDefault(d => d.ServiceType == typeof(ServiceMigrations))?.ImplementationInstance as ServiceMigrations
            ?? throw new InvalidOperationException("Call AddServiceDatabase before adding the migrations of a building block.");
        var options = services.Last(d => d.ServiceType == typeof(DatabaseOptions)).ImplementationInstance as DatabaseOptions
            ?? throw new InvalidOperationException("AddServiceDatabase registers DatabaseOptions as an instance.");

        var known = registered.All.Select(m => (m.Version, m.Name)).ToHashSet();
        var added = MigrationSource.FromAssemblies([assembly], options.Dialect).Where(m => !known.Contains((m.Version, m.Name)));
        var all = registered.All.Concat(added).OrderBy(m => m.Version).ToArray();
        if (all.GroupBy(m => m.Version).FirstOrDefault(g => g.Count() > 1) is { } clash)
        {
            throw new InvalidOperationException($"Two migrations share version {clash.Key}: {string.Join(", ", clash.Select(m => m.Name))}.");
        }

        services.AddSingleton(new ServiceMigrations(all));
        return services;
    }
}
