using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Ctg.Eventing;
using Ctg.Eventing.Subscriptions;

namespace Ctg.Reporting.Tests.Support;

/// <summary>Delivers CloudEvents to reporting's routes over HTTP exactly as the bus (or daprd) does, for
/// the query tests that need precise control of order, sequence and redelivery.</summary>
internal sealed class DirectDelivery(Uri reportingHttp) : IDisposable
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);
    private readonly HttpClient _http = new() { BaseAddress = reportingHttp };
    private long _sequence;

    /// <summary>Delivers and returns the Dapr status reporting answered (SUCCESS, RETRY, DROP).</summary>
    public async Task<string> DeliverAsync(TopicEvent item, long? sequence = null, string? source = null)
    {
        // Consumers ignore an event whose source is not the topic's owner (issue 10): default to the owner.
        source ??= SubscriptionBuilder.OwnerSource(item.Topic) ?? "ctg/test";
        var data = JsonSerializer.Serialize(item.Event, item.Event.GetType(), Web);
        var cloudEvent = CloudEvent.Create(
            item.Event.EventId.ToString(), source, "ctg." + item.Topic, item.Event.OccurredAt, item.Topic, "pubsub",
            sequence ?? Interlocked.Increment(ref _sequence), data);
        using var content = new StringContent(cloudEvent.ToJsonString(), Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue(CloudEvent.ContentType);
        using var response = await _http.PostAsync("/events/" + item.Topic, content);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return body.RootElement.GetProperty("status").GetString()!;
    }

    public async Task DeliverAllAsync(IEnumerable<TopicEvent> items)
    {
        foreach (var item in items)
        {
            var status = await DeliverAsync(item);
            Assert.True(status == "SUCCESS", $"{item.Topic} answered {status}");
        }
    }

    public void Dispose() => _http.Dispose();
}
