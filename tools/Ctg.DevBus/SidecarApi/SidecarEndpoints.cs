using System.Text.Json;
using System.Text.Json.Nodes;
using Ctg.DevBus.Delivery;
using Ctg.DevBus.Storage;

namespace Ctg.DevBus.SidecarApi;

/// <summary>The parts of the Dapr sidecar HTTP API (v1.0) the services use.</summary>
public static class SidecarEndpoints
{
    public static WebApplication MapSidecarApi(this WebApplication app)
    {
        app.MapPost("/v1.0/publish/{pubsub}/{topic}", PublishAsync);
        app.MapGet("/v1.0/healthz", () => Results.NoContent());
        app.MapGet("/v1.0/healthz/outbound", () => Results.NoContent());
        app.MapGet("/v1.0/metadata", MetadataAsync);
        return app;
    }

    /// <summary>Stores the message durably, then answers 204 as daprd does. A body sent as
    /// <c>application/cloudevents+json</c> is kept as the publisher wrote it (Dapr only sets topic and
    /// pubsubname, and fills missing required attributes); any other body becomes the data of a new CloudEvent.</summary>
    private static async Task<IResult> PublishAsync(
        string pubsub, string topic, HttpRequest request, DevBusOptions options, BusStore store, BusPulse pulse, ILoggerFactory loggers,
        CancellationToken cancellationToken)
    {
        if (!options.PubSubNames.Contains(pubsub))
        {
            return DaprError(StatusCodes.Status404NotFound, "ERR_PUBSUB_NOT_FOUND", $"pubsub {pubsub} not found");
        }

        using var reader = new StreamReader(request.Body);
        var body = await reader.ReadToEndAsync(cancellationToken);
        var contentType = request.ContentType ?? "application/json";
        JsonObject cloudEvent;
        try
        {
            cloudEvent = contentType.StartsWith(CloudEvents.ContentType, StringComparison.OrdinalIgnoreCase)
                ? JsonNode.Parse(body) as JsonObject ?? throw new JsonException("The CloudEvent is not a JSON object.")
                : CloudEvents.Wrap(body, contentType);
        }
        catch (JsonException exception)
        {
            return DaprError(StatusCodes.Status400BadRequest, "ERR_PUBSUB_CLOUD_EVENTS_SER", exception.Message);
        }

        CloudEvents.Complete(cloudEvent, pubsub, topic);
        var eventId = cloudEvent["id"]!.GetValue<string>();
        var sequence = await store.AppendAsync(pubsub, topic, eventId, cloudEvent.ToJsonString(), cancellationToken);
        pulse.Pulse();
        loggers.CreateLogger("Ctg.DevBus.Publish").LogDebug(
            "Stored message {Sequence} event {EventId} on {PubSub}/{Topic}", sequence, eventId, pubsub, topic);
        return Results.NoContent();
    }

    private static async Task<IResult> MetadataAsync(DevBusOptions options, BusStore store, CancellationToken cancellationToken)
    {
        var subscriptions = await store.ActiveSubscriptionsAsync(cancellationToken);
        return Results.Json(new
        {
            id = "devbus",
            runtimeVersion = "ctg-devbus",
            components = options.PubSubNames.Select(name => new { name, type = "pubsub.ctg-devbus", version = "v1", capabilities = Array.Empty<string>() }),
            subscriptions = subscriptions.Select(s => new
            {
                appID = s.App,
                pubsubname = s.PubSub,
                topic = s.Topic,
                deadLetterTopic = s.DeadLetterTopic ?? "",
                rules = new[] { new { match = "", path = s.Route } },
                type = "PROGRAMMATIC",
            }),
        });
    }

    private static IResult DaprError(int status, string code, string message) =>
        Results.Json(new { errorCode = code, message }, statusCode: status);
}
