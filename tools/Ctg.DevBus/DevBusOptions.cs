using System.Globalization;
using System.Text.Json;

namespace Ctg.DevBus;

/// <summary>Command line of the development bus:
/// <c>--port 3500 [--grpc-port 50001] [--dapr-api-token T] [--app-api-token T] --data .data/devbus.db --app signatories=http://127.0.0.1:5101 [--app ...] [--apps-file apps.json]
/// [--pubsub pubsub] [--allowed-topics t1,t2] [--max-attempts 5] [--initial-backoff-ms 200] [--max-backoff-ms 10000]
/// [--discovery-interval-ms 5000] [--delivery-timeout-ms 30000] [--idle-poll-ms 500] [--log-level Information] [--json-logs]</c>.</summary>
public sealed class DevBusOptions
{
    public int Port { get; set; } = 3500;

    /// <summary>Port of the Dapr gRPC API (<c>dapr.proto.runtime.v1.Dapr</c>), h2c, which the SDK's
    /// DaprClient publishes through; daprd's default is 50001.</summary>
    public int GrpcPort { get; set; } = 50001;

    /// <summary>Token apps must send (header <c>dapr-api-token</c>) on every sidecar call but health, as
    /// daprd does when <c>DAPR_API_TOKEN</c> is set. Default: the variable <c>DAPR_API_TOKEN</c>.</summary>
    public string? DaprApiToken { get; set; } = Blank(Environment.GetEnvironmentVariable("DAPR_API_TOKEN"));

    /// <summary>Token the bus sends to apps (header <c>dapr-api-token</c>) on deliveries, subscription
    /// discovery and service invocation. Default: the variable <c>APP_API_TOKEN</c>.</summary>
    public string? AppApiToken { get; set; } = Blank(Environment.GetEnvironmentVariable("APP_API_TOKEN"));

    public string DataFile { get; set; } = Path.Combine(".data", "devbus.db");

    /// <summary>Subscriber apps: name → base address of their HTTP/1.1 app channel.</summary>
    public Dictionary<string, Uri> Apps { get; } = new(StringComparer.Ordinal);

    /// <summary>Pub/sub component names the bus answers to (Dapr answers 404 for others).</summary>
    public HashSet<string> PubSubNames { get; } = new(StringComparer.Ordinal) { "pubsub" };

    /// <summary>Deliveries answered RETRY, 5xx or timed out before the message is dead-lettered.</summary>
    public int MaxAttempts { get; set; } = 5;

    public TimeSpan InitialBackoff { get; set; } = TimeSpan.FromMilliseconds(200);

    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How often each app's <c>/dapr/subscribe</c> is read again, so that a restarted or
    /// late app is (re)discovered.</summary>
    public TimeSpan DiscoveryInterval { get; set; } = TimeSpan.FromSeconds(5);

    public TimeSpan DeliveryTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long an idle subscription waits before looking for new messages when no publish woke it.</summary>
    public TimeSpan IdlePoll { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>The topics publishers may use, like the <c>allowedTopics</c> metadata of a Dapr pub/sub
    /// component (deploy/dapr/pubsub.yaml): a publish to another topic is refused (403, PERMISSION_DENIED).
    /// Empty: every topic.</summary>
    public HashSet<string> AllowedTopics { get; } = new(StringComparer.Ordinal);

    public bool JsonLogs { get; set; }

    /// <summary>Least severe log level written (<c>--log-level Warning</c>).</summary>
    public LogLevel MinimumLogLevel { get; set; } = LogLevel.Information;

    public static DevBusOptions Parse(IReadOnlyList<string> args)
    {
        var options = new DevBusOptions();
        for (var i = 0; i < args.Count; i++)
        {
            var (name, inlineValue) = Split(args[i]);
            string Value() => inlineValue ?? (i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{name} needs a value."));
            switch (name)
            {
                case "--port": options.Port = int.Parse(Value(), CultureInfo.InvariantCulture); break;
                case "--grpc-port": options.GrpcPort = int.Parse(Value(), CultureInfo.InvariantCulture); break;
                case "--dapr-api-token": options.DaprApiToken = Blank(Value()); break;
                case "--app-api-token": options.AppApiToken = Blank(Value()); break;
                case "--data": options.DataFile = Value(); break;
                case "--app": options.AddApp(Value()); break;
                case "--apps-file": options.LoadAppsFile(Value()); break;
                case "--pubsub": options.PubSubNames.Add(Value()); break;
                case "--allowed-topics": options.AllowedTopics.UnionWith(Value().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)); break;
                case "--max-attempts": options.MaxAttempts = int.Parse(Value(), CultureInfo.InvariantCulture); break;
                case "--initial-backoff-ms": options.InitialBackoff = Milliseconds(Value()); break;
                case "--max-backoff-ms": options.MaxBackoff = Milliseconds(Value()); break;
                case "--discovery-interval-ms": options.DiscoveryInterval = Milliseconds(Value()); break;
                case "--delivery-timeout-ms": options.DeliveryTimeout = Milliseconds(Value()); break;
                case "--idle-poll-ms": options.IdlePoll = Milliseconds(Value()); break;
                case "--json-logs": options.JsonLogs = true; break;
                case "--log-level": options.MinimumLogLevel = Enum.Parse<LogLevel>(Value(), ignoreCase: true); break;
                default: throw new ArgumentException($"Unknown option {args[i]}.");
            }
        }

        if (options.MaxAttempts < 1)
        {
            throw new ArgumentException("--max-attempts must be at least 1.");
        }

        return options;
    }

    /// <summary><c>name=http://127.0.0.1:5101</c>.</summary>
    public void AddApp(string declaration)
    {
        var equals = declaration.IndexOf('=', StringComparison.Ordinal);
        if (equals <= 0 || !Uri.TryCreate(declaration[(equals + 1)..], UriKind.Absolute, out var address))
        {
            throw new ArgumentException($"--app expects name=http://host:port, got '{declaration}'.");
        }

        Apps[declaration[..equals]] = address;
    }

    /// <summary>A JSON file <c>{"apps": {"signatories": "http://127.0.0.1:5101", ...}}</c>.</summary>
    public void LoadAppsFile(string path)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        foreach (var app in document.RootElement.GetProperty("apps").EnumerateObject())
        {
            AddApp($"{app.Name}={app.Value.GetString()}");
        }
    }

    private static (string Name, string? Value) Split(string arg)
    {
        var equals = arg.IndexOf('=', StringComparison.Ordinal);
        return arg.StartsWith("--", StringComparison.Ordinal) && equals > 0 ? (arg[..equals], arg[(equals + 1)..]) : (arg, null);
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

    private static TimeSpan Milliseconds(string value) => TimeSpan.FromMilliseconds(int.Parse(value, CultureInfo.InvariantCulture));
}
