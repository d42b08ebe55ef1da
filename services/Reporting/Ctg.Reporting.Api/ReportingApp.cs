using Ctg.Application;
using Ctg.Data;
using Ctg.Eventing;
using Ctg.Reporting.ActionPlans;
using Ctg.Reporting.AoCompliance;
using Ctg.Reporting.ConventionDocuments;
using Ctg.Reporting.Endpoint;
using Ctg.Reporting.Exports;
using Ctg.Reporting.Funding;
using Ctg.Reporting.Rebuild;
using Ctg.Reporting.Shared;
using Ctg.Reporting.StructureRegistry;
using Ctg.ServiceDefaults;

namespace Ctg.Reporting;

/// <summary>The reporting service: subscribes to every event of the other services, projects them into
/// its own read models, and answers queries and CSV exports over gRPC.</summary>
public static class ReportingApp
{
    public const string ServiceName = "reporting";

    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.AddServiceDefaults(ServiceName);
        builder.Services.AddServiceDatabase(builder.Configuration, ServiceName, typeof(ReportingApp).Assembly, typeof(OutboxWriter).Assembly);
        builder.Services.AddEventing(builder.Configuration, ServiceName);
        // The audit log (commands are projections here, but refused calls and the audit query are shared).
        builder.Services.AddCommandPipeline();
        builder.Services.AddReadModels();

        var app = builder.Build();
        app.MapServiceDefaults();
        app.MapAuditLog();
        app.MapSubscriptions(ReportingSubscriptions.Declare);
        app.MapGrpcService<ReportingService>();
        return app;
    }

    private static IServiceCollection AddReadModels(this IServiceCollection services)
    {
        services.AddHttpClient(nameof(ReplaySources), http => http.Timeout = TimeSpan.FromMinutes(5));
        services.AddSingleton<ReplaySources>();
        services.AddSingleton<ReadModelRebuilder>();
        services.AddSingleton<FundingQueries>();
        services.AddSingleton<StructureQueries>();
        services.AddSingleton<AoComplianceQueries>();
        services.AddSingleton<ActionPlanQueries>();
        services.AddSingleton<ReadModelStatsReader>();
        services.AddSingleton<CsvExports>();
        services.AddSingleton<ConventionDocumentQueries>();
        return services;
    }
}
