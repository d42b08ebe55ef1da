using System.Data.Common;
using Dapper;

namespace Ctg.Application.Idempotency;

/// <summary>The first response to each client request id, written in the transaction of the command
/// it answers, so it exists if and only if the command was committed.</summary>
internal sealed class IdempotencyStore
{
    public async Task<StoredResponse?> FindAsync(DbConnection connection, DbTransaction? transaction, string clientRequestId, CancellationToken cancellationToken) =>
        await connection.QuerySingleOrDefaultAsync<StoredResponse>(new CommandDefinition(
            "SELECT command AS Command, request_sha256 AS RequestSha256, response AS Response FROM idempotency_keys WHERE client_request_id = @ClientRequestId",
            new { ClientRequestId = clientRequestId },
            transaction,
            cancellationToken: cancellationToken));

    public Task AddAsync(DbTransaction transaction, string clientRequestId, string command, string requestSha256, byte[] response, string createdAt, CancellationToken cancellationToken) =>
        transaction.Connection!.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO idempotency_keys (client_request_id, command, request_sha256, response, created_at)
            VALUES (@ClientRequestId, @Command, @RequestSha256, @Response, @CreatedAt)
            """,
            new { ClientRequestId = clientRequestId, Command = command, RequestSha256 = requestSha256, Response = response, CreatedAt = createdAt },
            transaction,
            cancellationToken: cancellationToken));
}

internal sealed class StoredResponse
{
    public string Command { get; set; } = "";
    public string RequestSha256 { get; set; } = "";
    public byte[] Response { get; set; } = [];
}
