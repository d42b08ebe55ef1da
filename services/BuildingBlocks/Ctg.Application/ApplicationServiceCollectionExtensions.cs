using Ctg.Application.Audit;
using Ctg.Application.Commands;
using Ctg.Data;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Ctg.Application;

public static class ApplicationServiceCollectionExtensions
{
    /// <summary>Registers the command pipeline, the audit log and their migrations (audit_log 9101,
    /// idempotency_keys 9102). Call after <c>AddServiceDatabase</c> and <c>AddEventing</c>.</summary>
    public static IServiceCollection AddCommandPipeline(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<AuditWriter>();
        services.TryAddSingleton<AuditReader>();
        services.TryAddSingleton<ICommandPipeline, CommandPipeline>();
        // Calls refused by authentication or authorization are audited too (who, what).
        services.TryAddSingleton<Ctg.ServiceDefaults.Security.IRefusedCallAudit, RefusedCallAuditWriter>();
        services.AddServiceMigrationsFrom(typeof(CommandPipeline).Assembly);
        return services;
    }

    /// <summary>Maps ctg.audit.v1.AuditLog (auditors and administrators only).</summary>
    public static IEndpointConventionBuilder MapAuditLog(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGrpcService<AuditLogService>();
}
