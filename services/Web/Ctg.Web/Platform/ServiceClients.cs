using Ctg.ServiceDefaults;
using Grpc.Core.Interceptors;
using Grpc.Net.Client;

namespace Ctg.Web.Platform;

/// <summary>One channel per service for the life of the application (addresses from <c>Services:*</c>, as for the
/// services themselves); the generated clients are created per request over them, with the user's token.</summary>
public static class ServiceClients
{
    public static IServiceCollection AddServiceClients(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(provider => new ServiceChannels(configuration, provider.GetRequiredService<ILoggerFactory>()));
        services.AddScoped<BearerTokenInterceptor>();
        services.AddScoped<CtgClients>();
        services.AddScoped<Ctg.Web.Importing.WebImporter>();
        services.AddSingleton<Ctg.Web.Importing.ImportBatchStore>();
        return services;
    }
}

public sealed class ServiceChannels : IDisposable
{
    public ServiceChannels(IConfiguration configuration, ILoggerFactory loggerFactory)
    {
        GrpcChannel Open(string name) =>
            CtgGrpcChannel.Create(new Uri(configuration[$"Services:{name}"] ?? throw new InvalidOperationException($"Services:{name} is not configured.")),
                new CtgChannelOptions { LoggerFactory = loggerFactory });
        Signatories = Open("Signatories");
        Structures = Open("Structures");
        Funding = Open("Funding");
        Reporting = Open("Reporting");
    }

    public GrpcChannel Signatories { get; }
    public GrpcChannel Structures { get; }
    public GrpcChannel Funding { get; }
    public GrpcChannel Reporting { get; }

    public void Dispose()
    {
        Signatories.Dispose();
        Structures.Dispose();
        Funding.Dispose();
        Reporting.Dispose();
    }
}

/// <summary>The gRPC clients a page uses, each call carrying the signed-in user's access token.</summary>
public sealed class CtgClients(ServiceChannels channels, BearerTokenInterceptor bearer)
{
    public Ctg.Signatories.V1.Conventions.ConventionsClient Conventions { get; } = new(channels.Signatories.Intercept(bearer));
    public Ctg.Structures.V1.StructureRegistry.StructureRegistryClient Structures { get; } = new(channels.Structures.Intercept(bearer));
    public Ctg.Structures.V1.ActivityDeclarations.ActivityDeclarationsClient Declarations { get; } = new(channels.Structures.Intercept(bearer));
    public Ctg.Structures.V1.CejReferences.CejReferencesClient References { get; } = new(channels.Structures.Intercept(bearer));
    public Ctg.Structures.V1.StructureImport.StructureImportClient Import { get; } = new(channels.Structures.Intercept(bearer));
    public Ctg.Funding.V1.FundingComputations.FundingComputationsClient Computations { get; } = new(channels.Funding.Intercept(bearer));
    public Ctg.Funding.V1.AllocationRuns.AllocationRunsClient Runs { get; } = new(channels.Funding.Intercept(bearer));
    public Ctg.Funding.V1.FundingSimulation.FundingSimulationClient Simulation { get; } = new(channels.Funding.Intercept(bearer));
    public Ctg.Funding.V1.ParameterSets.ParameterSetsClient ParameterSets { get; } = new(channels.Funding.Intercept(bearer));
    public Ctg.Reporting.V1.Reporting.ReportingClient Reporting { get; } = new(channels.Reporting.Intercept(bearer));

    /// <summary>The audit log of one service (each service keeps its own): signatories, structures, funding or reporting.</summary>
    public Ctg.Audit.V1.AuditLog.AuditLogClient Audit(string service) => new((service switch
    {
        "signatories" => channels.Signatories,
        "structures" => channels.Structures,
        "funding" => channels.Funding,
        "reporting" => channels.Reporting,
        _ => throw new ArgumentOutOfRangeException(nameof(service), service, "unknown service"),
    }).Intercept(bearer));
}
