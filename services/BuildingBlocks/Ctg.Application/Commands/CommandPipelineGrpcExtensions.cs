using Ctg.ServiceDefaults.Security;
using Google.Protobuf;
using Grpc.Core;

namespace Ctg.Application.Commands;

/// <summary>Running a command from a gRPC endpoint: the caller and the cancellation come from the call.</summary>
public static class CommandPipelineGrpcExtensions
{
    /// <summary>Runs <paramref name="handler"/> as command <paramref name="command"/> for <paramref name="request"/>.
    /// With a non-empty <paramref name="clientRequestId"/> the command is idempotent (see
    /// <see cref="ICommandPipeline.ExecuteIdempotentAsync{TResponse}"/>).</summary>
    public static Task<TResponse> ExecuteAsync<TResponse>(
        this ICommandPipeline pipeline,
        ServerCallContext call,
        string command,
        IMessage request,
        Func<ICommandContext, Task<TResponse>> handler,
        string? clientRequestId = null,
        params string[] targetIds)
        where TResponse : class, IMessage<TResponse>, new()
    {
        var info = new CommandInfo(command, request, call.GetCaller())
        {
            ClientRequestId = string.IsNullOrEmpty(clientRequestId) ? null : clientRequestId,
            TargetIds = targetIds,
        };
        return pipeline.ExecuteIdempotentAsync(info, handler, call.CancellationToken);
    }

    /// <summary>The first response of a retried call (see <see cref="ICommandPipeline.EarlierResponseAsync{TResponse}"/>),
    /// for an endpoint to answer before it reads or computes anything; null when the call is not a retry.</summary>
    public static Task<TResponse?> EarlierResponseAsync<TResponse>(
        this ICommandPipeline pipeline, ServerCallContext call, string command, IMessage request, string? clientRequestId)
        where TResponse : class, IMessage<TResponse>, new() =>
        string.IsNullOrEmpty(clientRequestId)
            ? Task.FromResult<TResponse?>(null)
            : pipeline.EarlierResponseAsync<TResponse>(new CommandInfo(command, request, call.GetCaller()) { ClientRequestId = clientRequestId }, call.CancellationToken);

    /// <summary>The command info of a call, for options the short form does not take (dry run, isolation).</summary>
    public static CommandInfo Command(this ServerCallContext call, string command, IMessage request, params string[] targetIds) =>
        new(command, request, call.GetCaller()) { TargetIds = targetIds };
}
