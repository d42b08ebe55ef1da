using Ctg.ServiceDefaults;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;

namespace Ctg.Testing;

/// <summary>
/// A service running in-process on real loopback sockets: gRPC over h2c on one port, HTTP/1.1 (Dapr app
/// channel, /healthz) on another, its database migrated, trusting the test identity provider. Tests talk
/// to it through real GrpcChannels carrying a real access token.
/// </summary>
/// <example>
/// <code>
/// await using var service = await ServiceUnderTest.StartAsync(SignatoriesApp.Build, new() { ["Dapr:HttpEndpoint"] = "..." });
/// var client = new Conventions.ConventionsClient(service.Channel);
/// </code>
/// </example>
public sealed class ServiceUnderTest : IAsyncDisposable
{
    private readonly string? _sqliteDirectory;
    private readonly Dictionary<string, GrpcChannel> _channelsAs = new(StringComparer.Ordinal);

    private ServiceUnderTest(WebApplication app, int grpcPort, int httpPort, string? sqliteDirectory)
    {
        App = app;
        GrpcAddress = new Uri($"http://127.0.0.1:{grpcPort}");
        HttpAddress = new Uri($"http://127.0.0.1:{httpPort}");
        Channel = TestChannels.As(GrpcAddress);
        _sqliteDirectory = sqliteDirectory;
    }

    public WebApplication App { get; }

    public Uri GrpcAddress { get; }

    public Uri HttpAddress { get; }

    /// <summary>A channel calling as <see cref="TestIdentity.StaffUser"/> (every staff role).</summary>
    public GrpcChannel Channel { get; }

    /// <summary>A channel calling as <paramref name="login"/> (a demo user such as "financier", or a test user), kept until dispose.</summary>
    public GrpcChannel ChannelAs(string login)
    {
        lock (_channelsAs)
        {
            if (!_channelsAs.TryGetValue(login, out var channel))
            {
                _channelsAs[login] = channel = TestChannels.As(GrpcAddress, login);
            }

            return channel;
        }
    }

    public IServiceProvider Services => App.Services;

    /// <summary>Builds the service with <paramref name="build"/> (the same method its Program.cs calls),
    /// passing settings as command-line configuration. Without a Database:Provider setting the service
    /// gets a fresh SQLite directory of its own.</summary>
    public static async Task<ServiceUnderTest> StartAsync(
        Func<string[], WebApplication> build, Dictionary<string, string?>? settings = null)
    {
        // A port found free can be taken by another process before Kestrel binds it: try again with new ones.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await StartOnceAsync(build, settings);
            }
            catch (IOException exception) when (attempt < 5 && exception.InnerException is Microsoft.AspNetCore.Connections.AddressInUseException)
            {
            }
        }
    }

    private static async Task<ServiceUnderTest> StartOnceAsync(
        Func<string[], WebApplication> build, Dictionary<string, string?>? settings)
    {
        settings = new Dictionary<string, string?>(settings ?? [], StringComparer.OrdinalIgnoreCase);
        var grpcPort = FreePort.Next();
        var httpPort = FreePort.Next();
        settings["Service:GrpcPort"] = grpcPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        settings["Service:HttpPort"] = httpPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        settings.TryAdd("Logging:LogLevel:Default", "Warning");
        // Never publish to a developer's running bus (make run uses 3500): a closed port keeps events in the outbox.
        settings.TryAdd("Dapr:HttpEndpoint", $"http://127.0.0.1:{FreePort.Next()}");

        string? sqliteDirectory = null;
        if (!settings.ContainsKey("Database:Provider"))
        {
            sqliteDirectory = Path.Combine(Path.GetTempPath(), "ctg-test-" + Guid.NewGuid().ToString("N"));
            settings["Database:Provider"] = "sqlite";
            settings["Database:DataDirectory"] = sqliteDirectory;
        }

        settings.TryAdd("Database:ApplyMigrationsOnStart", "true");
        // Tokens from the test identity provider; Development like make run (demo data loading is development only).
        foreach (var (key, value) in TestIdentity.Shared.ServiceSettings)
        {
            settings.TryAdd(key, value);
        }

        settings.TryAdd("environment", "Development");
        var args = settings.Select(kv => $"--{kv.Key}={kv.Value}").ToArray();
        var app = build(args);
        try
        {
            await app.PrepareDatabaseAsync();
            await app.StartAsync();
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        // The first token of the assembly costs the provider's warm-up: pay it here, not inside a test's deadline.
        await TestIdentity.Shared.AccessTokenAsync();
        return new ServiceUnderTest(app, grpcPort, httpPort, sqliteDirectory);
    }

    public async ValueTask DisposeAsync()
    {
        Channel.Dispose();
        lock (_channelsAs)
        {
            foreach (var channel in _channelsAs.Values)
            {
                channel.Dispose();
            }
        }

        await App.StopAsync();
        await App.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (_sqliteDirectory is not null && Directory.Exists(_sqliteDirectory))
        {
            Directory.Delete(_sqliteDirectory, recursive: true);
        }
    }
}
