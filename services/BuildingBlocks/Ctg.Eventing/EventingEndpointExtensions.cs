using Ctg.Eventing.Administration;
using Ctg.Eventing.Replay;
using Ctg.Eventing.Subscriptions;
using Dapr;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Ctg.Eventing;

public static class EventingEndpointExtensions
{
    /// <summary>Maps Dapr's app channel with the Dapr SDK (<c>UseCloudEvents</c>, <c>MapSubscribeHandler</c>,
    /// one route per subscription declared with <c>WithTopic</c> and its dead-letter topic, and
    /// <c>POST /events/replay</c>), answered only on the service's HTTP/1.1 port (<c>Service:HttpPort</c>) and,
    /// when <c>APP_API_TOKEN</c> is set, only to callers that present it (the SDK's app-token
    /// authentication, header <c>dapr-api-token</c>). Also maps the administration of parked events
    /// (<c>ctg.eventing.v1.ParkedEvents</c>) on the gRPC port. A service that only publishes calls it
    /// without subscriptions.</summary>
    public static IEndpointRouteBuilder MapSubscriptions(this IEndpointRouteBuilder endpoints, Action<SubscriptionBuilder>? configure = null)
    {
        var settings = endpoints.ServiceProvider.GetRequiredService<EventingSettings>();
        var builder = new SubscriptionBuilder(settings.ServiceName, settings.Dapr.PubSubName);
        configure?.Invoke(builder);

        if (endpoints is IApplicationBuilder app)
        {
            // First the guard (wrong port, forged CloudEvent headers), then the SDK's unwrapping, which
            // forwards the CloudEvent attributes (id, source, ctgsequence...) as Cloudevent.* headers.
            app.UseMiddleware<AppChannelGuard>();
            app.UseCloudEvents(new CloudEventsMiddlewareOptions { ForwardCloudEventPropertiesAsHeaders = true });
        }

        var channel = endpoints.MapGroup("");
        if (string.IsNullOrEmpty(settings.Dapr.AppApiToken))
        {
            endpoints.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger("Ctg.Eventing.Subscriptions").LogWarning(
                "APP_API_TOKEN is not set: the Dapr app channel accepts deliveries from anyone who reaches the HTTP port (development only)");
        }
        else
        {
            channel.RequireAuthorization(EventingServiceCollectionExtensions.AppChannelPolicy);
        }

        channel.MapSubscribeHandler();
        foreach (var subscription in builder.Subscriptions)
        {
            channel.MapPost(subscription.Route, (Delegate)((HttpContext http) => EventDelivery.HandleAsync(http, subscription)))
                .WithTopic(new TopicOptions
                {
                    PubsubName = subscription.PubSubName,
                    Name = subscription.Topic,
                    DeadLetterTopic = subscription.DeadLetterTopic,
                });
        }

        channel.MapPost("/events/replay", async (string? topic, long? fromSequence, IEventReplayer replayer, CancellationToken cancellationToken) =>
        {
            var result = await replayer.ReplayAsync(new ReplayRequest(topic, fromSequence ?? 0), cancellationToken);
            return Results.Json(result, statusCode: result.Completed ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
        });

        endpoints.MapGrpcService<ParkedEventsService>();
        return endpoints;
    }
}
