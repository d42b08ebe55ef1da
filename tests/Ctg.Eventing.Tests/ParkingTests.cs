using System.Diagnostics.Metrics;
using System.Text.Json;
using Ctg.Eventing.Administration;
using Ctg.Eventing.Publishing;
using Ctg.Eventing.Tests.Support;
using Dapper;
using Microsoft.Extensions.DependencyInjection;

namespace Ctg.Eventing.Tests;

/// <summary>A refused event never blocks the outbox forever: after Eventing:MaxPublishAttempts refusals it
/// is parked with the reason, the events after it go on, and an administrator can put it back.</summary>
public sealed class ParkingTests
{
    private const string ForbiddenTopic = "structures.not-allowed.v1";

    [Fact]
    public async Task A_refused_event_is_parked_after_the_configured_refusals_and_the_next_events_are_published_in_order()
    {
        var options = RunningBus.FastOptions();
        options.AllowedTopics.Add(SampleHappened.Topic);
        await using var bus = await RunningBus.StartAsync(options);
        await using var app = await EventingTestApp.StartAsync("structures", new TestAppSettings { Bus = bus.Options, MaxPublishAttempts = 3 });

        await app.PublishAsync("before", 1);
        var refused = await app.PublishAsync("refused", 2, topic: ForbiddenTopic);
        await app.PublishAsync("after-1", 3);
        await app.PublishAsync("after-2", 4);

        await Eventually.HoldsAsync(async () => (await bus.MessagesAsync()).Count == 3, "the three allowed events reached the bus");
        Assert.Equal(["before", "after-1", "after-2"], (await bus.MessagesAsync()).Select(Value).ToArray());

        var parked = await app.Services.GetRequiredService<ParkedEventStore>().ListAsync(0, 10, CancellationToken.None);
        var row = Assert.Single(parked);
        Assert.Equal((refused.EventId.ToString(), ForbiddenTopic, 3L), (row.EventId, row.Topic, row.Attempts));
        Assert.Equal("PermissionDenied: ERR_PUBSUB_FORBIDDEN: topic structures.not-allowed.v1 is not allowed for app id devbus", row.Reason);
        await using var connection = await app.Connections.OpenAsync(CancellationToken.None);
        Assert.Equal(1L, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM outbox WHERE parked_at IS NOT NULL AND published_at IS NULL"));
    }

    [Fact]
    public async Task A_retried_parked_event_is_published_once_allowed_and_a_discarded_one_never()
    {
        var options = RunningBus.FastOptions();
        options.AllowedTopics.Add(SampleHappened.Topic);
        await using var bus = await RunningBus.StartAsync(options);
        await using var app = await EventingTestApp.StartAsync("structures", new TestAppSettings { Bus = bus.Options, MaxPublishAttempts = 2 });
        var first = await app.PublishAsync("first", 1, topic: ForbiddenTopic);
        var second = await app.PublishAsync("second", 2, topic: ForbiddenTopic);
        var store = app.Services.GetRequiredService<ParkedEventStore>();
        await Eventually.HoldsAsync(async () => (await store.ListAsync(0, 10, CancellationToken.None)).Count == 2, "both events were parked");

        // The cause is fixed (the topic is allowed now): one is retried, the other given up.
        bus.Options.AllowedTopics.Add(ForbiddenTopic);
        Assert.Null(await store.RetryAsync("no-such-event", CancellationToken.None));
        Assert.NotNull(await store.RetryAsync(first.EventId.ToString(), CancellationToken.None));
        Assert.NotNull(await store.DiscardAsync(second.EventId.ToString(), "duplicate of first", CancellationToken.None));
        app.Services.GetRequiredService<IOutboxSignal>().Notify();

        await Eventually.HoldsAsync(async () => (await bus.MessagesAsync(ForbiddenTopic)).Count == 1, "the retried event was published");
        await Task.Delay(500);
        Assert.Equal(["first"], (await bus.MessagesAsync(ForbiddenTopic)).Select(Value).ToArray());
        Assert.Empty(await store.ListAsync(0, 10, CancellationToken.None));
        Assert.Null(await store.DiscardAsync(second.EventId.ToString(), "again", CancellationToken.None));
    }

    [Fact]
    public async Task The_backlog_and_parked_gauges_report_what_waits()
    {
        var options = RunningBus.FastOptions();
        options.AllowedTopics.Add(SampleHappened.Topic);
        await using var app = await EventingTestApp.StartAsync("structures", new TestAppSettings { Bus = options, MaxPublishAttempts = 2 });
        var measured = new Dictionary<string, long>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == OutboxMetrics.MeterName)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, _, _) => measured[instrument.Name] = value);
        listener.Start();

        // No bus yet: both events wait.
        await app.PublishAsync("a", 1);
        await app.PublishAsync("b", 2, topic: ForbiddenTopic);
        await Eventually.HoldsAsync(() => { listener.RecordObservableInstruments(); return Task.FromResult(measured.GetValueOrDefault("ctg.outbox.backlog") == 2); }, "the backlog gauge shows 2");
        Assert.Equal(0, measured["ctg.outbox.parked"]);

        await using var bus = await RunningBus.StartAsync(options);
        await Eventually.HoldsAsync(() =>
        {
            listener.RecordObservableInstruments();
            return Task.FromResult(measured["ctg.outbox.backlog"] == 0 && measured["ctg.outbox.parked"] == 1);
        }, "the backlog drained and one event is parked");
    }

    private static string Value((long Sequence, string Topic, string EventId, string CloudEvent) message) =>
        JsonDocument.Parse(message.CloudEvent).RootElement.GetProperty("data").GetProperty("value").GetString()!;
}
