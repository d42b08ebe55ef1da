using Grpc.Net.Client;

namespace Ctg.Testing;

/// <summary>gRPC channels that log in through the test identity provider.</summary>
public static class TestChannels
{
    /// <summary>A channel to <paramref name="address"/> calling as <paramref name="login"/> (default: every staff role).</summary>
    public static GrpcChannel As(Uri address, string login = TestIdentity.StaffUser, GrpcChannelOptions? options = null)
    {
        options ??= new GrpcChannelOptions();
        options.HttpHandler = new BearerTokenHandler(ct => TestIdentity.Shared.AccessTokenAsync(login, ct));
        options.DisposeHttpClient = true;
        return GrpcChannel.ForAddress(address, options);
    }

    /// <summary>A channel that sends the given raw bearer token (an expired one, a foreign one…).</summary>
    public static GrpcChannel WithToken(Uri address, string token) =>
        GrpcChannel.ForAddress(address, new GrpcChannelOptions
        {
            HttpHandler = new BearerTokenHandler(_ => Task.FromResult(token)),
            DisposeHttpClient = true,
        });

    /// <summary>A channel without any token.</summary>
    public static GrpcChannel Anonymous(Uri address) => GrpcChannel.ForAddress(address);
}
