using Ctg.Data;
using Dapper;

namespace Ctg.Eventing.Administration;

/// <summary>One row of <c>outbox_parked</c>.</summary>
public sealed record ParkedEventRow(long Sequence, string EventId, string Topic, string EventType, long Attempts, string Reason, string ParkedAt, string OccurredAt);

/// <summary>Reads parked events and resolves them: a retry puts the outbox row back in line (attempts
/// reset, same sequence) and forgets the parking; a discard keeps both rows, marked, for the record.</summary>
public sealed class ParkedEventStore(IDbConnectionFactory connections, ISqlDialectSyntax syntax, TimeProvider clock)
{
    public async Task<IReadOnlyList<ParkedEventRow>> ListAsync(long afterSequence, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<ParkedEventRow>(new CommandDefinition(
            $"""
            SELECT p.sequence AS Sequence, p.event_id AS EventId, p.topic AS Topic, p.event_type AS EventType, p.attempts AS Attempts,
                   p.reason AS Reason, p.parked_at AS ParkedAt, o.occurred_at AS OccurredAt
            FROM outbox_parked p JOIN outbox o ON o.sequence = p.sequence
            WHERE p.discarded_at IS NULL AND p.sequence > @AfterSequence
            ORDER BY p.sequence {syntax.LimitOffset("Limit", "Offset")}
            """,
            new { AfterSequence = afterSequence, Limit = limit, Offset = 0 },
            cancellationToken: cancellationToken));
        return rows.AsList();
    }

    /// <summary>The sequence of the event put back in the outbox; null when no such event is parked.</summary>
    public async Task<long?> RetryAsync(string eventId, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var sequence = await FindAsync(connection, transaction, eventId, cancellationToken);
        if (sequence is null)
        {
            return null;
        }

        await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE outbox SET parked_at = NULL, attempts = 0 WHERE sequence = @Sequence;
            DELETE FROM outbox_parked WHERE sequence = @Sequence;
            """,
            new { Sequence = sequence },
            transaction,
            cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        return sequence;
    }

    /// <summary>The sequence of the discarded event; null when no such event is parked.</summary>
    public async Task<long?> DiscardAsync(string eventId, string reason, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var sequence = await FindAsync(connection, transaction, eventId, cancellationToken);
        if (sequence is null)
        {
            return null;
        }

        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE outbox_parked SET discarded_at = @Now, discard_reason = @Reason WHERE sequence = @Sequence",
            new { Sequence = sequence, Reason = reason, Now = clock.GetUtcNow().UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture) },
            transaction,
            cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        return sequence;
    }

    private static Task<long?> FindAsync(System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction transaction, string eventId, CancellationToken cancellationToken) =>
        connection.ExecuteScalarAsync<long?>(new CommandDefinition(
            "SELECT sequence FROM outbox_parked WHERE event_id = @EventId AND discarded_at IS NULL",
            new { EventId = eventId },
            transaction,
            cancellationToken: cancellationToken));
}
