using Ctg.Application;
using Ctg.Data;
using Ctg.Eventing;
using Ctg.Funding.Api.Allocation;
using Ctg.Funding.Api.Computations;
using Ctg.Funding.Api.Inputs;
using Ctg.Funding.Api.Parameters;
using Ctg.Funding.Api.Shared;
using Ctg.Funding.Api.Simulation;
using Ctg.Funding.Api.Territory;
using Ctg.Funding.Api.Upstream;
using Ctg.ServiceDefaults;

namespace Ctg.Funding.Api;

/// <summary>The funding service's composition: the table of contents Program.cs and tests share.</summary>
public static class FundingApp
{
    public static WebApplication Build(string[] args) => Build(args, replaceServices: null);

    /// <param name="replaceServices">Registrations added last, so they win over the defaults (a test's fixed
    /// <see cref="TimeProvider"/>); null in production.</param>
    public static WebApplication Build(string[] args, Action<IServiceCollection>? replaceServices)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.AddServiceDefaults("funding");
        builder.Services.AddServiceDatabase(builder.Configuration, "funding", typeof(FundingApp).Assembly, typeof(OutboxWriter).Assembly);
        builder.Services.AddEventing(builder.Configuration, "funding");
        // Every write goes through the command pipeline: one transaction with its outbox rows and audit record.
        builder.Services.AddCommandPipeline();
        builder.Services.AddUpstreamServices(builder.Configuration);

        // Set 0, the shipped files, is validated here, at start-up: a bad file stops the service rather than a computation.
        // Funding:ParametersDirectory replaces the files embedded in the engine; later sets are loaded through ParameterSets.
        builder.Services.AddSingleton(new ShippedParameters(builder.Configuration["Funding:ParametersDirectory"]));
        builder.Services.AddSingleton<ParameterSetStore>();
        builder.Services.AddSingleton<ParametersInForce>();
        builder.Services.AddSingleton<Territory.TerritoryStore>();
        builder.Services.AddSingleton<FundingStore>();
        builder.Services.AddSingleton<StructureInputReader>();
        builder.Services.AddSingleton<FundingAccess>();
        builder.Services.AddSingleton<AllocationInputReader>();
        builder.Services.AddSingleton<AllocationCalculator>();
        builder.Services.AddSingleton<AllocationBatchRunner>();
        replaceServices?.Invoke(builder.Services);

        var app = builder.Build();
        app.MapServiceDefaults();
        app.MapAuditLog();
        app.MapSubscriptions();
        app.MapGrpcService<FundingComputationsService>();
        app.MapGrpcService<AllocationRunsService>();
        app.MapGrpcService<FundingSimulationService>();
        app.MapGrpcService<ParameterSetsService>();
        app.MapGrpcService<TerritoryDataService>();
        return app;
    }
}
