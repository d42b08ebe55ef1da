using Ctg.Cli.Identity;
using Grpc.Net.Client;

namespace Ctg.Cli.Platform;

/// <summary>One gRPC channel per service, opened on first use and closed with the command. Every call
/// carries the access token of the session <c>ctg login</c> opened.</summary>
public sealed class ServiceClients(Endpoints endpoints, SessionTokens? tokens = null, bool anonymous = false) : IDisposable
{
    private readonly Dictionary<Uri, GrpcChannel> _channels = [];
    private readonly SessionTokens? _tokens = anonymous ? null : tokens ?? new SessionTokens(TokenCache.ForUser(Environment.GetEnvironmentVariable));

    /// <summary>Channels without a token, for what is open to anyone (grpc.health.v1): no token to validate.</summary>
    public static ServiceClients Anonymous(Endpoints endpoints) => new(endpoints, anonymous: true);

    public Endpoints Endpoints { get; } = endpoints;

    /// <summary>Every call gets a deadline: a service that hangs must not hang the terminal.</summary>
    public static DateTime Deadline(int seconds = 60) => DateTime.UtcNow.AddSeconds(seconds);

    public GrpcChannel Signatories => Channel(Endpoints.Signatories);
    public GrpcChannel Structures => Channel(Endpoints.Structures);
    public GrpcChannel Funding => Channel(Endpoints.Funding);
    public GrpcChannel Reporting => Channel(Endpoints.Reporting);

    public GrpcChannel Channel(Uri address)
    {
        if (!_channels.TryGetValue(address, out var channel))
        {
            channel = GrpcChannel.ForAddress(address, new GrpcChannelOptions
            {
                HttpHandler = WithToken(new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(3), EnableMultipleHttp2Connections = true }),
                DisposeHttpClient = true,
                MaxReceiveMessageSize = 16 * 1024 * 1024,
                MaxSendMessageSize = 16 * 1024 * 1024,
            });
            _channels[address] = channel;
        }
        return channel;
    }

    private HttpMessageHandler WithToken(HttpMessageHandler inner) => _tokens is null ? inner : new BearerTokenHandler(_tokens, inner);

    public void Dispose()
    {
        foreach (var channel in _channels.Values) channel.Dispose();
        _channels.Clear();
    }
}
