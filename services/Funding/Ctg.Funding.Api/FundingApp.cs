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
/// <summary>Where the running parameter set comes from, recorded with each run beside its content hash.</summary>
public sealed record ParameterSetSource(string Version);

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
        // Funding:ParametersDirectory points at the folder CAF staff edit (each December); default: the files shipped in the engine.
        var parametersDirectory = builder.Configuration["Funding:ParametersDirectory"];
        builder.Services.AddSingleton(new FundingEngine(string.IsNullOrEmpty(parametersDirectory)
            ? ParameterLoader.LoadEmbedded()
            : ParameterLoader.LoadDirectory(parametersDirectory)));
        builder.Services.AddSingleton(new ParameterSetSource(string.IsNullOrEmpty(parametersDirectory) ? "embedded" : "directory:" + parametersDirectory));
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
