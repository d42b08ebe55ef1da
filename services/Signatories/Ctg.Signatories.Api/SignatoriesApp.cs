using Ctg.Application;
using Ctg.Data;
using Ctg.Eventing;
using Ctg.ServiceDefaults;
using Ctg.Signatories.ActionPlans;
using Ctg.Signatories.Annexes;
using Ctg.Signatories.Competences;
using Ctg.Signatories.Conventions;
using Ctg.Signatories.DemoData;
using Ctg.Signatories.Directory;
using Ctg.Signatories.Governance;
using Ctg.Signatories.Import;
using Ctg.Signatories.Shared;

namespace Ctg.Signatories;

/// <summary>The signatories service, built the same way by Program.cs and by the functional tests.</summary>
public static class SignatoriesApp
{
    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.AddServiceDefaults("signatories");
        builder.Services.AddServiceDatabase(builder.Configuration, "signatories", typeof(SignatoriesApp).Assembly, typeof(OutboxWriter).Assembly);
        builder.Services.AddEventing(builder.Configuration, "signatories");
        builder.Services.AddCommandPipeline(); // every write: transaction, outbox, audit_log, signal (migrations 9101+)
        builder.Services.AddSingleton<ConventionStore>();
        builder.Services.AddSingleton<ConventionChanges>();
        builder.Services.AddSingleton<ConventionImportStore>();
        builder.Services.AddSingleton<ConventionImportHandler>();
        builder.Services.AddSingleton<ActionPlanStore>();
        builder.Services.AddSingleton<DemoDataLoader>();
        // Services:Structures (optional): the registry whose relais petite enfance meet the AO RPE obligation.
        builder.Services.AddSingleton<RpeRegistry>();
        // Signatories:LoadDemoDataOnStart=true loads the seed conventions (idempotent) once migrated.
        builder.Services.AddHostedService<DemoDataOnStart>();

        var app = builder.Build();
        app.MapServiceDefaults();
        app.MapAuditLog();
        app.MapSubscriptions(); // publishes only: serves /dapr/subscribe ([]) and /events/replay
        app.MapGrpcService<SignatoryDirectoryService>();
        app.MapGrpcService<ConventionsService>();
        app.MapGrpcService<CompetencesService>();
        app.MapGrpcService<ActionPlansService>();
        app.MapGrpcService<GovernanceService>();
        app.MapGrpcService<ConventionAnnexesService>();
        return app;
    }
}
