using Microsoft.Extensions.Configuration;

namespace Ctg.Eventing;

/// <summary>Configuration section <c>Dapr</c>: where the sidecar (a real <c>daprd</c>, or the development
/// bus that serves the same APIs) listens, the tokens of both directions, and how hard the publisher tries
/// before leaving an event in the outbox for its next round.</summary>
public sealed class DaprOptions
{
    public const string SectionName = "Dapr";

    /// <summary>The sidecar's gRPC API, which DaprClient publishes through. Default: the variable
    /// <c>DAPR_GRPC_ENDPOINT</c>, else <c>http://127.0.0.1:{DAPR_GRPC_PORT}</c>, else <c>http://127.0.0.1:50001</c>.</summary>
    public string? GrpcEndpoint { get; set; }

    /// <summary>The sidecar's HTTP API (service invocation, health). Default: <c>DAPR_HTTP_ENDPOINT</c>,
    /// else <c>http://127.0.0.1:{DAPR_HTTP_PORT}</c>, else <c>http://127.0.0.1:3500</c>.</summary>
    public string? HttpEndpoint { get; set; }

    /// <summary>Token the app sends to its sidecar (<c>DAPR_API_TOKEN</c>); empty when the sidecar asks none.</summary>
    public string? ApiToken { get; set; }

    /// <summary>Token the sidecar sends to the app (<c>APP_API_TOKEN</c>, header <c>dapr-api-token</c>).
    /// When set, a delivery without it gets 401 and nothing is applied.</summary>
    public string? AppApiToken { get; set; }

    /// <summary>Name of the pub/sub component (<c>deploy/dapr/pubsub.yaml</c>).</summary>
    public string PubSubName { get; set; } = "pubsub";

    /// <summary>How often the publisher looks at the outbox when nobody signalled a commit.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(150);

    /// <summary>Retries of one publish call while the sidecar is unreachable (exponential backoff with
    /// jitter) before the publisher gives up for this round and keeps the event in the outbox.</summary>
    public int PublishRetries { get; set; } = 4;

    /// <summary>First retry delay; doubles on each attempt.</summary>
    public TimeSpan PublishRetryDelay { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Time allowed to one publish attempt.</summary>
    public TimeSpan PublishTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Longest pause between two rounds while the sidecar is unreachable.</summary>
    public TimeSpan MaxIdleBackoff { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Outbox rows read per round.</summary>
    public int BatchSize { get; set; } = 200;

    /// <summary>Reads section <c>Dapr</c>, then fills what it leaves out from the variables daprd and the
    /// Dapr SDK use (<c>DAPR_GRPC_ENDPOINT</c>, <c>DAPR_HTTP_ENDPOINT</c>, their <c>_PORT</c> forms,
    /// <c>DAPR_API_TOKEN</c>, <c>APP_API_TOKEN</c>), read through configuration so that tests can set them.</summary>
    public static DaprOptions From(IConfiguration configuration)
    {
        var options = configuration.GetSection(SectionName).Get<DaprOptions>() ?? new DaprOptions();
        options.GrpcEndpoint = Endpoint(options.GrpcEndpoint, configuration["DAPR_GRPC_ENDPOINT"], configuration["DAPR_GRPC_PORT"], 50001);
        options.HttpEndpoint = Endpoint(options.HttpEndpoint, configuration["DAPR_HTTP_ENDPOINT"], configuration["DAPR_HTTP_PORT"], 3500);
        options.ApiToken = FirstSet(options.ApiToken, configuration["DAPR_API_TOKEN"]);
        options.AppApiToken = FirstSet(options.AppApiToken, configuration["APP_API_TOKEN"]);
        return options;
    }

    public Uri ResolveHttpEndpoint() => new((HttpEndpoint ?? "http://127.0.0.1:3500").TrimEnd('/') + "/");

    public Uri ResolveGrpcEndpoint() => new((GrpcEndpoint ?? "http://127.0.0.1:50001").TrimEnd('/') + "/");

    private static string Endpoint(string? configured, string? endpointVariable, string? portVariable, int defaultPort)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return configured;
        }

        if (!string.IsNullOrWhiteSpace(endpointVariable))
        {
            return endpointVariable;
        }

        return int.TryParse(portVariable, out var port) && port > 0
            ? $"http://127.0.0.1:{port}"
            : $"http://127.0.0.1:{defaultPort}";
    }

    private static string? FirstSet(string? a, string? b) =>
        !string.IsNullOrWhiteSpace(a) ? a : string.IsNullOrWhiteSpace(b) ? null : b;
}
