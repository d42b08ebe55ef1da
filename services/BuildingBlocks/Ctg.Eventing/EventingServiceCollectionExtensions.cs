using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Ctg.Eventing;

public static class EventingServiceCollectionExtensions
{
    /// <summary>Registers what a service needs to publish events through its outbox.</summary>
    /// <param name="serviceName">Short name (<c>structures</c>); events carry the CloudEvent source <c>ctg/structures</c>.</param>
    public static IServiceCollection AddEventing(this IServiceCollection services, IConfiguration configuration, string serviceName)
    {
        services.AddSingleton(new EventSourceName("ctg/" + serviceName));
        services.AddSingleton<OutboxWriter>();
        return services;
    }
}
