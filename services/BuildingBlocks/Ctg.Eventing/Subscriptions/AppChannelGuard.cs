using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;

namespace Ctg.Eventing.Subscriptions;

/// <summary>Keeps the Dapr app channel (<c>/dapr/*</c>, <c>/events/*</c>) on the service's HTTP/1.1 port
/// when it also has an h2c gRPC port (filtered on the local port, not the Host header, which a Kubernetes
/// Service or a proxy may rewrite), and removes <c>Cloudevent.*</c> headers a caller sent: only the SDK's
/// CloudEvents middleware, from the body it unwrapped, may set them (it does not overwrite existing ones).</summary>
internal sealed class AppChannelGuard(RequestDelegate next, IConfiguration configuration)
{
    private const string ForwardedAttributePrefix = "Cloudevent.";
    private readonly int _httpPort = configuration.GetValue<int>("Service:HttpPort");

    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await GuardAsync(context);
        }
        catch (System.Text.Json.JsonException) when (!context.Response.HasStarted)
        {
            // The SDK's CloudEvents middleware could not read the body: never processable, so DROP (not a 500,
            // which the sidecar would retry forever).
            context.Response.StatusCode = StatusCodes.Status200OK;
            await context.Response.WriteAsJsonAsync(new { status = DaprAppStatus.Drop });
        }
    }

    private Task GuardAsync(HttpContext context)
    {
        var path = context.Request.Path;
        var onChannel = path.StartsWithSegments("/dapr") || path.StartsWithSegments("/events");
        if (!onChannel)
        {
            return next(context);
        }

        if (_httpPort > 0 && context.Connection.LocalPort != _httpPort)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        }

        foreach (var forged in context.Request.Headers.Keys.Where(k => k.StartsWith(ForwardedAttributePrefix, StringComparison.OrdinalIgnoreCase)).ToArray())
        {
            context.Request.Headers.Remove(forged);
        }

        return next(context);
    }
}
