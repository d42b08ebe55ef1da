using Ctg.Domain;
using Ctg.Eventing.Administration;
using Ctg.Eventing.Publishing;
using Ctg.Eventing.Tests.Support;
using Ctg.Testing;
using Ctg.Eventing.V1;
using Ctg.ServiceDefaults;
using Microsoft.Extensions.DependencyInjection;

namespace Ctg.Eventing.Tests;

/// <summary>ListParkedEvents pages with the platform's one rule and cursor codec, on its top-level
/// page_size and page_token fields.</summary>
public sealed class ParkedEventsPagingTests
{
    private const string ForbiddenTopic = "structures.not-allowed.v1";

    [Fact]
    public async Task Parked_events_page_with_the_shared_cursor_and_a_wrong_page_is_refused_with_the_shared_messages()
    {
        var options = RunningBus.FastOptions();
        options.AllowedTopics.Add(SampleHappened.Topic);
        await using var bus = await RunningBus.StartAsync(options);
        await using var app = await EventingTestApp.StartAsync("structures", new TestAppSettings { Bus = bus.Options, MaxPublishAttempts = 2 });
        foreach (var n in new[] { 1, 2, 3 })
        {
            await app.PublishAsync("refused-" + n, n, topic: ForbiddenTopic);
        }

        var store = app.Services.GetRequiredService<ParkedEventStore>();
        await Eventually.HoldsAsync(async () => (await store.ListAsync(0, 10, CancellationToken.None)).Count == 3, "the three events were parked");
        var service = new ParkedEventsService(store, app.Services.GetRequiredService<IOutboxSignal>());
        var context = new TestCallContext("/ctg.eventing.v1.ParkedEvents/ListParkedEvents");

        var first = await service.ListParkedEvents(new ListParkedEventsRequest { PageSize = 2 }, context);
        var last = await service.ListParkedEvents(new ListParkedEventsRequest { PageSize = 2, PageToken = first.NextPageToken }, context);

        Assert.Equal([first.Events[1].Sequence.ToString(System.Globalization.CultureInfo.InvariantCulture)], PageCursor.Decode(first.NextPageToken));
        Assert.Equal((2, 1, ""), (first.Events.Count, last.Events.Count, last.NextPageToken));
        Assert.True(last.Events[0].Sequence > first.Events[1].Sequence);

        var refused = await Assert.ThrowsAsync<RuleViolationError>(() =>
            service.ListParkedEvents(new ListParkedEventsRequest { PageSize = 501, PageToken = "5" }, context));
        Assert.Equal(
            [new FieldViolation("page_size", "must be between 0 (default 50) and 500."), new FieldViolation("page_token", "is not a token this service returned.")],
            refused.Violations);
    }
}
