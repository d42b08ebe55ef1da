using Ctg.Data;
using Ctg.DevBus;
using Ctg.Testing;
using Dapper;
using Microsoft.AspNetCore.Builder;

namespace Ctg.Eventing.Tests.Support;

/// <summary>The real development bus, in-process on a loopback port, with its own SQLite file, tuned for
/// fast tests (short backoff, quick rediscovery). Stop and start it again on the same file to test restarts.</summary>
public sealed class RunningBus : IAsyncDisposable
{
    private WebApplication? _app;

    private RunningBus(DevBusOptions options)
    {
        Options = options;
        Endpoint = new Uri($"http://127.0.0.1:{options.Port}/");
        Connections = new SqliteConnectionFactory(options.DataFile);
    }

    public DevBusOptions Options { get; }

    public Uri Endpoint { get; }

    public Uri GrpcEndpoint => new($"http://127.0.0.1:{Options.GrpcPort}/");

    public SqliteConnectionFactory Connections { get; }

    public static DevBusOptions FastOptions(params (string Name, Uri Address)[] apps)
    {
        var options = new DevBusOptions
        {
            Port = FreePort.Next(),
            GrpcPort = FreePort.Next(),
            DaprApiToken = "test-dapr-api-token",
            AppApiToken = "test-app-api-token",
            DataFile = Path.Combine(Path.GetTempPath(), $"ctg-devbus-{Guid.NewGuid():N}.db"),
            MaxAttempts = 3,
            InitialBackoff = TimeSpan.FromMilliseconds(40),
            MaxBackoff = TimeSpan.FromMilliseconds(300),
            DiscoveryInterval = TimeSpan.FromMilliseconds(200),
            IdlePoll = TimeSpan.FromMilliseconds(100),
            DeliveryTimeout = TimeSpan.FromSeconds(5),
            MinimumLogLevel = Microsoft.Extensions.Logging.LogLevel.Error,
        };
        foreach (var (name, address) in apps)
        {
            options.Apps[name] = address;
        }

        return options;
    }

    public static async Task<RunningBus> StartAsync(DevBusOptions options)
    {
        var bus = new RunningBus(options);
        await bus.StartAgainAsync();
        return bus;
    }

    public async Task StartAgainAsync()
    {
        _app = await DevBusApp.StartAsync(Options);
    }

    public async Task StopAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
            _app = null;
        }
    }

    public async Task<IReadOnlyList<(long Sequence, string Topic, string EventId, string CloudEvent)>> MessagesAsync(string? topic = null)
    {
        await using var connection = await Connections.OpenAsync(CancellationToken.None);
        var rows = await connection.QueryAsync<(long, string, string, string)>(
            "SELECT sequence, topic, event_id, cloud_event FROM messages WHERE (@Topic IS NULL OR topic = @Topic) ORDER BY sequence",
            new { Topic = topic });
        return rows.AsList();
    }

    public async Task<IReadOnlyList<(string App, string Topic, long MessageSequence, string Outcome, long Attempts)>> UndeliveredAsync()
    {
        await using var connection = await Connections.OpenAsync(CancellationToken.None);
        var rows = await connection.QueryAsync<(string, string, long, string, long)>(
            "SELECT app, topic, message_sequence, outcome, attempts FROM undelivered ORDER BY message_sequence");
        return rows.AsList();
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var file in new[] { Options.DataFile, Options.DataFile + "-wal", Options.DataFile + "-shm" })
        {
            File.Delete(file);
        }
    }
}
