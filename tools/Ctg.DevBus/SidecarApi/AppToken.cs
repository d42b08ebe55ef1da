using Grpc.Core;
using Grpc.Core.Interceptors;

namespace Ctg.DevBus.SidecarApi;

/// <summary>The header both tokens travel in, in either direction (Dapr's convention).</summary>
public static class AppToken
{
    public const string Header = "dapr-api-token";
}

/// <summary>With <see cref="DevBusOptions.DaprApiToken"/> set, refuses HTTP API calls without it (401,
/// <c>ERR_UNAUTHORIZED</c>) except health, as daprd does, so that a service started without its token
/// fails here as it would in the cluster.</summary>
public sealed class DaprApiTokenMiddleware(RequestDelegate next, DevBusOptions options)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var path = context.Request.Path;
        if (options.DaprApiToken is null || context.Request.Protocol == "HTTP/2" || path.StartsWithSegments("/v1.0/healthz")
            || string.Equals(context.Request.Headers[AppToken.Header].ToString(), options.DaprApiToken, StringComparison.Ordinal))
        {
            await next(context);
            return;
        }

        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        await context.Response.WriteAsJsonAsync(new { errorCode = "ERR_UNAUTHORIZED", message = "missing or wrong dapr-api-token" });
    }
}

/// <summary>The same check on the gRPC API: UNAUTHENTICATED without the token.</summary>
public sealed class DaprApiTokenInterceptor(DevBusOptions options) : Interceptor
{
    public override Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        if (options.DaprApiToken is not null && !string.Equals(context.RequestHeaders.GetValue(AppToken.Header), options.DaprApiToken, StringComparison.Ordinal))
        {
            throw new RpcException(new Status(StatusCode.Unauthenticated, "missing or wrong dapr-api-token"));
        }

        return continuation(request, context);
    }
}
