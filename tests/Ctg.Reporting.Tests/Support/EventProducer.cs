using System.Net;
using Ctg.Data;
using Ctg.Eventing;
using Ctg.Eventing.Publishing;
using Ctg.Eventing.Subscriptions;
using Ctg.Testing;
using Dapper;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Ctg.Reporting.Tests.Support;

/// <summary>A real publisher standing in for the source services: its own SQLite database with the
/// outbox, Ctg.Eventing's OutboxWriter and background publisher sending to the bus, and the replay
/// endpoint on its HTTP port. Events are written in transactions exactly as a service writes them.</summary>
internal sealed class EventProducer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly string _directory;
    private bool _disposed;

    private EventProducer(WebApplication app, int port, string directory)
    {
        _app = app;
        Address = new Uri($"http://127.0.0.1:{port}/");
        _directory = directory;
    }

    public Uri Address { get; }

    public static async Task<EventProducer> StartAsync(Uri busAddress, string serviceName = "structures")
    {
        var port = FreePort.Next();
        var directory = Path.Combine(Path.GetTempPath(), "ctg-producer-" + Guid.NewGuid().ToString("N"));
        var builder = WebApplication.CreateSlimBuilder(
        [
            $"--Service:HttpPort={port}",
            "--Database:Provider=sqlite",
            $"--Database:DataDirectory={directory}",
            $"--Dapr:HttpEndpoint={busAddress}", $"--Dapr:GrpcEndpoint={DevBusProcess.GrpcEndpointFor(busAddress)}",
            // Fast rounds while the bus is away, so that a restarted bus is drained promptly.
            "--Dapr:MaxIdleBackoff=00:00:00.500",
            "--Dapr:PublishRetries=2",
        ]);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port, l => l.Protocols = HttpProtocols.Http1));
        builder.Logging.ClearProviders();
        builder.Services.AddServiceDatabase(builder.Configuration, serviceName, typeof(OutboxWriter).Assembly);
        builder.Services.AddEventing(builder.Configuration, serviceName);
        var app = builder.Build();
        app.MapSubscriptions();
        await app.Services.GetRequiredService<MigrationRunner>().ApplyAsync(app.Services.GetRequiredService<ServiceMigrations>().All, CancellationToken.None);
        await app.StartAsync();
        return new EventProducer(app, port, directory);
    }

    /// <summary>Writes the events to the outbox, <paramref name="perTransaction"/> per transaction, and wakes the publisher.</summary>
    public async Task WriteAsync(IEnumerable<TopicEvent> events, int perTransaction = 100)
    {
        var connections = _app.Services.GetRequiredService<IDbConnectionFactory>();
        var writer = _app.Services.GetRequiredService<OutboxWriter>();
        var signal = _app.Services.GetRequiredService<IOutboxSignal>();
        foreach (var batch in events.Chunk(perTransaction))
        {
            await using var connection = await connections.OpenAsync(CancellationToken.None);
            await using var transaction = await connection.BeginTransactionAsync();
            foreach (var item in batch)
            {
                await writer.AddAsync(transaction, item.Topic, (dynamic)item.Event, CancellationToken.None);
                // This one producer stands in for every source service: each row carries the source of the service
                // that owns its topic, as that service's own outbox would (consumers ignore events from anyone else).
                await connection.ExecuteAsync(
                    "UPDATE outbox SET source = @Source WHERE event_id = @EventId",
                    new { Source = SubscriptionBuilder.OwnerSource(item.Topic), EventId = item.Event.EventId.ToString() }, transaction);
            }

            await transaction.CommitAsync();
            signal.Notify();
        }
    }

    public async Task<long> UnpublishedAsync()
    {
        var connections = _app.Services.GetRequiredService<IDbConnectionFactory>();
        await using var connection = await connections.OpenAsync(CancellationToken.None);
        return await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM outbox WHERE published_at IS NULL");
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        await _app.StopAsync();
        await _app.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }
}
