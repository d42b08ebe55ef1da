using System.Data.Common;
using System.Text.Json;
using Dapper;

namespace Ctg.Eventing;

/// <summary>Writes an event to the outbox inside the caller's transaction, so the event exists if and
/// only if the change that caused it was committed. The publisher sends it after commit.
/// <para>Sequence order is commit order, which the publisher relies on to publish in commit order and
/// consumers rely on when they compare <c>ctgsequence</c>: a sequence is drawn when the row is inserted, not
/// when its transaction commits, so two concurrent transactions could commit in the other order, and a
/// publisher reading by sequence could send a later sequence before an earlier one still in flight
/// becomes visible. SQLite has one writer at a time, so it cannot happen there. On PostgreSQL (and SQL
/// Server) the writer first takes a transaction-scoped lock named for the outbox: a second transaction that
/// writes events waits at this point until the first commits or rolls back, so sequences are drawn in
/// commit order and a visible sequence never has an in-flight one below it (a rolled-back one is a gap for
/// good). The lock is held only from the first event to the commit, which the command pipeline keeps at
/// the end of the transaction.</para></summary>
public sealed class OutboxWriter(EventSourceName source)
{
    /// <summary>Key of the PostgreSQL advisory lock (any constant; "ctgoutbx" in ASCII).</summary>
    private const long OutboxLockKey = 0x6374676f75746278;

    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <param name="topic">Explicit, versioned topic name, e.g. <c>structures.structure-registered.v1</c>.</param>
    public async Task AddAsync<TEvent>(DbTransaction transaction, string topic, TEvent @event, CancellationToken cancellationToken)
        where TEvent : IntegrationEvent
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(topic);
        var connection = transaction.Connection!;
        var serialize = SerializeWritersSql(connection);
        if (serialize is not null)
        {
            await connection.ExecuteAsync(new CommandDefinition(serialize, transaction: transaction, cancellationToken: cancellationToken));
        }

        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO outbox (event_id, topic, event_type, source, occurred_at, data)
            VALUES (@EventId, @Topic, @EventType, @Source, @OccurredAt, @Data)
            """,
            new
            {
                EventId = @event.EventId.ToString(),
                Topic = topic,
                EventType = "ctg." + topic,
                Source = source.Value,
                OccurredAt = @event.OccurredAt.UtcDateTime.ToString("O"),
                Data = JsonSerializer.Serialize(@event, Json),
            },
            transaction,
            cancellationToken: cancellationToken));
    }

    /// <summary>The statement that makes event-writing transactions draw sequences one after the other, by
    /// the connection's provider (a lock held until the end of the transaction); null for SQLite.</summary>
    internal static string? SerializeWritersSql(DbConnection connection) => connection switch
    {
        Npgsql.NpgsqlConnection => $"SELECT pg_advisory_xact_lock({OutboxLockKey})",
        _ when connection.GetType().Name == "SqlConnection" =>
            "EXEC sp_getapplock @Resource = N'ctg_outbox', @LockMode = N'Exclusive', @LockOwner = N'Transaction'",
        _ => null,
    };
}

/// <summary>The CloudEvent <c>source</c> of a service's events, e.g. <c>ctg/structures</c>.</summary>
public sealed record EventSourceName(string Value);
