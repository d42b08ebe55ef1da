using System.IO.Compression;
using Ctg.Data;
using Ctg.ServiceDefaults.Security;
using Grpc.Net.Compression;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Ctg.ServiceDefaults;

public static class ServiceDefaultsExtensions
{
    /// <summary>Kestrel on h2c for gRPC plus an HTTP/1.1 port for the Dapr app channel, gRPC with
    /// gzip and the message size limit, health, reflection, JSON logs, tracing and a bounded shutdown.</summary>
    public static WebApplicationBuilder AddServiceDefaults(this WebApplicationBuilder builder, string serviceName)
    {
        var endpoints = builder.Configuration.GetSection(ServiceEndpointOptions.SectionName).Get<ServiceEndpointOptions>()
            ?? new ServiceEndpointOptions();
        endpoints.Validate();
        builder.Services.AddSingleton(endpoints);

        ListenOnH2cAndHttp1(builder, endpoints);
        AddJsonLogs(builder);
        AddGrpcTransport(builder, endpoints);
        AddHealth(builder, endpoints);
        AddTracing(builder, serviceName);
        builder.AddCtgSecurity(serviceName);
        // One clock for every service: handlers and rules ask it the time, tests replace it.
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(15));
        return builder;
    }

    private static void ListenOnH2cAndHttp1(WebApplicationBuilder builder, ServiceEndpointOptions endpoints) =>
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            var address = System.Net.IPAddress.Parse(endpoints.Host);
            kestrel.Limits.Http2.KeepAlivePingDelay = TimeSpan.FromSeconds(endpoints.KeepAlivePingSeconds);
            kestrel.Limits.Http2.KeepAlivePingTimeout = TimeSpan.FromSeconds(20);
            kestrel.Listen(address, endpoints.GrpcPort, listen => listen.Protocols = HttpProtocols.Http2);
            if (endpoints.HttpPort > 0)
            {
                kestrel.Listen(address, endpoints.HttpPort, listen => listen.Protocols = HttpProtocols.Http1);
            }
        });

    private static void AddJsonLogs(WebApplicationBuilder builder)
    {
        builder.Logging.ClearProviders();
        builder.Logging.AddJsonConsole(json =>
        {
            json.UseUtcTimestamp = true;
            json.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ ";
        });

        // ASP.NET Core logs two lines per request at Information: console I/O on every call, and noise.
        // Configuration (Logging:LogLevel:Microsoft.AspNetCore) still decides when it says something.
        if (builder.Configuration["Logging:LogLevel:Microsoft.AspNetCore"] is null)
        {
            builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        }
    }

    private static void AddGrpcTransport(WebApplicationBuilder builder, ServiceEndpointOptions endpoints)
    {
        builder.Services.AddGrpc(grpc =>
        {
            grpc.MaxReceiveMessageSize = endpoints.MaxMessageBytes;
            grpc.MaxSendMessageSize = endpoints.MaxMessageBytes;
            grpc.EnableDetailedErrors = false;
            grpc.CompressionProviders = [new GzipCompressionProvider(CompressionLevel.Fastest)];
            grpc.ResponseCompressionAlgorithm = string.IsNullOrEmpty(endpoints.ResponseCompression) ? null : endpoints.ResponseCompression;
            grpc.ResponseCompressionLevel = CompressionLevel.Fastest;
            grpc.Interceptors.Add<ErrorMappingInterceptor>();
        });
        builder.Services.AddGrpcReflection();
    }

    private static void AddHealth(WebApplicationBuilder builder, ServiceEndpointOptions endpoints)
    {
        builder.Services.AddGrpcHealthChecks().AddCheck("self", () => HealthCheckResult.Healthy());
        // grpc.health.v1 Watch streams the results the health publisher produces: publish at start-up (not
        // after the default 5 s) so a watcher learns SERVING at once, then periodically. At shutdown the
        // Watch calls end with NOT_SERVING, so they never hold up a graceful stop.
        builder.Services.Configure<HealthCheckPublisherOptions>(publisher =>
        {
            publisher.Delay = TimeSpan.Zero;
            publisher.Period = TimeSpan.FromSeconds(endpoints.HealthPublishSeconds);
        });
    }

    private static void AddTracing(WebApplicationBuilder builder, string serviceName) =>
        builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(serviceName))
            .WithTracing(tracing =>
            {
                tracing.AddSource(serviceName).AddAspNetCoreInstrumentation();
                if (!string.IsNullOrEmpty(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
                {
                    tracing.AddOtlpExporter();
                }
            });

    /// <summary>Maps the standard gRPC services every service exposes, <c>/healthz</c> (readiness: every
    /// health check, the database included; "ok" or 503) and <c>/livez</c> (the process answers) on HTTP,
    /// behind token validation and authorization (every other endpoint declares its policy).</summary>
    public static WebApplication MapServiceDefaults(this WebApplication app)
    {
        // Health stays open (orchestrators probe it); reflection is open only in development.
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapGrpcHealthChecksService().AllowAnonymous();
        var reflection = app.MapGrpcReflectionService();
        if (app.Environment.IsDevelopment())
        {
            reflection.AllowAnonymous();
        }
        else
        {
            reflection.RequireAuthorization();
        }

        app.MapHealthChecks("/healthz", new HealthCheckOptions { ResponseWriter = WriteReadiness }).AllowAnonymous();
        app.MapGet("/livez", () => Results.Text("ok")).AllowAnonymous();
        return app;
    }

    private static Task WriteReadiness(HttpContext http, HealthReport report)
    {
        http.Response.ContentType = "text/plain; charset=utf-8";
        var failing = report.Entries.Where(e => e.Value.Status == HealthStatus.Unhealthy).Select(e => e.Key).ToArray();
        return http.Response.WriteAsync(failing.Length == 0 ? "ok" : "unavailable: " + string.Join(", ", failing));
    }

    /// <summary>Runs the service, or with the argument <c>migrate</c> applies its migrations and exits.</summary>
    public static async Task<int> RunServiceAsync(this WebApplication app, string[] args)
    {
        var migrateOnly = args.Contains("migrate", StringComparer.OrdinalIgnoreCase);
        await app.PrepareDatabaseAsync(force: migrateOnly);
        if (migrateOnly)
        {
            return 0;
        }

        await app.RunAsync();
        return 0;
    }

    /// <summary>Applies pending migrations when forced (the explicit <c>migrate</c> step) or when the
    /// service runs embedded (SQLite) or is configured with Database:ApplyMigrationsOnStart. A production
    /// PostgreSQL service never migrates itself silently at start-up.</summary>
    public static async Task PrepareDatabaseAsync(this WebApplication app, bool force = false)
    {
        var database = app.Services.GetService<DatabaseOptions>();
        if (database is null || !(force || (database.ApplyMigrationsOnStart ?? database.Dialect == SqlDialect.Sqlite)))
        {
            return;
        }

        var runner = app.Services.GetRequiredService<MigrationRunner>();
        await runner.ApplyAsync(app.Services.GetRequiredService<ServiceMigrations>().All, app.Lifetime.ApplicationStopping);
    }
}
