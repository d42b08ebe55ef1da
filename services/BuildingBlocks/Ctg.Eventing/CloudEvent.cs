using System.Text.Json;
using System.Text.Json.Nodes;

namespace Ctg.Eventing;

/// <summary>The CloudEvents 1.0 structured JSON form (<c>application/cloudevents+json</c>) in which events
/// travel, with the attributes Dapr adds (<c>topic</c>, <c>pubsubname</c>) and our extension
/// <c>ctgsequence</c>: the position of the event in its source's outbox, so that a consumer can order
/// or de-duplicate per source (for example while a replay and live events interleave).</summary>
public static class CloudEvent
{
    public const string ContentType = "application/cloudevents+json";
    public const string SpecVersion = "1.0";
    public const string SequenceAttribute = "ctgsequence";

    public static JsonObject Create(
        string id, string source, string type, DateTimeOffset time, string topic, string pubSubName, long sequence, string dataJson) =>
        new()
        {
            ["specversion"] = SpecVersion,
            ["id"] = id,
            ["source"] = source,
            ["type"] = type,
            ["time"] = time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", System.Globalization.CultureInfo.InvariantCulture),
            ["datacontenttype"] = "application/json",
            ["topic"] = topic,
            ["pubsubname"] = pubSubName,
            [SequenceAttribute] = sequence,
            ["data"] = JsonNode.Parse(dataJson),
        };
}

/// <summary>The attributes of a received CloudEvent that handlers may need.</summary>
public sealed record ReceivedCloudEvent(
    string Id, string Source, string Type, string Topic, DateTimeOffset? Time, long? Sequence, JsonElement Data)
{
    private const string Header = "Cloudevent.";

    /// <summary>Reads a delivery the SDK's CloudEvents middleware unwrapped: the data is the body, the
    /// attributes are <c>Cloudevent.{name}</c> headers. Null when there is no id or no data (the body was
    /// not a CloudEvent).</summary>
    public static async Task<ReceivedCloudEvent?> FromUnwrappedAsync(
        Microsoft.AspNetCore.Http.HttpRequest request, string subscribedTopic, CancellationToken cancellationToken)
    {
        string Attribute(string name) => request.Headers[Header + name].ToString();

        var id = Attribute("id");
        if (id.Length == 0)
        {
            return null;
        }

        using var reader = new StreamReader(request.Body);
        var body = await reader.ReadToEndAsync(cancellationToken);
        if (string.IsNullOrWhiteSpace(body))
        {
            return null;
        }

        var data = JsonDocument.Parse(body).RootElement.Clone();
        // Some publishers put the JSON payload in a string; accept it when it parses.
        if (data.ValueKind == JsonValueKind.String && TryParse(data.GetString()!, out var parsed))
        {
            data = parsed;
        }

        var topic = Attribute("topic");
        DateTimeOffset? time = DateTimeOffset.TryParse(
            Attribute("time"), System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var t)
            ? t
            : null;
        long? sequence = long.TryParse(Attribute(CloudEvent.SequenceAttribute), System.Globalization.CultureInfo.InvariantCulture, out var seq)
            ? seq
            : null;
        return new ReceivedCloudEvent(id, Attribute("source"), Attribute("type"), topic.Length > 0 ? topic : subscribedTopic, time, sequence, data);
    }

    /// <summary>Reads a structured CloudEvent; null when the body is not one (no id, no data).</summary>
    public static ReceivedCloudEvent? TryRead(JsonElement body)
    {
        if (body.ValueKind != JsonValueKind.Object || !TryString(body, "id", out var id))
        {
            return null;
        }

        JsonElement data;
        if (body.TryGetProperty("data", out var inline))
        {
            data = inline;
            // Some publishers put the JSON payload in a string; accept it when it parses.
            if (data.ValueKind == JsonValueKind.String && TryParse(data.GetString()!, out var parsed))
            {
                data = parsed;
            }
        }
        else if (body.TryGetProperty("data_base64", out var base64) && base64.ValueKind == JsonValueKind.String
            && TryParse(System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(base64.GetString()!)), out var decoded))
        {
            data = decoded;
        }
        else
        {
            return null;
        }

        TryString(body, "source", out var source);
        TryString(body, "type", out var type);
        TryString(body, "topic", out var topic);
        DateTimeOffset? time = TryString(body, "time", out var rawTime) && DateTimeOffset.TryParse(
            rawTime, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var t)
            ? t
            : null;
        long? sequence = body.TryGetProperty(CloudEvent.SequenceAttribute, out var seq) && seq.ValueKind == JsonValueKind.Number
            ? seq.GetInt64()
            : null;
        return new ReceivedCloudEvent(id, source, type, topic, time, sequence, data);
    }

    private static bool TryString(JsonElement body, string name, out string value)
    {
        value = body.TryGetProperty(name, out var element) && element.ValueKind == JsonValueKind.String ? element.GetString()! : "";
        return value.Length > 0;
    }

    private static bool TryParse(string json, out JsonElement element)
    {
        try
        {
            element = JsonDocument.Parse(json).RootElement.Clone();
            return true;
        }
        catch (JsonException)
        {
            element = default;
            return false;
        }
    }
}
