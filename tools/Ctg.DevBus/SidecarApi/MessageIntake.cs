using System.Text.Json;
using System.Text.Json.Nodes;
using Ctg.DevBus.Storage;

namespace Ctg.DevBus.SidecarApi;

/// <summary>Why a publish was refused, with Dapr's error code (the HTTP API answers it in the body, the
/// gRPC API as the status detail).</summary>
public sealed record PublishRefusal(int HttpStatus, Grpc.Core.StatusCode GrpcStatus, string ErrorCode, string Message);

/// <summary>Takes one published message, from the HTTP or the gRPC API alike: a body sent as
/// <c>application/cloudevents+json</c> is kept as the publisher wrote it (Dapr only sets topic and
/// pubsubname, and fills missing required attributes); any other body becomes the data of a new
/// CloudEvent. Stored durably before the publisher gets its answer.</summary>
public sealed class MessageIntake(DevBusOptions options, BusStore store, BusPulse pulse, ILogger<MessageIntake> logger)
{
    public async Task<PublishRefusal?> AcceptAsync(string pubsub, string topic, string body, string? contentType, CancellationToken cancellationToken)
    {
        if (!options.PubSubNames.Contains(pubsub))
        {
            return new PublishRefusal(StatusCodes.Status404NotFound, Grpc.Core.StatusCode.InvalidArgument, "ERR_PUBSUB_NOT_FOUND", $"pubsub {pubsub} not found");
        }

        if (string.IsNullOrEmpty(topic))
        {
            return new PublishRefusal(StatusCodes.Status404NotFound, Grpc.Core.StatusCode.InvalidArgument, "ERR_TOPIC_NAME_EMPTY", "topic is empty");
        }

        if (options.AllowedTopics.Count > 0 && !options.AllowedTopics.Contains(topic))
        {
            return new PublishRefusal(StatusCodes.Status403Forbidden, Grpc.Core.StatusCode.PermissionDenied, "ERR_PUBSUB_FORBIDDEN", $"topic {topic} is not allowed for app id devbus");
        }

        contentType = string.IsNullOrEmpty(contentType) ? "application/json" : contentType;
        JsonObject cloudEvent;
        try
        {
            cloudEvent = contentType.StartsWith(CloudEvents.ContentType, StringComparison.OrdinalIgnoreCase)
                ? JsonNode.Parse(body) as JsonObject ?? throw new JsonException("The CloudEvent is not a JSON object.")
                : CloudEvents.Wrap(body, contentType);
        }
        catch (JsonException exception)
        {
            return new PublishRefusal(StatusCodes.Status400BadRequest, Grpc.Core.StatusCode.InvalidArgument, "ERR_PUBSUB_CLOUD_EVENTS_SER", exception.Message);
        }

        CloudEvents.Complete(cloudEvent, pubsub, topic);
        var eventId = cloudEvent["id"]!.GetValue<string>();
        var sequence = await store.AppendAsync(pubsub, topic, eventId, cloudEvent.ToJsonString(), cancellationToken);
        pulse.Pulse();
        logger.LogDebug("Stored message {Sequence} event {EventId} on {PubSub}/{Topic}", sequence, eventId, pubsub, topic);
        return null;
    }
}
