using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Ctg.FundingBench;

/// <summary>Kestrel (h2c) serving the national feed's structures and signatories contracts on a loopback port.</summary>
public sealed class FeedHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private FeedHost(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    public Uri Address { get; }

    public static async Task<FeedHost> StartAsync(NationalFeed feed)
    {
        var port = FreePort();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(System.Net.IPAddress.Loopback, port, l => l.Protocols = HttpProtocols.Http2));
        builder.Services.AddGrpc(o => o.MaxSendMessageSize = 64 * 1024 * 1024);
        builder.Services.AddSingleton(feed);
        var app = builder.Build();
        app.MapGrpcService<NationalFeed.Registry>();
        app.MapGrpcService<NationalFeed.Declarations>();
        app.MapGrpcService<NationalFeed.References>();
        app.MapGrpcService<NationalFeed.ConventionsFeed>();
        await app.StartAsync();
        return new FeedHost(app, new Uri($"http://127.0.0.1:{port}"));
    }

    public static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
