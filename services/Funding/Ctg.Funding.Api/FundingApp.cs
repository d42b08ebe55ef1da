using Ctg.Data;
using Ctg.Eventing;
using Ctg.Funding.Api.Allocation;
using Ctg.Funding.Api.Grpc;
using Ctg.Funding.Api.Inputs;
using Ctg.Funding.Api.Persistence;
using Ctg.Funding.Api.Upstream;
using Ctg.Funding.Engine;
using Ctg.Funding.Engine.Parameters.Loading;
using Ctg.ServiceDefaults;

namespace Ctg.Funding.Api;

/// <summary>The funding service's composition: the table of contents Program.cs and tests share.</summary>
public static class FundingApp
{
    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.AddServiceDefaults("funding");
        builder.Services.AddServiceDatabase(builder.Configuration, "funding", typeof(FundingApp).Assembly, typeof(OutboxWriter).Assembly);
        builder.Services.AddEventing(builder.Configuration, "funding");
        builder.Services.AddUpstreamServices(builder.Configuration);

        // The parameter files are validated here, at start-up: a bad file stops the service rather than a computation.
        builder.Services.AddSingleton(new FundingEngine(ParameterLoader.LoadEmbedded()));
        builder.Services.AddSingleton<FundingStore>();
        builder.Services.AddSingleton<StructureInputReader>();
        builder.Services.AddSingleton<AllocationInputReader>();
        builder.Services.AddSingleton<AllocationCalculator>();

        var app = builder.Build();
        app.MapServiceDefaults();
        app.MapSubscriptions();
        app.MapGrpcService<FundingComputationsService>();
        app.MapGrpcService<AllocationRunsService>();
        app.MapGrpcService<FundingSimulationService>();
        return app;
    }
}
