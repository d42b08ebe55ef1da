using System.Threading.Channels;

namespace Ctg.Eventing.Publishing;

/// <summary>Wakes the outbox publisher. The outbox writer cannot know when the caller commits, so the
/// publisher also polls; a service that calls <see cref="Notify"/> right after its commit gets its
/// events on the bus without waiting for the next poll.</summary>
public interface IOutboxSignal
{
    void Notify();
}

/// <summary>A one-slot wake-up: many notifications before the publisher looks collapse into one.</summary>
public sealed class OutboxSignal : IOutboxSignal
{
    private readonly Channel<bool> _channel = Channel.CreateBounded<bool>(
        new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });

    public void Notify() => _channel.Writer.TryWrite(true);

    /// <summary>Returns when notified or after <paramref name="timeout"/>, whichever comes first.</summary>
    public async Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var timer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timer.CancelAfter(timeout);
        try
        {
            await _channel.Reader.WaitToReadAsync(timer.Token);
            _channel.Reader.TryRead(out _);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // The poll interval elapsed: look at the outbox anyway.
        }
    }
}
