using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Ctg.Eventing.Publishing;

/// <summary>Sends committed outbox events to the bus, one at a time in sequence order, so that the bus
/// sees each service's events in the order the service committed them (see <see cref="OutboxWriter"/> for
/// why sequence order is commit order). Only the instance holding the <see cref="OutboxLease"/> publishes.
/// While the sidecar is unreachable an event blocks those after it (rather than skipping ahead and breaking
/// the order); an event the sidecar refuses <see cref="EventingOptions.MaxPublishAttempts"/> times is
/// parked and the next ones go on.</summary>
public sealed class OutboxPublisher(
    OutboxStore outbox,
    OutboxLease lease,
    DaprPublisher publisher,
    OutboxSignal signal,
    OutboxMetrics metrics,
    DaprOptions options,
    EventingOptions eventing,
    ILogger<OutboxPublisher> logger)
    : BackgroundService
{
    private bool _leader;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        logger.LogInformation("Outbox publisher started, sidecar {Endpoint}, pubsub {PubSubName}, lease owner {Owner}",
            publisher.Endpoint, options.PubSubName, lease.Owner);
        var pause = options.PollInterval;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var drained = await PublishPendingAsync(stoppingToken);
                // Back off while the sidecar is away; come back to the poll rhythm as soon as it answers.
                pause = drained ? options.PollInterval : Min(pause * 2, options.MaxIdleBackoff);
                var (backlog, parked) = await outbox.CountAsync(stoppingToken);
                metrics.Update(backlog, parked);
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

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        try
        {
            await lease.ReleaseAsync(cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // The lease then simply expires.
            logger.LogWarning("Could not release the outbox lease: {Reason}", exception.Message);
        }
    }

    /// <summary>Publishes everything pending; false when an event could not be published this round (or
    /// another instance holds the lease). Rows are marked once per batch, not once per event (one commit
    /// instead of hundreds): if the process dies in between, the events of the batch are sent again,
    /// which consumers' inboxes absorb.</summary>
    internal async Task<bool> PublishPendingAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            if (!await HoldLeaseAsync(cancellationToken))
            {
                return true;
            }

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
                    // Renewed as it goes: a slow sidecar must not let the lease lapse in the middle of a batch.
                    if (!await HoldLeaseAsync(cancellationToken))
                    {
                        return true;
                    }

                    var outcome = await publisher.PublishAsync(stored, cancellationToken);
                    if (outcome.Status == PublishStatus.Published)
                    {
                        published.Add(stored.Sequence);
                        continue;
                    }

                    if (outcome.Status == PublishStatus.Unavailable)
                    {
                        return false;
                    }

                    // Mark what went before first: parking commits on its own.
                    await outbox.MarkPublishedAsync(published, CancellationToken.None);
                    published.Clear();
                    if (!await outbox.RecordRefusalAsync(stored, outcome.Detail, eventing.MaxPublishAttempts, CancellationToken.None))
                    {
                        return false;
                    }

                    logger.LogError(
                        "Event {EventId} (sequence {Sequence}) on {Topic} parked after {Attempts} refusals; the next events go on. Last refusal: {Reason}",
                        stored.EventId, stored.Sequence, stored.Topic, eventing.MaxPublishAttempts, outcome.Detail);
                }
            }
            finally
            {
                // Even when stopping: what the bus already took must not be sent again needlessly.
                await outbox.MarkPublishedAsync(published, CancellationToken.None);
            }
        }
    }

    private async Task<bool> HoldLeaseAsync(CancellationToken cancellationToken)
    {
        var held = await lease.TryHoldAsync(cancellationToken);
        if (held != _leader)
        {
            _leader = held;
            logger.LogInformation(held ? "This instance now publishes the outbox" : "Another instance publishes the outbox; standing by");
        }

        return held;
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
