using Ctg.Data;
using Ctg.Eventing.Replay;
using Dapper;

namespace Ctg.Eventing.Publishing;

/// <summary>One stored event, as written by <see cref="OutboxWriter"/>.</summary>
public sealed record OutboxEvent(long Sequence, string EventId, string Topic, string EventType, string Source, string OccurredAt, string Data)
{
    public DateTimeOffset OccurredAtUtc => DateTimeOffset.Parse(OccurredAt, System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>Reads and marks the outbox. Rows are never deleted: they are the service's event history
/// that <see cref="IEventReplayer"/> re-publishes for read-model rebuilds.</summary>
public sealed class OutboxStore(IDbConnectionFactory connections, ISqlDialectSyntax syntax, TimeProvider clock)
{
    private const string Columns = "sequence AS Sequence, event_id AS EventId, topic AS Topic, event_type AS EventType, source AS Source, occurred_at AS OccurredAt, data AS Data";

    /// <summary>The oldest unpublished, unparked events in sequence order: the per-service order the bus must see.</summary>
    public async Task<IReadOnlyList<OutboxEvent>> ReadUnpublishedAsync(int limit, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<OutboxEvent>(new CommandDefinition(
            $"SELECT {Columns} FROM outbox WHERE published_at IS NULL AND parked_at IS NULL ORDER BY sequence {syntax.Limit("@Limit")}",
            new { Limit = limit },
            cancellationToken: cancellationToken));
        return rows.AsList();
    }

    /// <summary>Published events (optionally of one topic) from a sequence on, one page at a time.</summary>
    public async Task<IReadOnlyList<OutboxEvent>> ReadPublishedAsync(
        string? topic, long afterSequence, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<OutboxEvent>(new CommandDefinition(
            $"""
            SELECT {Columns} FROM outbox
            WHERE published_at IS NOT NULL AND sequence > @AfterSequence AND (@Topic IS NULL OR topic = @Topic)
            ORDER BY sequence {syntax.Limit("@Limit")}
            """,
            new { Topic = topic, AfterSequence = afterSequence, Limit = limit, Offset = 0 },
            cancellationToken: cancellationToken));
        return rows.AsList();
    }

    /// <summary>Marks the given events published, by their exact sequences: a range would also catch an
    /// event of a slower transaction that committed inside it meanwhile, never sent.</summary>
    public async Task MarkPublishedAsync(IReadOnlyCollection<long> sequences, CancellationToken cancellationToken)
    {
        if (sequences.Count == 0)
        {
            return;
        }

        await using var connection = await connections.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            $"UPDATE outbox SET published_at = @PublishedAt, attempts = attempts + 1 WHERE {SqlLists.In(connection, "sequence", "Sequences")}",
            new { Sequences = sequences.ToArray(), PublishedAt = Now() },
            cancellationToken: cancellationToken));
    }

    /// <summary>Counts a refusal of the event; parks it (and returns true) once it reached <paramref name="maxAttempts"/>.
    /// Both in one transaction, so an event is never half parked.</summary>
    public async Task<bool> RecordRefusalAsync(OutboxEvent stored, string reason, int maxAttempts, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var attempts = await connection.ExecuteScalarAsync<int>(new CommandDefinition(
            """
            UPDATE outbox SET attempts = attempts + 1, last_error = @Reason WHERE sequence = @Sequence;
            SELECT attempts FROM outbox WHERE sequence = @Sequence;
            """,
            new { stored.Sequence, Reason = reason },
            transaction,
            cancellationToken: cancellationToken));
        var parked = attempts >= Math.Max(1, maxAttempts);
        if (parked)
        {
            var now = Now();
            await connection.ExecuteAsync(new CommandDefinition(
                """
                UPDATE outbox SET parked_at = @Now WHERE sequence = @Sequence;
                INSERT INTO outbox_parked (sequence, event_id, topic, event_type, attempts, reason, parked_at)
                VALUES (@Sequence, @EventId, @Topic, @EventType, @Attempts, @Reason, @Now);
                """,
                new { stored.Sequence, stored.EventId, stored.Topic, stored.EventType, Attempts = attempts, Reason = reason, Now = now },
                transaction,
                cancellationToken: cancellationToken));
        }

        await transaction.CommitAsync(cancellationToken);
        return parked;
    }

    /// <summary>Events waiting to be published (the backlog) and events parked and neither retried nor discarded.</summary>
    public async Task<(long Backlog, long Parked)> CountAsync(CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var backlog = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COUNT(*) FROM outbox WHERE published_at IS NULL AND parked_at IS NULL", cancellationToken: cancellationToken));
        var parked = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COUNT(*) FROM outbox_parked WHERE discarded_at IS NULL", cancellationToken: cancellationToken));
        return (backlog, parked);
    }

    private string Now() => clock.GetUtcNow().UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture);
}
