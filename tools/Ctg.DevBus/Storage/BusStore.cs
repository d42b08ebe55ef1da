using Ctg.Data;
using Dapper;

namespace Ctg.DevBus.Storage;

public sealed record StoredMessage(long Sequence, string PubSub, string Topic, string EventId, string CloudEvent);

public sealed record SubscriptionKey(string App, string PubSub, string Topic)
{
    public override string ToString() => $"{App}/{PubSub}/{Topic}";
}

// Integer columns are long: Dapper binds positional records by exact column type, and SQLite integers are 64-bit.
public sealed record SubscriptionState(
    string App, string PubSub, string Topic, string Route, string? DeadLetterTopic, long Active, long DeliveredThrough, long Attempts)
{
    public SubscriptionKey Key => new(App, PubSub, Topic);
}

public sealed record DeclaredSubscription(string PubSub, string Topic, string Route, string? DeadLetterTopic);

/// <summary>The bus's durable state in one SQLite file: messages, subscriptions with their cursors,
/// and what was never delivered. Every state change that must not be half-done is one transaction.</summary>
public sealed class BusStore(IDbConnectionFactory connections)
{
    private const string SubscriptionColumns =
        "app AS App, pubsub AS PubSub, topic AS Topic, route AS Route, dead_letter_topic AS DeadLetterTopic, active AS Active, delivered_through AS DeliveredThrough, attempts AS Attempts";

    public async Task<long> AppendAsync(string pubSub, string topic, string eventId, string cloudEvent, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            """
            INSERT INTO messages (pubsub, topic, event_id, cloud_event, received_at)
            VALUES (@PubSub, @Topic, @EventId, @CloudEvent, @ReceivedAt)
            RETURNING sequence
            """,
            new { PubSub = pubSub, Topic = topic, EventId = eventId, CloudEvent = cloudEvent, ReceivedAt = Now() },
            cancellationToken: cancellationToken));
    }

    /// <summary>The next messages of the subscription's topic after its cursor, in publish order.</summary>
    public async Task<IReadOnlyList<StoredMessage>> NextMessagesAsync(SubscriptionKey key, long after, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<StoredMessage>(new CommandDefinition(
            """
            SELECT sequence AS Sequence, pubsub AS PubSub, topic AS Topic, event_id AS EventId, cloud_event AS CloudEvent
            FROM messages WHERE pubsub = @PubSub AND topic = @Topic AND sequence > @After
            ORDER BY sequence LIMIT @Limit
            """,
            new { key.PubSub, key.Topic, After = after, Limit = limit },
            cancellationToken: cancellationToken));
        return rows.AsList();
    }

    /// <summary>Records what an app declares now: new subscriptions start at the beginning of their topic
    /// (nothing published before the app was first seen is lost), known ones keep their cursor, and those
    /// the app no longer declares stop being delivered (their cursor is kept should they come back).</summary>
    public async Task<IReadOnlyList<SubscriptionState>> SyncAppAsync(
        string app, IReadOnlyList<DeclaredSubscription> declared, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE subscriptions SET active = 0 WHERE app = @App", new { App = app }, transaction, cancellationToken: cancellationToken));
        foreach (var subscription in declared)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO subscriptions (app, pubsub, topic, route, dead_letter_topic, active, discovered_at)
                VALUES (@App, @PubSub, @Topic, @Route, @DeadLetterTopic, 1, @Now)
                ON CONFLICT (app, pubsub, topic) DO UPDATE SET route = excluded.route, dead_letter_topic = excluded.dead_letter_topic, active = 1
                """,
                new { App = app, subscription.PubSub, subscription.Topic, subscription.Route, subscription.DeadLetterTopic, Now = Now() },
                transaction,
                cancellationToken: cancellationToken));
        }

        await transaction.CommitAsync(cancellationToken);
        return await ActiveSubscriptionsAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<SubscriptionState>> ActiveSubscriptionsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<SubscriptionState>(new CommandDefinition(
            $"SELECT {SubscriptionColumns} FROM subscriptions WHERE active = 1 ORDER BY app, pubsub, topic",
            cancellationToken: cancellationToken));
        return rows.AsList();
    }

    public async Task<SubscriptionState?> GetSubscriptionAsync(SubscriptionKey key, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<SubscriptionState>(new CommandDefinition(
            $"SELECT {SubscriptionColumns} FROM subscriptions WHERE app = @App AND pubsub = @PubSub AND topic = @Topic",
            key,
            cancellationToken: cancellationToken));
    }

    /// <summary>The app took the message: move the cursor past it.</summary>
    public async Task SettleDeliveredAsync(SubscriptionKey key, long sequence, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE subscriptions SET delivered_through = @Sequence, attempts = 0 WHERE app = @App AND pubsub = @PubSub AND topic = @Topic",
            new { key.App, key.PubSub, key.Topic, Sequence = sequence },
            cancellationToken: cancellationToken));
    }

    public async Task<int> RecordFailedAttemptAsync(SubscriptionKey key, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<int>(new CommandDefinition(
            "UPDATE subscriptions SET attempts = attempts + 1 WHERE app = @App AND pubsub = @PubSub AND topic = @Topic RETURNING attempts",
            key,
            cancellationToken: cancellationToken));
    }

    /// <summary>The app will never take the message: in one transaction, forward it to the dead-letter
    /// topic (when there is one), record it, and move the cursor past it — so a crash neither loses the
    /// message nor forwards it twice.</summary>
    public async Task<long?> SettleUndeliveredAsync(
        SubscriptionKey key, StoredMessage message, string? deadLetterTopic, string outcome, int attempts, string reason, string? deadLetterCloudEvent,
        CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        long? forwarded = null;
        if (deadLetterTopic is not null && deadLetterCloudEvent is not null)
        {
            forwarded = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
                """
                INSERT INTO messages (pubsub, topic, event_id, cloud_event, received_at)
                VALUES (@PubSub, @Topic, @EventId, @CloudEvent, @ReceivedAt)
                RETURNING sequence
                """,
                new { key.PubSub, Topic = deadLetterTopic, message.EventId, CloudEvent = deadLetterCloudEvent, ReceivedAt = Now() },
                transaction,
                cancellationToken: cancellationToken));
        }

        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO undelivered (app, pubsub, topic, message_sequence, outcome, attempts, reason, at)
            VALUES (@App, @PubSub, @Topic, @Sequence, @Outcome, @Attempts, @Reason, @At)
            ON CONFLICT (app, pubsub, topic, message_sequence) DO NOTHING
            """,
            new { key.App, key.PubSub, key.Topic, message.Sequence, Outcome = outcome, Attempts = attempts, Reason = reason, At = Now() },
            transaction,
            cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE subscriptions SET delivered_through = @Sequence, attempts = 0 WHERE app = @App AND pubsub = @PubSub AND topic = @Topic",
            new { key.App, key.PubSub, key.Topic, message.Sequence },
            transaction,
            cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        return forwarded;
    }

    public async Task<long> CountMessagesAsync(CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition("SELECT COUNT(*) FROM messages", cancellationToken: cancellationToken));
    }

    private static string Now() => DateTimeOffset.UtcNow.ToString("O");
}
