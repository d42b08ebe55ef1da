namespace Ctg.ServiceDefaults;

/// <summary>Configuration section <c>Service</c>: where a service listens and how its gRPC transport behaves.</summary>
public sealed class ServiceEndpointOptions
{
    public const string SectionName = "Service";

    /// <summary>The only response compression the transport offers; requests may use it or identity.</summary>
    public const string Gzip = "gzip";

    public string Host { get; set; } = "127.0.0.1";

    /// <summary>gRPC over h2c (HTTP/2 with prior knowledge). 0 picks a free port.</summary>
    public int GrpcPort { get; set; }

    /// <summary>HTTP/1.1 port for the Dapr app channel (<c>/dapr/subscribe</c>, event deliveries)
    /// and plain health probes. Kestrel cannot offer h2c and HTTP/1.1 on one cleartext port.</summary>
    public int HttpPort { get; set; }

    /// <summary>Largest message accepted or sent, in bytes (gRPC default 4 MiB); a larger one fails
    /// with RESOURCE_EXHAUSTED.</summary>
    public int MaxMessageBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary><c>gzip</c> compresses responses for clients whose grpc-accept-encoding lists gzip;
    /// empty (the default) answers uncompressed, because our messages are small and gzip costs CPU
    /// on every call. Compressed requests are accepted either way.</summary>
    public string? ResponseCompression { get; set; }

    /// <summary>Seconds without traffic after which the server pings a connection to detect a dead peer.</summary>
    public int KeepAlivePingSeconds { get; set; } = 60;

    /// <summary>How often health checks run to feed grpc.health.v1 Watch streams.</summary>
    public int HealthPublishSeconds { get; set; } = 10;

    public void Validate()
    {
        if (MaxMessageBytes <= 0)
        {
            throw new InvalidOperationException($"{SectionName}:{nameof(MaxMessageBytes)} must be positive, got {MaxMessageBytes}.");
        }

        if (!string.IsNullOrEmpty(ResponseCompression) && ResponseCompression != Gzip)
        {
            throw new InvalidOperationException($"{SectionName}:{nameof(ResponseCompression)} must be empty or '{Gzip}', got '{ResponseCompression}'.");
        }

        if (GrpcPort < 0 || HttpPort < 0 || KeepAlivePingSeconds <= 0 || HealthPublishSeconds <= 0)
        {
            throw new InvalidOperationException($"{SectionName}: ports must be >= 0, {nameof(KeepAlivePingSeconds)} and {nameof(HealthPublishSeconds)} > 0.");
        }
    }
}
