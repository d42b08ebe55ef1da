using Ctg.Web.Errors;
using Ctg.Web.Security;
using Grpc.Core;
using Grpc.Core.Interceptors;

namespace Ctg.Web.Platform;

/// <summary>Adds <c>authorization: Bearer …</c> with the signed-in user's access token to every call, and a
/// deadline, so that a slow service gives a clear page instead of a hanging one.</summary>
public sealed class BearerTokenInterceptor(IHttpContextAccessor accessor) : Interceptor
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(20);

    private CallOptions WithToken<TRequest, TResponse>(ClientInterceptorContext<TRequest, TResponse> context)
        where TRequest : class where TResponse : class
    {
        var headers = context.Options.Headers ?? [];
        if (accessor.HttpContext?.Items[AccessTokenMiddleware.ItemKey] is string token && headers.Get("authorization") is null)
        {
            headers.Add("authorization", "Bearer " + token);
        }
        var options = context.Options.WithHeaders(headers);
        if (options.Deadline is null) options = options.WithDeadline(DateTime.UtcNow.Add(Deadline));
        if (accessor.HttpContext is { } http && options.CancellationToken == default) options = options.WithCancellationToken(http.RequestAborted);
        return options;
    }

    private static ClientInterceptorContext<TRequest, TResponse> With<TRequest, TResponse>(ClientInterceptorContext<TRequest, TResponse> context, CallOptions options)
        where TRequest : class where TResponse : class => new(context.Method, context.Host, options);

    public override AsyncUnaryCall<TResponse> AsyncUnaryCall<TRequest, TResponse>(TRequest request, ClientInterceptorContext<TRequest, TResponse> context, AsyncUnaryCallContinuation<TRequest, TResponse> continuation)
    {
        var call = continuation(request, With(context, WithToken(context)));
        return new AsyncUnaryCall<TResponse>(NameTheService(call.ResponseAsync, context.Method.ServiceName),
            call.ResponseHeadersAsync, call.GetStatus, call.GetTrailers, call.Dispose);
    }

    /// <summary>Records which service failed on the exception, so that the error page can name it in French.</summary>
    private static async Task<TResponse> NameTheService<TResponse>(Task<TResponse> response, string serviceName)
    {
        try
        {
            return await response;
        }
        catch (RpcException e)
        {
            e.Data[ServiceErrors.ServiceKey] = serviceName;
            throw;
        }
    }

    public override AsyncServerStreamingCall<TResponse> AsyncServerStreamingCall<TRequest, TResponse>(TRequest request, ClientInterceptorContext<TRequest, TResponse> context, AsyncServerStreamingCallContinuation<TRequest, TResponse> continuation) =>
        continuation(request, With(context, WithToken(context)));

    public override AsyncClientStreamingCall<TRequest, TResponse> AsyncClientStreamingCall<TRequest, TResponse>(ClientInterceptorContext<TRequest, TResponse> context, AsyncClientStreamingCallContinuation<TRequest, TResponse> continuation) =>
        continuation(With(context, WithToken(context)));
}
