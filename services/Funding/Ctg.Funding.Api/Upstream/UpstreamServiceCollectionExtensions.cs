using Ctg.ServiceDefaults;
using Ctg.Signatories.V1;
using Ctg.Structures.V1;

namespace Ctg.Funding.Api.Upstream;

public static class UpstreamServiceCollectionExtensions
{
    /// <summary>One long-lived channel per upstream service, its generated clients, and the reader that
    /// wraps every call in a deadline and the transient-failure retry pipeline.</summary>
    public static IServiceCollection AddUpstreamServices(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(UpstreamOptions.SectionName).Get<UpstreamOptions>() ?? new UpstreamOptions();
        services.AddSingleton(options);
        var structures = CtgGrpcChannel.Create(new Uri(options.Structures), new CtgChannelOptions { MaxMessageBytes = 64 * 1024 * 1024 });
        var signatories = CtgGrpcChannel.Create(new Uri(options.Signatories), new CtgChannelOptions { MaxMessageBytes = 64 * 1024 * 1024 });
        services.AddSingleton(new StructureRegistry.StructureRegistryClient(structures));
        services.AddSingleton(new ActivityDeclarations.ActivityDeclarationsClient(structures));
        services.AddSingleton(new CejReferences.CejReferencesClient(structures));
        services.AddSingleton(new Conventions.ConventionsClient(signatories));
        services.AddSingleton(new Competences.CompetencesClient(signatories));
        services.AddSingleton<UpstreamReader>();
        return services;
    }
}
