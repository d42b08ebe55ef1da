using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Ctg.Eventing;

/// <summary>Sends committed outbox events to the bus, one at a time in sequence order, so that the bus
/// sees each service's events in the order the service wrote them. An event the sidecar does not take
/// blocks those after it (rather than skipping ahead and breaking the order) until the next round.</summary>
public sealed class OutboxPublisher(
    OutboxStore outbox, DaprPublisher publisher, OutboxSignal signal, DaprOptions options, ILogger<OutboxPublisher> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        logger.LogInformation("Outbox publisher started, sidecar {Endpoint}, pubsub {PubSubName}", publisher.Endpoint, options.PubSubName);
        var pause = options.PollInterval;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var drained = await PublishPendingAsync(stoppingToken);
                // Back off while the sidecar is away; come back to the poll rhythm as soon as it answers.
                pause = drained ? options.PollInterval : Min(pause * 2, options.MaxIdleBackoff);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception exception)
            {
                // The database may be briefly unavailable, or not migrated yet: keep the service up and retry.
                logger.LogError(exception, "Outbox publishing round failed");
                pause = Min(pause * 2, options.MaxIdleBackoff);
            }

            await signal.WaitAsync(pause, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    /// <summary>Publishes everything pending; false when an event could not be published this round.
    /// Rows are marked once per batch, not once per event (one commit instead of hundreds): if the process
    /// dies in between, the events of the batch are sent again, which consumers' inboxes absorb.</summary>
    internal async Task<bool> PublishPendingAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var batch = await outbox.ReadUnpublishedAsync(options.BatchSize, cancellationToken);
            if (batch.Count == 0)
            {
                return true;
            }

            var published = new List<long>(batch.Count);
            try
            {
                foreach (var stored in batch)
                {
                    if (!await publisher.TryPublishAsync(stored, cancellationToken))
                    {
                        await outbox.RecordFailedAttemptAsync(stored.Sequence, cancellationToken);
                        return false;
                    }

                    published.Add(stored.Sequence);
                }
            }
            finally
            {
                // Even when stopping: what the bus already took must not be sent again needlessly.
                await outbox.MarkPublishedAsync(published, CancellationToken.None);
            }
        }
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
