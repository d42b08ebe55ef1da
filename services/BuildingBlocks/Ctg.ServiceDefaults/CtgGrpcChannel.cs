using System.IO.Compression;
using System.Net.Http;
using Grpc.Net.Client;
using Grpc.Net.Compression;
using Microsoft.Extensions.Logging;

namespace Ctg.ServiceDefaults;

/// <summary>How a service's client channel to another service behaves.</summary>
public sealed record CtgChannelOptions
{
    /// <summary>Largest message sent or accepted, like the server's Service:MaxMessageBytes.</summary>
    public int MaxMessageBytes { get; init; } = 4 * 1024 * 1024;

    /// <summary>Idle time before an HTTP/2 ping checks the connection is still alive.</summary>
    public TimeSpan KeepAlivePingDelay { get; init; } = TimeSpan.FromSeconds(60);

    public TimeSpan KeepAlivePingTimeout { get; init; } = TimeSpan.FromSeconds(20);

    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(5);

    public ILoggerFactory? LoggerFactory { get; init; }
}

/// <summary>The one way services open a gRPC channel: h2c on a <see cref="SocketsHttpHandler"/> the generated
/// <c>XClient</c> classes use unchanged. Retries are not built in (see <see cref="GrpcRetry"/>): only the
/// caller knows whether its call is safe to repeat.</summary>
public static class CtgGrpcChannel
{
    /// <summary>Add this metadata entry to a call to send its request message gzip-compressed
    /// (grpc-dotnet reads it and sets grpc-encoding; it never goes on the wire).</summary>
    public const string RequestCompressionHeader = "grpc-internal-encoding-request";

    public static GrpcChannel Create(Uri address, CtgChannelOptions? options = null)
    {
        options ??= new CtgChannelOptions();
        if (address.Scheme != Uri.UriSchemeHttp && address.Scheme != Uri.UriSchemeHttps)
        {
            throw new ArgumentException($"A gRPC address is http:// (h2c) or https://, got {address}.", nameof(address));
        }

        var handler = new SocketsHttpHandler
        {
            // A channel lives as long as the service: keep its connections rather than re-dialling.
            PooledConnectionIdleTimeout = Timeout.InfiniteTimeSpan,
            KeepAlivePingDelay = options.KeepAlivePingDelay,
            KeepAlivePingTimeout = options.KeepAlivePingTimeout,
            KeepAlivePingPolicy = HttpKeepAlivePingPolicy.Always,
            ConnectTimeout = options.ConnectTimeout,
            // Past 100 concurrent streams on one connection, open another instead of queueing calls.
            EnableMultipleHttp2Connections = true,
        };

        return GrpcChannel.ForAddress(address, new GrpcChannelOptions
        {
            HttpHandler = handler,
            DisposeHttpClient = true,
            MaxReceiveMessageSize = options.MaxMessageBytes,
            MaxSendMessageSize = options.MaxMessageBytes,
            CompressionProviders = [new GzipCompressionProvider(CompressionLevel.Fastest)],
            LoggerFactory = options.LoggerFactory,
        });
    }
}
