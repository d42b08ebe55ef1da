using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Ctg.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Logging;

namespace Ctg.Reporting.Tests.Support;

/// <summary>A second subscriber app speaking Dapr's app contract: declares topics at /dapr/subscribe and
/// records every delivery (CloudEvent id, topic), optionally taking <see cref="Delay"/> per delivery to
/// play a slow subscriber. It also records how many deliveries were in flight at once.</summary>
internal sealed class ObserverApp : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _inFlight;
    private int _maxInFlight;

    private ObserverApp(WebApplication app, int port)
    {
        _app = app;
        Address = new Uri($"http://127.0.0.1:{port}");
    }

    public Uri Address { get; }

    public TimeSpan Delay { get; init; }

    public ConcurrentQueue<(string Topic, string EventId)> Received { get; } = new();

    public int MaxInFlight => Volatile.Read(ref _maxInFlight);

    public static async Task<ObserverApp> StartAsync(IReadOnlyList<string> topics, TimeSpan delay = default)
    {
        var port = FreePort.Next();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port, l => l.Protocols = HttpProtocols.Http1));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var observer = new ObserverApp(app, port) { Delay = delay };
        app.MapGet("/dapr/subscribe", () => Results.Json(topics.Select(t => new { pubsubname = "pubsub", topic = t, route = "/observed/" + t })));
        app.MapPost("/observed/{topic}", async (string topic, HttpRequest request) =>
        {
            var inFlight = Interlocked.Increment(ref observer._inFlight);
            int seen;
            while ((seen = Volatile.Read(ref observer._maxInFlight)) < inFlight && Interlocked.CompareExchange(ref observer._maxInFlight, inFlight, seen) != seen)
            {
            }

            try
            {
                using var body = await JsonDocument.ParseAsync(request.Body);
                if (observer.Delay > TimeSpan.Zero)
                {
                    await Task.Delay(observer.Delay);
                }

                observer.Received.Enqueue((topic, body.RootElement.GetProperty("id").GetString()!));
                return Results.Json(new { status = "SUCCESS" });
            }
            finally
            {
                Interlocked.Decrement(ref observer._inFlight);
            }
        });
        await app.StartAsync();
        return observer;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
