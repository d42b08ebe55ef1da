using System.Collections.Concurrent;

namespace Ctg.Platform.Tests.Transport;

/// <summary>Lets a test see, from the server side, that a call's cancellation reached the handler.</summary>
public sealed class CancellationProbe
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _cancelled = new();

    public void Record(string callId) => Slot(callId).TrySetResult();

    /// <summary>True when the handler of <paramref name="callId"/> observed cancellation within <paramref name="timeout"/>.</summary>
    public async Task<bool> WaitAsync(string callId, TimeSpan timeout)
    {
        var slot = Slot(callId).Task;
        return await Task.WhenAny(slot, Task.Delay(timeout)) == slot;
    }

    private TaskCompletionSource Slot(string callId) =>
        _cancelled.GetOrAdd(callId, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
}
