using Ctg.ServiceDefaults;
using Ctg.ServiceDefaults.Security;
using Ctg.Signatories.V1;
using Ctg.Structures.V1;

namespace Ctg.Funding.Api.Upstream;

public static class UpstreamServiceCollectionExtensions
{
    /// <summary>One long-lived channel per upstream service, its generated clients, and the reader that
    /// wraps every call in a deadline and the transient-failure retry pipeline. Every upstream call carries
    /// the bearer token of the call being served (see the README, "Identity").</summary>
    public static IServiceCollection AddUpstreamServices(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(UpstreamOptions.SectionName).Get<UpstreamOptions>() ?? new UpstreamOptions();
        services.AddSingleton(options);
        var structures = CtgGrpcChannel.Create(new Uri(options.Structures), new CtgChannelOptions { MaxMessageBytes = 64 * 1024 * 1024 });
        var signatories = CtgGrpcChannel.Create(new Uri(options.Signatories), new CtgChannelOptions { MaxMessageBytes = 64 * 1024 * 1024 });
        services.AddSingleton(sp => new StructureRegistry.StructureRegistryClient(structures.ForwardingCallerToken(sp)));
        services.AddSingleton(sp => new ActivityDeclarations.ActivityDeclarationsClient(structures.ForwardingCallerToken(sp)));
        services.AddSingleton(sp => new CejReferences.CejReferencesClient(structures.ForwardingCallerToken(sp)));
        services.AddSingleton(sp => new AllocationData.AllocationDataClient(structures.ForwardingCallerToken(sp)));
        services.AddSingleton(sp => new Conventions.ConventionsClient(signatories.ForwardingCallerToken(sp)));
        services.AddSingleton(sp => new Competences.CompetencesClient(signatories.ForwardingCallerToken(sp)));
        services.AddSingleton<UpstreamReader>();
        return services;
    }
}
