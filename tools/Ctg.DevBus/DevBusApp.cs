using System.Net;
using Ctg.Data;
using Ctg.DevBus.Delivery;
using Ctg.DevBus.Discovery;
using Ctg.DevBus.SidecarApi;
using Ctg.DevBus.Storage;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Ctg.DevBus;

/// <summary>Builds the bus: Kestrel on loopback HTTP/1.1 (like daprd's HTTP API) and h2c (its gRPC API), the SQLite store, the
/// sidecar endpoints, discovery and delivery. Tests start it in-process with the same method.</summary>
public static class DevBusApp
{
    public static WebApplication Build(DevBusOptions options)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, options.Port, listen => listen.Protocols = HttpProtocols.Http1);
            // daprd's gRPC API is h2c on a port of its own.
            kestrel.Listen(IPAddress.Loopback, options.GrpcPort, listen => listen.Protocols = HttpProtocols.Http2);
        });

        builder.Logging.ClearProviders();
        if (options.JsonLogs)
        {
            builder.Logging.AddJsonConsole(json => json.UseUtcTimestamp = true);
        }
        else
        {
            builder.Logging.AddSimpleConsole(console =>
            {
                console.SingleLine = true;
                console.UseUtcTimestamp = true;
                console.TimestampFormat = "HH:mm:ss.fff ";
            });
        }

        builder.Logging.SetMinimumLevel(options.MinimumLogLevel);
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Logging.AddFilter("System.Net.Http", LogLevel.Warning);

        var connections = new DevBusConnectionFactory(options.DataFile);
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton<IDbConnectionFactory>(connections);
        builder.Services.AddSingleton<BusStore>();
        builder.Services.AddSingleton<BusPulse>();
        builder.Services.AddSingleton<MessageIntake>();
        builder.Services.AddGrpc(grpc => grpc.Interceptors.Add<DaprApiTokenInterceptor>());
        builder.Services.AddSingleton<Grpc.AspNetCore.Server.Model.IServiceMethodProvider<DaprRuntimeService>, DaprRuntimeMethods>();
        builder.Services.AddSingleton<AppDeliveryClient>();
        builder.Services.AddSingleton<DeliverySupervisor>();
        builder.Services.AddHostedService<SubscriptionDiscovery>();
        // Service invocation may carry a whole replay: no short client timeout.
        builder.Services.AddHttpClient(nameof(ServiceInvocationEndpoints), http => http.Timeout = TimeSpan.FromMinutes(10));
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(10));

        var app = builder.Build();
        app.UseMiddleware<DaprApiTokenMiddleware>();
        app.MapGrpcService<DaprRuntimeService>();
        app.MapSidecarApi();
        app.MapServiceInvocation();
        return app;
    }

    /// <summary>Creates or upgrades the bus's SQLite schema before it serves anything.</summary>
    public static async Task MigrateAsync(WebApplication app, CancellationToken cancellationToken)
    {
        var runner = new MigrationRunner(
            app.Services.GetRequiredService<IDbConnectionFactory>(), app.Services.GetRequiredService<ILogger<MigrationRunner>>());
        await runner.ApplyAsync(MigrationSource.FromAssemblies([typeof(DevBusApp).Assembly], SqlDialect.Sqlite), cancellationToken);
    }

    /// <summary>Migrates, then starts serving; returns the running app (stop it with StopAsync).</summary>
    public static async Task<WebApplication> StartAsync(DevBusOptions options, CancellationToken cancellationToken = default)
    {
        var app = Build(options);
        await MigrateAsync(app, cancellationToken);
        await app.StartAsync(cancellationToken);
        return app;
    }
}
