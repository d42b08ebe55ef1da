using System.Data.Common;
using Ctg.Application.Audit;
using Ctg.Application.Idempotency;
using Ctg.Data;
using Ctg.Domain;
using Ctg.Eventing;
using Ctg.Eventing.Publishing;
using Ctg.ServiceDefaults;
using Google.Protobuf;
using Grpc.Core;
using Microsoft.Extensions.Logging;

namespace Ctg.Application.Commands;

/// <summary>Runs commands: one transaction for the handler's changes, its outbox rows, the audit record
/// (and the idempotency key); commit; wake the publisher. A refusal rolls back, then is audited alone.</summary>
public sealed class CommandPipeline(
    IDbConnectionFactory connections,
    OutboxWriter outbox,
    IOutboxSignal outboxSignal,
    AuditWriter audit,
    TimeProvider clock,
    ILogger<CommandPipeline> logger) : ICommandPipeline
{
    public const string ClientRequestIdField = "client_request_id";

    private readonly IdempotencyStore _idempotency = new();

    public Task<TResult> ExecuteAsync<TResult>(CommandInfo command, Func<ICommandContext, Task<TResult>> handler, CancellationToken cancellationToken)
    {
        if (command.IsIdempotent)
        {
            throw new ArgumentException(
                $"Command {command.Name} carries a client request id: run it with ExecuteIdempotentAsync, which can store its response.", nameof(command));
        }

        return RunAsync(command, handler, idempotency: null, cancellationToken);
    }

    public Task<TResponse> ExecuteIdempotentAsync<TResponse>(CommandInfo command, Func<ICommandContext, Task<TResponse>> handler, CancellationToken cancellationToken)
        where TResponse : class, IMessage<TResponse>, new() =>
        RunAsync(command, handler, command.IsIdempotent ? new ResponseCodec<TResponse>() : null, cancellationToken);

    public async Task<TResponse?> EarlierResponseAsync<TResponse>(CommandInfo command, CancellationToken cancellationToken)
        where TResponse : class, IMessage<TResponse>, new()
    {
        if (!command.IsIdempotent) return null;
        await using var connection = await connections.OpenAsync(cancellationToken);
        var earlier = await _idempotency.FindAsync(connection, null, command.ClientRequestId!, cancellationToken);
        try
        {
            return earlier is null ? null : Replay(command, earlier, new ResponseCodec<TResponse>());
        }
        catch (AlreadyExistsError refusal)
        {
            await RecordRefusalAsync(connection, command, null, RefusalOf(refusal)!.Value);
            throw;
        }
    }

    private async Task<TResult> RunAsync<TResult>(
        CommandInfo command, Func<ICommandContext, Task<TResult>> handler, IResponseCodec<TResult>? idempotency, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        CommandContext? context = null;
        try
        {
            await using var transaction = command.Isolation is { } isolation
                ? await connection.BeginTransactionAsync(isolation, cancellationToken)
                : await connection.BeginTransactionAsync(cancellationToken);
            context = new CommandContext(command, connection, transaction, connections.Syntax, clock, outbox, cancellationToken);

            if (idempotency is not null && await _idempotency.FindAsync(connection, transaction, command.ClientRequestId!, cancellationToken) is { } earlier)
            {
                return Replay(command, earlier, idempotency);
            }

            var result = await handler(context);
            if (command.DryRun)
            {
                await transaction.RollbackAsync(cancellationToken);
                return result;
            }

            await context.WriteEventsAsync(transaction, cancellationToken);
            await audit.AppendAsync(transaction, Entry(command, context, AuditEntry.Succeeded, Detail(context.RaisedTopics)), cancellationToken);
            if (idempotency is not null)
            {
                try
                {
                    await _idempotency.AddAsync(transaction, command.ClientRequestId!, command.Name, command.RequestSha256,
                        idempotency.Encode(result), AuditEntry.FormatInstant(context.Now), cancellationToken);
                }
                catch (DbException exception) when (UniqueKeyViolations.IsUniqueViolation(exception))
                {
                    // A concurrent call with the same id committed first: answer as a retry would.
                    await transaction.RollbackAsync(cancellationToken);
                    var winner = await _idempotency.FindAsync(connection, null, command.ClientRequestId!, cancellationToken);
                    return winner is null ? throw new InvalidOperationException("An idempotency key vanished.", exception) : Replay(command, winner, idempotency);
                }
            }

            await transaction.CommitAsync(cancellationToken);
            outboxSignal.Notify();
            return result;
        }
        catch (Exception exception) when (!command.DryRun && RefusalOf(exception) is not null)
        {
            // The transaction was disposed (rolled back) on the way out of the try block.
            await RecordRefusalAsync(connection, command, context, RefusalOf(exception)!.Value);
            throw;
        }
    }

    private static TResult Replay<TResult>(CommandInfo command, StoredResponse earlier, IResponseCodec<TResult> codec)
    {
        if (earlier.Command != command.Name || earlier.RequestSha256 != command.RequestSha256)
        {
            throw new AlreadyExistsError(
                $"Client request id '{command.ClientRequestId}' was already used for another request.",
                new FieldViolation(ClientRequestIdField, "was already used for another request; use a new id for a new request"));
        }

        return codec.Decode(earlier.Response);
    }

    /// <summary>The audit outcome and detail of an exception that is an intended refusal, or null for a failure.</summary>
    internal static (string Outcome, string Detail)? RefusalOf(Exception exception) => exception switch
    {
        DomainError domain => (domain.Kind, Describe(domain.Message, domain.Violations.Select(v => (v.Field, v.Description)))),
        // Endpoint-level checks and code not yet moved to domain errors still throw statuses.
        RpcException rpc when rpc.StatusCode is StatusCode.InvalidArgument or StatusCode.FailedPrecondition or StatusCode.NotFound
            or StatusCode.AlreadyExists or StatusCode.Aborted or StatusCode.PermissionDenied =>
            (DomainErrorStatus.KindOf(rpc.StatusCode), Describe(rpc.Status.Detail, rpc.FieldViolations().Select(v => (v.Field, v.Description)))),
        _ => null,
    };

    private static string Describe(string message, IEnumerable<(string Field, string Description)> violations)
    {
        var fields = violations.Select(v => $"{v.Field}: {v.Description}").ToArray();
        return fields.Length == 0 ? message : message + " [" + string.Join("; ", fields) + "]";
    }

    private static string? Detail(IReadOnlyList<string> topics) => topics.Count == 0 ? null : "events: " + string.Join(", ", topics);

    private AuditEntry Entry(CommandInfo command, CommandContext? context, string outcome, string? detail) => new(
        Guid.NewGuid().ToString("N"),
        context?.Now ?? clock.GetUtcNow(),
        command.Caller.Subject,
        command.Caller.DisplayName,
        command.Caller.Roles,
        command.Caller.ClientId,
        command.Name,
        context?.TargetIds ?? command.TargetIds,
        command.RequestSha256,
        outcome,
        detail);

    private async Task RecordRefusalAsync(DbConnection connection, CommandInfo command, CommandContext? context, (string Outcome, string Detail) refusal)
    {
        try
        {
            // Its own short transaction, and not the caller's token: a refusal is recorded even if the client has gone.
            await using var transaction = await connection.BeginTransactionAsync(CancellationToken.None);
            await audit.AppendAsync(transaction, Entry(command, context, refusal.Outcome, refusal.Detail), CancellationToken.None);
            await transaction.CommitAsync(CancellationToken.None);
        }
        catch (Exception exception) when (exception is DbException or InvalidOperationException)
        {
            // The caller must still learn why the command was refused; the lost audit row is logged.
            logger.LogError(exception, "Could not audit the refused command {Command} ({Outcome})", command.Name, refusal.Outcome);
        }
    }

    private interface IResponseCodec<TResult>
    {
        byte[] Encode(TResult result);

        TResult Decode(byte[] bytes);
    }

    private sealed class ResponseCodec<TResponse> : IResponseCodec<TResponse>
        where TResponse : class, IMessage<TResponse>, new()
    {
        public byte[] Encode(TResponse result) => result.ToByteArray();

        public TResponse Decode(byte[] bytes)
        {
            var response = new TResponse();
            response.MergeFrom(bytes);
            return response;
        }
    }
}
