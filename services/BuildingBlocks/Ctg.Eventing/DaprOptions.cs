namespace Ctg.Eventing;

/// <summary>Configuration section <c>Dapr</c>: where the sidecar (a real <c>daprd</c>, or the development
/// bus that speaks the same HTTP API) listens, and how hard the publisher tries before leaving an event
/// in the outbox for its next round.</summary>
public sealed class DaprOptions
{
    public const string SectionName = "Dapr";

    /// <summary>Base address of the sidecar's HTTP API. Default: <c>http://127.0.0.1:{DAPR_HTTP_PORT}</c>,
    /// the variable daprd injects into the app's environment, else <c>http://127.0.0.1:3500</c>.</summary>
    public string? HttpEndpoint { get; set; }

    /// <summary>Name of the pub/sub component (<c>deploy/dapr/pubsub.yaml</c>).</summary>
    public string PubSubName { get; set; } = "pubsub";

    /// <summary>How often the publisher looks at the outbox when nobody signalled a commit.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(150);

    /// <summary>Retries of one publish call (exponential backoff with jitter) before the publisher
    /// gives up for this round and keeps the event in the outbox.</summary>
    public int PublishRetries { get; set; } = 4;

    /// <summary>First retry delay; doubles on each attempt.</summary>
    public TimeSpan PublishRetryDelay { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Time allowed to one publish attempt.</summary>
    public TimeSpan PublishTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Longest pause between two rounds while the sidecar is unreachable.</summary>
    public TimeSpan MaxIdleBackoff { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Outbox rows read per round.</summary>
    public int BatchSize { get; set; } = 200;

    public Uri ResolveHttpEndpoint()
    {
        if (!string.IsNullOrWhiteSpace(HttpEndpoint))
        {
            return new Uri(HttpEndpoint.TrimEnd('/') + "/");
        }

        var port = Environment.GetEnvironmentVariable("DAPR_HTTP_PORT");
        return int.TryParse(port, out var value) && value > 0
            ? new Uri($"http://127.0.0.1:{value}/")
            : new Uri("http://127.0.0.1:3500/");
    }
}
