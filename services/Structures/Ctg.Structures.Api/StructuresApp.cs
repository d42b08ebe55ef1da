using Ctg.Application;
using Ctg.Data;
using Ctg.Eventing;
using Ctg.ServiceDefaults;
using Ctg.Structures.Allocation;
using Ctg.Structures.Declarations;
using Ctg.Structures.Import;
using Ctg.Structures.References;
using Ctg.Structures.Registry;
using Ctg.Structures.Shared;
using Ctg.Structures.Upstream;

namespace Ctg.Structures;

/// <summary>The structures service: what it hosts and what it depends on.</summary>
public static class StructuresApp
{
    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        // A 50,000-row CSV is several megabytes: allow it in one message unless configured otherwise.
        builder.Configuration["Service:MaxMessageBytes"] ??= (64 * 1024 * 1024).ToString(System.Globalization.CultureInfo.InvariantCulture);
        builder.AddServiceDefaults("structures");
        builder.Services.AddServiceDatabase(builder.Configuration, "structures", typeof(StructuresApp).Assembly, typeof(OutboxWriter).Assembly);
        builder.Services.AddEventing(builder.Configuration, "structures");

        builder.Services.AddCommandPipeline();
        builder.Services.AddSingleton(new SignatoriesClientOptions
        {
            Url = builder.Configuration["Services:Signatories"],
        }.Configure(builder.Configuration.GetSection("Services:SignatoriesClient")));
        builder.Services.AddSingleton<SupportingCollectivityDirectory>();
        builder.Services.AddSingleton<StructureStore>();
        builder.Services.AddSingleton<DeclarationStore>();
        builder.Services.AddSingleton<ReferenceStore>();
        builder.Services.AddSingleton<AllocationInputsStore>();
        builder.Services.AddSingleton<CsvImporter>();
        builder.Services.AddSingleton(ImportLimits.From(builder.Configuration));

        var app = builder.Build();
        app.MapServiceDefaults();
        app.MapAuditLog();
        app.MapSubscriptions(); // publishes only: serves /dapr/subscribe ([]) and /events/replay
        app.MapGrpcService<StructureRegistryEndpoint>();
        app.MapGrpcService<ActivityDeclarationsEndpoint>();
        app.MapGrpcService<CejReferencesEndpoint>();
        app.MapGrpcService<AllocationInputsEndpoint>();
        app.MapGrpcService<StructureImportEndpoint>();
        return app;
    }
}
