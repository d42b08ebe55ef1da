using System.Collections.Concurrent;

namespace Ctg.Platform.Tests.Transport;

/// <summary>Lets a test see, from the server side, that a call's cancellation reached the handler.</summary>
public sealed class CancellationProbe
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _cancelled = new();
    private readonly ConcurrentDictionary<string, bool> _started = new();

    /// <summary>The handler of <paramref name="callId"/> began waiting (to tell apart, when a test fails, a call
    /// that never reached its handler from a handler that missed its cancellation).</summary>
    public void Started(string callId) => _started[callId] = true;

    public bool HasStarted(string callId) => _started.ContainsKey(callId);

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
