using Ctg.Data;
using Dapper;

namespace Ctg.Eventing;

/// <summary>One stored event, as written by <see cref="OutboxWriter"/>.</summary>
public sealed record OutboxEvent(long Sequence, string EventId, string Topic, string EventType, string Source, string OccurredAt, string Data)
{
    public DateTimeOffset OccurredAtUtc => DateTimeOffset.Parse(OccurredAt, System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>Reads and marks the outbox. Rows are never deleted: they are the service's event history
/// that <see cref="IEventReplayer"/> re-publishes for read-model rebuilds.</summary>
public sealed class OutboxStore(IDbConnectionFactory connections)
{
    private const string Columns = "sequence AS Sequence, event_id AS EventId, topic AS Topic, event_type AS EventType, source AS Source, occurred_at AS OccurredAt, data AS Data";

    /// <summary>The oldest unpublished events in sequence order: the per-service order the bus must see.</summary>
    public async Task<IReadOnlyList<OutboxEvent>> ReadUnpublishedAsync(int limit, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<OutboxEvent>(new CommandDefinition(
            $"SELECT {Columns} FROM outbox WHERE published_at IS NULL ORDER BY sequence {connections.Syntax.Limit("@Limit")}",
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
            ORDER BY sequence {connections.Syntax.Limit("@Limit")}
            """,
            new { Topic = topic, AfterSequence = afterSequence, Limit = limit },
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

        // Dapper sends a list as one array parameter to Npgsql (which needs = ANY) and expands it for SQLite and SQL Server (IN).
        var match = connections.Dialect == SqlDialect.Postgres ? "sequence = ANY(@Sequences)" : "sequence IN @Sequences";
        await using var connection = await connections.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            $"UPDATE outbox SET published_at = @PublishedAt, attempts = attempts + 1 WHERE {match}",
            new { Sequences = sequences.ToArray(), PublishedAt = DateTimeOffset.UtcNow.ToString("O") },
            cancellationToken: cancellationToken));
    }

    public async Task RecordFailedAttemptAsync(long sequence, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE outbox SET attempts = attempts + 1 WHERE sequence = @Sequence",
            new { Sequence = sequence },
            cancellationToken: cancellationToken));
    }
}
