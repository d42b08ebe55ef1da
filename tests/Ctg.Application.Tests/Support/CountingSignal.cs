using Ctg.Eventing;
using Ctg.Eventing.Publishing;

namespace Ctg.Application.Tests.Support;

/// <summary>Counts the publisher wake-ups the pipeline sends after each commit.</summary>
internal sealed class CountingSignal : IOutboxSignal
{
    public int Count { get; private set; }

    public void Notify() => Count++;
}
