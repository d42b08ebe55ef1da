using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using Ctg.Data;
using Ctg.Eventing.Publishing;
using Ctg.Eventing.Subscriptions;
using Ctg.Testing;
using Dapper;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Ctg.Eventing.Tests.Support;

/// <summary>A tiny service built the way real services are (AddServiceDatabase + AddEventing +
/// MapSubscriptions) on a real loopback HTTP/1.1 port: it publishes <see cref="SampleHappened"/> through its
/// outbox and, when asked to, consumes it into a <c>received</c> table in the inbox transaction.</summary>
public sealed class EventingTestApp : IAsyncDisposable
{
    private readonly WebApplication _app;

    private EventingTestApp(WebApplication app, string name, int httpPort, TestAppSettings settings)
    {
        _app = app;
        Name = name;
        HttpAddress = new Uri($"http://127.0.0.1:{httpPort}/");
        Settings = settings;
    }

    public string Name { get; }

    public Uri HttpAddress { get; }

    public TestAppSettings Settings { get; }

    public IServiceProvider Services => _app.Services;

    public IDbConnectionFactory Connections => _app.Services.GetRequiredService<IDbConnectionFactory>();

    /// <summary>Handler behaviour shared by the test and the app: values that fail N times, values that are poison.</summary>
    public sealed class Behaviour
    {
        public ConcurrentDictionary<string, int> FailuresLeft { get; } = new();

        public ConcurrentDictionary<string, bool> Poison { get; } = new();

        public int Calls;
    }

