using System.Data.Common;
using System.Globalization;
using Ctg.Data;
using Dapper;

namespace Ctg.Eventing.Subscriptions;

/// <summary>The ids of events a consumer has already handled. The row is written in the handler's
/// transaction: a redelivered event finds it and is acknowledged without a second effect. The time it
/// records comes from the injected clock, written like the outbox's instants (UTC, round-trip format).</summary>
public sealed class Inbox(ISqlDialectSyntax syntax, TimeProvider clock)
{
    /// <summary>Records the event for the consumer; false when it was already there (a redelivery).</summary>
    public async Task<bool> TryRecordAsync(DbTransaction transaction, string eventId, string consumer, CancellationToken cancellationToken)
    {
        var inserted = await transaction.Connection!.ExecuteAsync(new CommandDefinition(
            syntax.InsertIgnoringDuplicates("inbox", "event_id, consumer, processed_at", "@EventId, @Consumer, @ProcessedAt", "event_id, consumer"),
            new { EventId = eventId, Consumer = consumer, ProcessedAt = clock.GetUtcNow().UtcDateTime.ToString("O", CultureInfo.InvariantCulture) },
            transaction,
            cancellationToken: cancellationToken));
        return inserted == 1;
    }

    /// <summary>Forgets what consumers whose name starts with <paramref name="consumerPrefix"/> handled
    /// (e.g. <c>reporting:</c>), in the caller's transaction: the step before a replay that rebuilds
    /// read models from scratch, together with emptying those read models.</summary>
    public Task<int> ForgetAsync(DbTransaction transaction, string consumerPrefix, CancellationToken cancellationToken) =>
        transaction.Connection!.ExecuteAsync(new CommandDefinition(
            // A prefix comparison rather than LIKE: consumer names contain '_' and LIKE escaping differs between dialects.
            $"DELETE FROM inbox WHERE {syntax.StartsWith("consumer", "@Prefix")}",
            new { Prefix = consumerPrefix },
            transaction,
            cancellationToken: cancellationToken));
}
