using Ctg.Eventing.Administration;
using Ctg.Eventing.Publishing;
using Ctg.Eventing.Replay;
using Ctg.Eventing.Subscriptions;
using Dapr.Client;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Ctg.Eventing;

public static class EventingServiceCollectionExtensions
{
    /// <summary>The authorization policy of the Dapr app channel: the SDK's app-token scheme (<c>Dapr</c>).</summary>
    public const string AppChannelPolicy = "Dapr";

    /// <summary>Registers what a service needs to publish events through its outbox (the writer, and the
    /// background publisher that sends committed events to the Dapr sidecar with <see cref="DaprClient"/>),
    /// to receive them (inbox, app-token authentication of the app channel), to replay them, and to
    /// administer parked events. Needs the service database (<c>AddServiceDatabase</c>) with this assembly's migrations.</summary>
    /// <param name="serviceName">Short name (<c>structures</c>); events carry the CloudEvent source <c>ctg/structures</c>.</param>
    public static IServiceCollection AddEventing(this IServiceCollection services, IConfiguration configuration, string serviceName)
    {
        var dapr = DaprOptions.From(configuration);
        var eventing = configuration.GetSection(EventingOptions.SectionName).Get<EventingOptions>() ?? new EventingOptions();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(new EventSourceName("ctg/" + serviceName));
        services.AddSingleton(new EventingSettings(serviceName, dapr));
        services.AddSingleton(dapr);
        services.AddSingleton(eventing);
        services.AddSingleton(_ => new DaprClientBuilder()
            .UseGrpcEndpoint(dapr.ResolveGrpcEndpoint().ToString().TrimEnd('/'))
            .UseHttpEndpoint(dapr.ResolveHttpEndpoint().ToString().TrimEnd('/'))
            .UseDaprApiToken(dapr.ApiToken ?? "")
            .Build());
        services.AddSingleton<OutboxWriter>();
        services.AddSingleton<OutboxStore>();
        services.AddSingleton<OutboxLease>();
        services.AddSingleton<OutboxMetrics>();
        services.AddSingleton<OutboxSignal>();
        services.AddSingleton<IOutboxSignal>(sp => sp.GetRequiredService<OutboxSignal>());
        services.AddSingleton<DaprPublisher>();
        services.AddSingleton<IEventReplayer, EventReplayer>();
        services.AddSingleton<IReplaySourceClient, DaprReplaySourceClient>();
        services.AddSingleton<Inbox>();
        services.AddSingleton<ParkedEventStore>();
        services.AddMetrics();
        services.AddGrpc();
        services.AddAuthentication().AddDapr(options => options.Token = dapr.AppApiToken ?? "");
        services.AddAuthorization(options => options.AddDapr(AppChannelPolicy));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<Microsoft.Extensions.Hosting.IHostedService, OutboxPublisher>());
        return services;
    }
}

/// <summary>The service's name and Dapr settings, as given to <c>AddEventing</c>.</summary>
public sealed record EventingSettings(string ServiceName, DaprOptions Dapr);