    public static async Task<EventingTestApp> StartAsync(string name, TestAppSettings settings)
    {
        var httpPort = settings.HttpPort ?? FreePort.Next();
        settings = settings with { HttpPort = httpPort };
        var config = new Dictionary<string, string?>
        {
            ["Service:HttpPort"] = httpPort.ToString(CultureInfo.InvariantCulture),
            ["Dapr:HttpEndpoint"] = $"http://127.0.0.1:{settings.Bus?.Port ?? FreePort.Next()}",
            ["Dapr:GrpcEndpoint"] = $"http://127.0.0.1:{settings.Bus?.GrpcPort ?? FreePort.Next()}",
            ["DAPR_API_TOKEN"] = settings.Bus?.DaprApiToken,
            ["APP_API_TOKEN"] = settings.AppApiToken ?? settings.Bus?.AppApiToken,
            ["Eventing:MaxPublishAttempts"] = settings.MaxPublishAttempts.ToString(CultureInfo.InvariantCulture),
            ["Dapr:PollInterval"] = "00:00:00.050",
            ["Dapr:PublishRetries"] = "2",
            ["Dapr:PublishRetryDelay"] = "00:00:00.050",
            ["Dapr:MaxIdleBackoff"] = "00:00:00.300",
            ["Dapr:PublishTimeout"] = "00:00:02",
        };
        if (settings.PostgresConnectionString is not null)
        {
            config["Database:Provider"] = "postgres";
            config["Database:ConnectionString"] = settings.PostgresConnectionString;
        }
        else
        {
            config["Database:Provider"] = "sqlite";
            config["Database:DataDirectory"] = settings.SqliteDirectory;
        }

        var builder = WebApplication.CreateSlimBuilder();
        builder.Configuration.AddInMemoryCollection(config);
        // Handler failures are provoked on purpose here; their error logs would only clutter the test output.
        builder.Logging.ClearProviders();
        if (Environment.GetEnvironmentVariable("CTG_TEST_APP_LOGS") == "1")
        {
            builder.Logging.AddConsole(); // to investigate a failing test: CTG_TEST_APP_LOGS=1 dotnet test ...
        }
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Listen(IPAddress.Loopback, httpPort, l => l.Protocols = HttpProtocols.Http1);
            if (settings.OtherPort is int other)
            {
                // Stands for the service's gRPC port: the app channel must not answer there.
                k.Listen(IPAddress.Loopback, other, l => l.Protocols = HttpProtocols.Http1);
            }
        });
        builder.Services.AddServiceDatabase(builder.Configuration, name, typeof(OutboxWriter).Assembly);
        builder.Services.AddEventing(builder.Configuration, name);

        var app = builder.Build();
        var behaviour = settings.Behaviour;
        if (settings.Subscribe)
        {
            app.MapSubscriptions(subs =>
            {
                subs.On<SampleHappened>(SampleHappened.Topic, (e, context) => ReceiveAsync(e, context, behaviour));
                if (settings.SubscribeToDeadLetters)
                {
                    subs.On<SampleHappened>(subs.DefaultDeadLetterTopic, (e, context) => ReceiveAsync(e, context, new Behaviour()));
                }
            });
        }
        else
        {
            app.MapSubscriptions();
        }

        var runner = app.Services.GetRequiredService<MigrationRunner>();
        await runner.ApplyAsync(app.Services.GetRequiredService<ServiceMigrations>().All, CancellationToken.None);
        await using (var connection = await app.Services.GetRequiredService<IDbConnectionFactory>().OpenAsync(CancellationToken.None))
        {
            await connection.ExecuteAsync(
                "CREATE TABLE IF NOT EXISTS received (event_id TEXT NOT NULL, topic TEXT NOT NULL, value TEXT NOT NULL, number BIGINT NOT NULL, position BIGINT NOT NULL)");
        }

        await app.StartAsync();
        return new EventingTestApp(app, name, httpPort, settings);
    }

    private static async Task ReceiveAsync(SampleHappened e, EventContext context, Behaviour behaviour)
    {
        Interlocked.Increment(ref behaviour.Calls);
        if (behaviour.Poison.ContainsKey(e.Value))
        {
            throw new PoisonEventException($"value {e.Value} can never be applied");
        }

        // Write first, then fail: the failure must roll the write back together with the inbox row.
        await context.Connection.ExecuteAsync(
            "INSERT INTO received (event_id, topic, value, number, position) VALUES (@EventId, @Topic, @Value, @Number, (SELECT COUNT(*) + 1 FROM received))",
            new { context.EventId, context.Topic, e.Value, e.Number },
            context.Transaction);
        if (behaviour.FailuresLeft.TryGetValue(e.Value, out var left) && left > 0)
        {
            behaviour.FailuresLeft[e.Value] = left - 1;
            throw new InvalidOperationException($"transient failure for {e.Value}");
        }
    }

    /// <summary>Writes the event to the outbox in its own committed transaction, as a command handler would.</summary>
    public async Task<SampleHappened> PublishAsync(string value, int number, bool commit = true, string topic = SampleHappened.Topic)
    {
        var e = new SampleHappened(value, number);
        await using var connection = await Connections.OpenAsync(CancellationToken.None);
        await using var transaction = await connection.BeginTransactionAsync();
        await _app.Services.GetRequiredService<OutboxWriter>().AddAsync(transaction, topic, e, CancellationToken.None);
        if (commit)
        {
            await transaction.CommitAsync();
            _app.Services.GetRequiredService<IOutboxSignal>().Notify();
        }
        else
        {
            await transaction.RollbackAsync();
        }

        return e;
    }

    public async Task<IReadOnlyList<(string EventId, string Topic, string Value, long Number, long Position)>> ReceivedAsync(string? topic = null)
    {
        await using var connection = await Connections.OpenAsync(CancellationToken.None);
        var rows = await connection.QueryAsync<(string, string, string, long, long)>(
            "SELECT event_id, topic, value, number, position FROM received WHERE (@Topic IS NULL OR topic = @Topic) ORDER BY position",
            new { Topic = topic ?? SampleHappened.Topic });
        return rows.AsList();
    }

    public async Task<IReadOnlyList<(long Sequence, string EventId, string? PublishedAt, long Attempts)>> OutboxAsync()
    {
        await using var connection = await Connections.OpenAsync(CancellationToken.None);
        var rows = await connection.QueryAsync<(long, string, string?, long)>(
            "SELECT sequence, event_id, published_at, attempts FROM outbox ORDER BY sequence");
        return rows.AsList();
    }

    /// <summary>The <c>value</c> of each outbox event, in sequence order.</summary>
    public async Task<IReadOnlyList<string>> ReceivedOrderOfOutboxAsync()
    {
        await using var connection = await Connections.OpenAsync(CancellationToken.None);
        var rows = await connection.QueryAsync<string>("SELECT data FROM outbox ORDER BY sequence");
        return rows.Select(data => System.Text.Json.JsonDocument.Parse(data).RootElement.GetProperty("value").GetString()!).ToList();
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }
}

/// <summary>How to run an <see cref="EventingTestApp"/>. Reuse <see cref="SqliteDirectory"/> (and
/// <see cref="HttpPort"/>) to restart "the same" app.</summary>
public sealed record TestAppSettings
{
    /// <summary>The bus the app talks to (its ports and tokens); none: the app's sidecar is away.</summary>
    public Ctg.DevBus.DevBusOptions? Bus { get; init; }

    /// <summary>The app token the app expects, when not the bus's (to test a wrong one).</summary>
    public string? AppApiToken { get; init; }

    public int MaxPublishAttempts { get; init; } = 3;

    public bool Subscribe { get; init; }

    public bool SubscribeToDeadLetters { get; init; }

    public int? HttpPort { get; init; }

    /// <summary>A second port the app listens on that is not <c>Service:HttpPort</c>.</summary>
    public int? OtherPort { get; init; }

    public string SqliteDirectory { get; init; } = Path.Combine(Path.GetTempPath(), "ctg-eventing-" + Guid.NewGuid().ToString("N"));

    public string? PostgresConnectionString { get; init; }

    public EventingTestApp.Behaviour Behaviour { get; init; } = new();
}
