using System.Diagnostics.Metrics;

namespace Ctg.Eventing.Publishing;

/// <summary>Gauges on meter <c>Ctg.Eventing</c>: <c>ctg.outbox.backlog</c> (events committed and not yet
/// published: grows while the sidecar or broker is away) and <c>ctg.outbox.parked</c> (events refused too
/// often, waiting for an administrator). The publisher refreshes the counts once per round; a gauge
/// callback must not query the database on the exporter's thread.</summary>
public sealed class OutboxMetrics : IDisposable
{
    public const string MeterName = "Ctg.Eventing";

    private readonly Meter _meter;
    private long _backlog;
    private long _parked;

    public OutboxMetrics(IMeterFactory meters, EventSourceName source)
    {
        _meter = meters.Create(MeterName);
        var tags = new KeyValuePair<string, object?>[] { new("ctg.source", source.Value) };
        _meter.CreateObservableGauge("ctg.outbox.backlog", () => new Measurement<long>(Interlocked.Read(ref _backlog), tags),
            unit: "{event}", description: "Events committed to the outbox and not yet published.");
        _meter.CreateObservableGauge("ctg.outbox.parked", () => new Measurement<long>(Interlocked.Read(ref _parked), tags),
            unit: "{event}", description: "Events parked after too many refusals, waiting for an administrator.");
    }

    public long Backlog => Interlocked.Read(ref _backlog);

    public long Parked => Interlocked.Read(ref _parked);

    public void Update(long backlog, long parked)
    {
        Interlocked.Exchange(ref _backlog, backlog);
        Interlocked.Exchange(ref _parked, parked);
    }

    public void Dispose() => _meter.Dispose();
}
