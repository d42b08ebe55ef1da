using Google.Protobuf;

namespace Ctg.Application.Commands;

/// <summary>The one way a service changes its data: one transaction holding the handler's changes,
/// the outbox rows of its events and the audit record; commit; wake the publisher. A domain error
/// rolls everything back and leaves only the refused attempt in the audit log.</summary>
public interface ICommandPipeline
{
    Task<TResult> ExecuteAsync<TResult>(CommandInfo command, Func<ICommandContext, Task<TResult>> handler, CancellationToken cancellationToken);

    /// <summary>Like <see cref="ExecuteAsync{TResult}"/>, and when the command carries a client request id:
    /// the same id with the same request returns the first response and writes nothing; the same id with
    /// another request is refused with ALREADY_EXISTS on <c>client_request_id</c>.</summary>
    Task<TResponse> ExecuteIdempotentAsync<TResponse>(CommandInfo command, Func<ICommandContext, Task<TResponse>> handler, CancellationToken cancellationToken)
        where TResponse : class, IMessage<TResponse>, new();

    /// <summary>Before an endpoint does the expensive part of a command (reading another service, computing): the first
    /// response when the command's client request id was already used for the same request, ALREADY_EXISTS when it was
    /// used for another, null when it is new (or absent). A retry is then answered even if what the first call read has
    /// changed or gone since.</summary>
    Task<TResponse?> EarlierResponseAsync<TResponse>(CommandInfo command, CancellationToken cancellationToken)
        where TResponse : class, IMessage<TResponse>, new();
}
