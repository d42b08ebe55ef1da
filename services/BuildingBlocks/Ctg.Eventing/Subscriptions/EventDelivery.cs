using System.Text.Json;
using Ctg.Data;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Ctg.Eventing.Subscriptions;

/// <summary>Handles one delivery from the bus on a subscription's route, after the SDK's CloudEvents
/// middleware unwrapped it (data in the body, attributes in <c>Cloudevent.*</c> headers): checks the
/// source, then in one transaction records the event in the inbox and runs the handler. Answers Dapr's statuses.</summary>
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
            cloudEvent = await ReceivedCloudEvent.FromUnwrappedAsync(http.Request, subscription.Topic, cancellationToken);
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

        if (subscription.ExpectedSource is { } expected && !string.Equals(cloudEvent.Source, expected, StringComparison.Ordinal))
        {
            // Acknowledged, not retried nor dead-lettered: redelivering a forgery would not make it genuine.
            logger.LogWarning(
                "Ignoring event {EventId} on {Topic}: its source is '{Source}', but only {Expected} publishes this topic",
                cloudEvent.Id, subscription.Topic, cloudEvent.Source, expected);
            return Status(DaprAppStatus.Success);
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
