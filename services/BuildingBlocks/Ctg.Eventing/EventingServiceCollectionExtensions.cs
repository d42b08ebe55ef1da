using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Ctg.Eventing;

public static class EventingServiceCollectionExtensions
{
    /// <summary>Registers what a service needs to publish events through its outbox (the writer, and the
    /// background publisher that sends committed events to the Dapr sidecar), to receive them (inbox) and
    /// to replay them. Needs the service database (<c>AddServiceDatabase</c>) with this assembly's migrations.</summary>
    /// <param name="serviceName">Short name (<c>structures</c>); events carry the CloudEvent source <c>ctg/structures</c>.</param>
    public static IServiceCollection AddEventing(this IServiceCollection services, IConfiguration configuration, string serviceName)
    {
        var dapr = configuration.GetSection(DaprOptions.SectionName).Get<DaprOptions>() ?? new DaprOptions();
        services.AddSingleton(new EventSourceName("ctg/" + serviceName));
        services.AddSingleton(new EventingSettings(serviceName, dapr));
        services.AddSingleton(dapr);
        services.AddSingleton<OutboxWriter>();
        services.AddSingleton<OutboxStore>();
        services.AddSingleton<OutboxSignal>();
        services.AddSingleton<IOutboxSignal>(sp => sp.GetRequiredService<OutboxSignal>());
        services.AddSingleton<DaprPublisher>();
        services.AddSingleton<IEventReplayer, EventReplayer>();
        services.AddSingleton<Inbox>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<Microsoft.Extensions.Hosting.IHostedService, OutboxPublisher>());
        return services;
    }
}

/// <summary>The service's name and Dapr settings, as given to <c>AddEventing</c>.</summary>
public sealed record EventingSettings(string ServiceName, DaprOptions Dapr);
