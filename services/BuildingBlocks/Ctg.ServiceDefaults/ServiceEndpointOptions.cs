namespace Ctg.ServiceDefaults;

/// <summary>Configuration section <c>Service</c>: where a service listens.</summary>
public sealed class ServiceEndpointOptions
{
    public const string SectionName = "Service";

    public string Host { get; set; } = "127.0.0.1";

    /// <summary>gRPC over h2c (HTTP/2 with prior knowledge). 0 picks a free port.</summary>
    public int GrpcPort { get; set; }

    /// <summary>HTTP/1.1 port for the Dapr app channel (<c>/dapr/subscribe</c>, event deliveries)
    /// and plain health probes. Kestrel cannot offer h2c and HTTP/1.1 on one cleartext port.</summary>
    public int HttpPort { get; set; }

    /// <summary>Largest message accepted or sent, in bytes (gRPC default 4 MiB).</summary>
    public int MaxMessageBytes { get; set; } = 4 * 1024 * 1024;
}
