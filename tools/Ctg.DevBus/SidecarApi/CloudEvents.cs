using System.Text.Json;
using System.Text.Json.Nodes;

namespace Ctg.DevBus.SidecarApi;

/// <summary>CloudEvents 1.0 handling as daprd does it on publish.</summary>
public static class CloudEvents
{
    public const string ContentType = "application/cloudevents+json";

    /// <summary>Wraps a raw body: JSON becomes <c>data</c> as is, anything else a string.</summary>
    public static JsonObject Wrap(string body, string contentType)
    {
        var isJson = contentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase)
            || contentType.Contains("+json", StringComparison.OrdinalIgnoreCase);
        return new JsonObject
        {
            ["datacontenttype"] = isJson ? "application/json" : contentType,
            ["data"] = isJson ? JsonNode.Parse(body) : JsonValue.Create(body),
        };
    }

    /// <summary>Sets the attributes Dapr owns (topic, pubsubname) and fills the required ones the publisher left out.</summary>
    public static void Complete(JsonObject cloudEvent, string pubsub, string topic)
    {
        cloudEvent["specversion"] ??= "1.0";
        if (cloudEvent["id"] is not JsonValue id || id.GetValueKind() != JsonValueKind.String || id.GetValue<string>().Length == 0)
        {
            cloudEvent["id"] = Guid.NewGuid().ToString();
        }

        cloudEvent["source"] ??= "devbus";
        cloudEvent["type"] ??= "com.dapr.event.sent";
        cloudEvent["datacontenttype"] ??= "application/json";
        cloudEvent["time"] ??= DateTimeOffset.UtcNow.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", System.Globalization.CultureInfo.InvariantCulture);
        cloudEvent["topic"] = topic;
        cloudEvent["pubsubname"] = pubsub;
    }
}
