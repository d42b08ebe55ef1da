using Ctg.Data;
using Ctg.Domain;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Microsoft.Extensions.Logging;

namespace Ctg.ServiceDefaults;

/// <summary>The one place exceptions become statuses. Domain errors map to their code and field
/// violations; RpcExceptions (endpoint-level refusals) pass through untouched; a transient database
/// error becomes UNAVAILABLE so the client retries; anything else is logged and becomes INTERNAL
/// without leaking its text.</summary>
public sealed class ErrorMappingInterceptor(ILogger<ErrorMappingInterceptor> logger) : Interceptor
{
    public const string InternalMessage = "Internal error; see the service log.";
    public const string DatabaseUnavailableMessage = "The database is busy or unreachable; retry the call.";

    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            return await continuation(request, context);
        }
        catch (Exception exception) when (IsMapped(exception, context))
        {
            throw Translate(exception, context);
        }
    }

    public override async Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context,
        ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            await continuation(request, responseStream, context);
        }
        catch (Exception exception) when (IsMapped(exception, context))
        {
            throw Translate(exception, context);
        }
    }

    public override async Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, ServerCallContext context, ClientStreamingServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            return await continuation(requestStream, context);
        }
        catch (Exception exception) when (IsMapped(exception, context))
        {
            throw Translate(exception, context);
        }
    }

    public override async Task DuplexStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, IServerStreamWriter<TResponse> responseStream, ServerCallContext context,
        DuplexStreamingServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            await continuation(requestStream, responseStream, context);
        }
        catch (Exception exception) when (IsMapped(exception, context))
        {
            throw Translate(exception, context);
        }
    }

    // A cancellation the client asked for is not an error of ours: grpc-dotnet reports CANCELLED itself.
    private static bool IsMapped(Exception exception, ServerCallContext context) =>
        exception is not RpcException && !(exception is OperationCanceledException && context.CancellationToken.IsCancellationRequested);

    private RpcException Translate(Exception exception, ServerCallContext context)
    {
        switch (exception)
        {
            case DomainError domain:
                if (domain is UpstreamUnavailableError)
                {
                    logger.LogWarning(exception, "Upstream unavailable in {Method}", context.Method);
                }

                return DomainErrorStatus.ToRpcException(domain);
            case var _ when TransientDatabaseErrors.IsTransient(exception):
                logger.LogWarning(exception, "Transient database error in {Method}", context.Method);
                return new RpcException(new Status(StatusCode.Unavailable, DatabaseUnavailableMessage));
            default:
                logger.LogError(exception, "Unhandled exception in {Method}", context.Method);
                return new RpcException(new Status(StatusCode.Internal, InternalMessage));
        }
    }
}
