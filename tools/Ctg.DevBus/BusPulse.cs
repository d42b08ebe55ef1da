namespace Ctg.DevBus;

/// <summary>Wakes every idle delivery loop when a message is stored, so delivery starts at once instead of
/// at the next poll. Waiters take the current task; a pulse completes it and installs a fresh one.</summary>
public sealed class BusPulse
{
    private TaskCompletionSource _current = New();

    public void Pulse() => Interlocked.Exchange(ref _current, New()).TrySetResult();

    public async Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var pulsed = Volatile.Read(ref _current).Task;
        await Task.WhenAny(pulsed, Task.Delay(timeout, cancellationToken));
        cancellationToken.ThrowIfCancellationRequested();
    }

    private static TaskCompletionSource New() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
