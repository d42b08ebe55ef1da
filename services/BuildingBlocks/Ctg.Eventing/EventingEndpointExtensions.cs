using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Ctg.Eventing;

public static class EventingEndpointExtensions
{
    /// <summary>Maps Dapr's app channel on the service's HTTP/1.1 port (<c>Service:HttpPort</c>):
    /// <c>GET /dapr/subscribe</c>, one delivery route per subscription, and <c>POST /events/replay</c>.
    /// A service that only publishes calls it without subscriptions, to serve its replay endpoint.</summary>
    public static IEndpointRouteBuilder MapSubscriptions(this IEndpointRouteBuilder endpoints, Action<SubscriptionBuilder>? configure = null)
    {
        var settings = endpoints.ServiceProvider.GetRequiredService<EventingSettings>();
        var builder = new SubscriptionBuilder(settings.ServiceName, settings.Dapr.PubSubName);
        configure?.Invoke(builder);
        var subscriptions = builder.Subscriptions;

        var group = endpoints.MapGroup("");
        // The Dapr app channel is HTTP/1.1: serve these only on the HTTP port when the service also has an
        // h2c gRPC port. Filtered on the local port, not the Host header, which a Kubernetes Service or a
        // proxy may rewrite.
        var httpPort = endpoints.ServiceProvider.GetRequiredService<IConfiguration>().GetValue<int>("Service:HttpPort");
        if (httpPort > 0)
        {
            group.AddEndpointFilter((context, next) => context.HttpContext.Connection.LocalPort == httpPort
                ? next(context)
                : ValueTask.FromResult<object?>(Results.NotFound()));
        }

        group.MapGet("/dapr/subscribe", () => Results.Json(subscriptions.Select(s => new DaprSubscriptionDto(
            s.PubSubName, s.Topic, s.Route, s.DeadLetterTopic, new Dictionary<string, string>()))));

        foreach (var subscription in subscriptions)
        {
            group.MapPost(subscription.Route, (Delegate)((HttpContext http) => EventDelivery.HandleAsync(http, subscription)));
        }

        group.MapPost("/events/replay", async (string? topic, long? fromSequence, IEventReplayer replayer, CancellationToken cancellationToken) =>
        {
            var result = await replayer.ReplayAsync(new ReplayRequest(topic, fromSequence ?? 0), cancellationToken);
            return Results.Json(result, statusCode: result.Completed ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
        });

        return endpoints;
    }
}

/// <summary>One entry of <c>GET /dapr/subscribe</c> in Dapr's programmatic subscription format.</summary>
internal sealed record DaprSubscriptionDto(
    [property: JsonPropertyName("pubsubname")] string PubSubName,
    [property: JsonPropertyName("topic")] string Topic,
    [property: JsonPropertyName("route")] string Route,
    [property: JsonPropertyName("deadLetterTopic")] string DeadLetterTopic,
    [property: JsonPropertyName("metadata")] Dictionary<string, string> Metadata);
