using System.Text.Json.Nodes;
using Ctg.DevBus.Storage;

namespace Ctg.DevBus.Delivery;

/// <summary>Delivers the messages of one subscription strictly in publish order, one at a time: the next
/// message is not sent before the current one is settled (delivered, dropped or dead-lettered). All
/// progress is in SQLite, so a bus restart resumes exactly where it stopped.</summary>
public sealed class SubscriptionDeliveryLoop(
    SubscriptionKey key, Uri app, BusStore store, AppDeliveryClient client, BusPulse pulse, DevBusOptions options, ILogger logger)
{
    private const int BatchSize = 100;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var unreachableRounds = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                var state = await store.GetSubscriptionAsync(key, cancellationToken);
                if (state is null || state.Active == 0)
                {
                    return;
                }

                var messages = await store.NextMessagesAsync(key, state.DeliveredThrough, BatchSize, cancellationToken);
                if (messages.Count == 0)
                {
                    await pulse.WaitAsync(options.IdlePoll, cancellationToken);
                    continue;
                }

                // Deliver the batch in order; anything but a clean success goes back to re-reading the state.
                foreach (var message in messages)
                {
                    var outcome = await client.DeliverAsync(app, state.Route, message.CloudEvent, cancellationToken);
                    unreachableRounds = outcome.Kind == DeliveryOutcomeKind.Unreachable ? unreachableRounds + 1 : 0;
                    if (outcome.Kind == DeliveryOutcomeKind.Success && state.Attempts == 0)
                    {
                        await store.SettleDeliveredAsync(key, message.Sequence, cancellationToken);
                        continue;
                    }

                    await SettleAsync(state, message, outcome, unreachableRounds, cancellationToken);
                    break;
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                logger.LogError(exception, "Delivery loop of {Subscription} failed; resuming", key);
                await Task.Delay(options.InitialBackoff, cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    private async Task SettleAsync(
        SubscriptionState state, StoredMessage message, DeliveryOutcome outcome, int unreachableRounds, CancellationToken cancellationToken)
    {
        switch (outcome.Kind)
        {
            case DeliveryOutcomeKind.Success:
                await store.SettleDeliveredAsync(key, message.Sequence, cancellationToken);
                break;
            case DeliveryOutcomeKind.Drop:
                await DeadLetterAsync(state, message, "dropped", (int)state.Attempts + 1, outcome.Detail, cancellationToken);
                break;
            case DeliveryOutcomeKind.Retry:
                var attempts = await store.RecordFailedAttemptAsync(key, cancellationToken);
                if (attempts >= options.MaxAttempts)
                {
                    await DeadLetterAsync(state, message, "dead-lettered", attempts, outcome.Detail, cancellationToken);
                }
                else
                {
                    logger.LogInformation(
                        "Delivery of message {Sequence} (event {EventId}) to {Subscription} failed (attempt {Attempt}/{MaxAttempts}): {Detail}",
                        message.Sequence, message.EventId, key, attempts, options.MaxAttempts, outcome.Detail);
                    await Task.Delay(Backoff(attempts), cancellationToken);
                }

                break;
            case DeliveryOutcomeKind.Unreachable:
                if (unreachableRounds == 1)
                {
                    logger.LogWarning("App {App} is unreachable at {Address}; holding {Subscription} until it answers: {Detail}",
                        key.App, app, key, outcome.Detail);
                }

                await Task.Delay(Min(Backoff(unreachableRounds), TimeSpan.FromSeconds(1)), cancellationToken);
                break;
        }
    }

    private async Task DeadLetterAsync(
        SubscriptionState state, StoredMessage message, string outcome, int attempts, string reason, CancellationToken cancellationToken)
    {
        string? forwardedEvent = null;
        var deadLetterTopic = string.IsNullOrEmpty(state.DeadLetterTopic) || state.DeadLetterTopic == key.Topic ? null : state.DeadLetterTopic;
        if (deadLetterTopic is not null)
        {
            // Dapr forwards the original CloudEvent; only its topic changes.
            var copy = (JsonObject)JsonNode.Parse(message.CloudEvent)!;
            copy["topic"] = deadLetterTopic;
            forwardedEvent = copy.ToJsonString();
        }

        var forwarded = await store.SettleUndeliveredAsync(key, message, deadLetterTopic, deadLetterTopic is null ? "parked" : outcome, attempts, reason, forwardedEvent, cancellationToken);
        if (forwarded is not null)
        {
            pulse.Pulse();
            logger.LogWarning(
                "Message {Sequence} (event {EventId}) {Outcome} for {Subscription} after {Attempts} attempt(s) ({Reason}); forwarded to {DeadLetterTopic} as {ForwardedSequence}",
                message.Sequence, message.EventId, outcome, key, attempts, reason, deadLetterTopic, forwarded);
        }
        else
        {
            logger.LogWarning(
                "Message {Sequence} (event {EventId}) {Outcome} for {Subscription} after {Attempts} attempt(s) ({Reason}); no dead-letter topic, parked",
                message.Sequence, message.EventId, outcome, key, attempts, reason);
        }
    }

    private TimeSpan Backoff(int attempt)
    {
        var exponential = options.InitialBackoff.TotalMilliseconds * Math.Pow(2, Math.Max(0, attempt - 1));
        var jittered = exponential * (0.8 + (Random.Shared.NextDouble() * 0.4));
        return Min(TimeSpan.FromMilliseconds(jittered), options.MaxBackoff);
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
