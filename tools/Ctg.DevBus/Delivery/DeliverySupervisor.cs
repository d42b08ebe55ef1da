using Ctg.DevBus.Storage;

namespace Ctg.DevBus.Delivery;

/// <summary>Runs one delivery loop per active subscription whose app is configured, starting and
/// stopping loops as discovery finds subscriptions appear or disappear.</summary>
public sealed class DeliverySupervisor(
    BusStore store, AppDeliveryClient client, BusPulse pulse, DevBusOptions options, ILoggerFactory loggers) : IAsyncDisposable
{
    private readonly Dictionary<SubscriptionKey, (CancellationTokenSource Stop, Task Loop)> _loops = [];
    private readonly Lock _gate = new();
    private readonly ILogger _logger = loggers.CreateLogger<DeliverySupervisor>();

    public void Reconcile(IReadOnlyList<SubscriptionState> active, CancellationToken stopping)
    {
        lock (_gate)
        {
            var wanted = active.Select(s => s.Key).ToHashSet();
            foreach (var (key, loop) in _loops.Where(l => !wanted.Contains(l.Key) || l.Value.Loop.IsCompleted).ToList())
            {
                loop.Stop.Cancel();
                _loops.Remove(key);
            }

            foreach (var subscription in active.Where(s => !_loops.ContainsKey(s.Key)))
            {
                if (!options.Apps.TryGetValue(subscription.App, out var address))
                {
                    continue;
                }

                var stop = CancellationTokenSource.CreateLinkedTokenSource(stopping);
                var loop = new SubscriptionDeliveryLoop(subscription.Key, address, store, client, pulse, options, loggers.CreateLogger<SubscriptionDeliveryLoop>());
                _loops[subscription.Key] = (stop, Task.Run(() => loop.RunAsync(stop.Token), CancellationToken.None));
                _logger.LogInformation(
                    "Delivering {Topic} on {PubSub} to {App} at {Route} (dead letters to {DeadLetterTopic}), from message {After}",
                    subscription.Topic, subscription.PubSub, subscription.App, subscription.Route, subscription.DeadLetterTopic ?? "(parked)", subscription.DeliveredThrough + 1);
            }
        }
    }

    /// <summary>Stops every loop and waits for them: a delivery in flight is abandoned unsettled, so it is
    /// delivered again after a restart (the subscriber's inbox makes that harmless).</summary>
    public async ValueTask DisposeAsync()
    {
        List<(CancellationTokenSource Stop, Task Loop)> loops;
        lock (_gate)
        {
            loops = [.. _loops.Values];
            _loops.Clear();
        }

        foreach (var loop in loops)
        {
            await loop.Stop.CancelAsync();
        }

        await Task.WhenAll(loops.Select(l => l.Loop));
        foreach (var loop in loops)
        {
            loop.Stop.Dispose();
        }
    }
}
