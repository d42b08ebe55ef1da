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

    /// <summary>Stores the message durably (<see cref="MessageIntake"/>), then answers 204 as daprd does.</summary>
    private static async Task<IResult> PublishAsync(
        string pubsub, string topic, HttpRequest request, MessageIntake intake, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(request.Body);
        var body = await reader.ReadToEndAsync(cancellationToken);
        var refusal = await intake.AcceptAsync(pubsub, topic, body, request.ContentType, cancellationToken);
        return refusal is null ? Results.NoContent() : DaprError(refusal.HttpStatus, refusal.ErrorCode, refusal.Message);
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
