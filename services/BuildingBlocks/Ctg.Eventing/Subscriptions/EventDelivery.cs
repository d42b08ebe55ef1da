using System.Text.Json;
using Ctg.Data;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Ctg.Eventing;

/// <summary>Handles one delivery from the bus on a subscription's route: reads the CloudEvent, and in one
/// transaction records it in the inbox and runs the handler. Answers Dapr's statuses.</summary>
internal static class EventDelivery
{
    public static async Task<IResult> HandleAsync(HttpContext http, Subscription subscription)
    {
        var cancellationToken = http.RequestAborted;
        var logger = http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Ctg.Eventing.Subscriptions");

        ReceivedCloudEvent? cloudEvent;
        object? @event;
        try
        {
            using var body = await JsonDocument.ParseAsync(http.Request.Body, cancellationToken: cancellationToken);
            cloudEvent = ReceivedCloudEvent.TryRead(body.RootElement);
            @event = cloudEvent is null ? null : subscription.Deserialize(cloudEvent.Data);
        }
        catch (JsonException exception)
        {
            logger.LogWarning("Dropping an undeserializable delivery on {Topic}: {Reason}", subscription.Topic, exception.Message);
            return Status(DaprAppStatus.Drop);
        }

        if (cloudEvent is null || @event is null)
        {
            logger.LogWarning("Dropping a delivery on {Topic} that is not a CloudEvent with data", subscription.Topic);
            return Status(DaprAppStatus.Drop);
        }

        var connections = http.RequestServices.GetRequiredService<IDbConnectionFactory>();
        var inbox = http.RequestServices.GetRequiredService<Inbox>();
        try
        {
            await using var connection = await connections.OpenAsync(cancellationToken);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            if (!await inbox.TryRecordAsync(transaction, cloudEvent.Id, subscription.Consumer, cancellationToken))
            {
                logger.LogInformation("Event {EventId} on {Topic} was already handled: redelivery ignored", cloudEvent.Id, subscription.Topic);
                return Status(DaprAppStatus.Success);
            }

            await subscription.Handle(@event, new EventContext(cloudEvent, connection, transaction, http.RequestServices, cancellationToken));
            await transaction.CommitAsync(cancellationToken);
            return Status(DaprAppStatus.Success);
        }
        catch (PoisonEventException exception)
        {
            logger.LogWarning("Event {EventId} on {Topic} is poison, dropping it: {Reason}", cloudEvent.Id, subscription.Topic, exception.Message);
            return Status(DaprAppStatus.Drop);
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            // Nothing was committed: the bus will deliver again (HTTP 500 is also "retry" for Dapr).
            logger.LogError(exception, "Handling event {EventId} on {Topic} failed; asking the bus to retry", cloudEvent.Id, subscription.Topic);
            return Status(DaprAppStatus.Retry, StatusCodes.Status500InternalServerError);
        }
    }

    private static IResult Status(string status, int httpStatus = StatusCodes.Status200OK) =>
        Results.Json(new { status }, statusCode: httpStatus);
}
