using Ctg.ServiceDefaults;
using Ctg.Testing.V1;
using Grpc.Net.Client;

namespace Ctg.Platform.Tests.Transport;

/// <summary>The grpc-js Echo server (tests/interop/server.js) and our client channel to it.</summary>
public sealed class GrpcJsServerFixture : IAsyncLifetime
{
    public GrpcJsServer Server { get; private set; } = null!;

    public GrpcChannel Channel { get; private set; } = null!;

    public Echo.EchoClient Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Server = await GrpcJsServer.StartAsync();
        Channel = CtgGrpcChannel.Create(Server.Address);
        Client = new Echo.EchoClient(Channel);
    }

    public async Task DisposeAsync()
    {
        Channel.Dispose();
        await Server.DisposeAsync();
    }
}
