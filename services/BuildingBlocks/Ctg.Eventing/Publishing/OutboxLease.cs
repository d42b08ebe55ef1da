using System.Globalization;
using Ctg.Data;
using Dapper;

namespace Ctg.Eventing.Publishing;

/// <summary>The right to publish the outbox, held by one instance at a time: a row of <c>outbox_lease</c>
/// with the holder's id and an expiry, taken and renewed by one conditional UPDATE (mine already, or
/// expired), which the database runs atomically whatever the dialect. Two replicas of a service thus never
/// send the same rows at once, and when the holder dies another takes over after the lease expires.
/// Expiries are written by the instances' clocks in one sortable format (ISO 8601, UTC, 7 decimals), so a
/// clock skew between replicas shortens or lengthens a takeover by that skew, never lets two publish
/// while the holder keeps renewing (it renews long before expiry).</summary>
public sealed class OutboxLease(IDbConnectionFactory connections, EventingOptions options, TimeProvider clock)
{
    private const string Format = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";
    private DateTimeOffset _heldUntil = DateTimeOffset.MinValue;

    /// <summary>This instance's id in the lease row (host name and a random part: two processes of one host differ).</summary>
    public string Owner { get; } = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";

    /// <summary>True while this instance holds the lease; takes or renews it when a third of it has elapsed.</summary>
    public async Task<bool> TryHoldAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (_heldUntil != DateTimeOffset.MinValue && now < _heldUntil - (options.LeaseDuration * 2 / 3))
        {
            return true;
        }

        var expires = now + options.LeaseDuration;
        await using var connection = await connections.OpenAsync(cancellationToken);
        var taken = await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE outbox_lease SET owner = @Owner, expires_at = @Expires
            WHERE name = 'outbox' AND (owner = @Owner OR owner IS NULL OR expires_at < @Now)
            """,
            new { Owner, Expires = expires.UtcDateTime.ToString(Format, CultureInfo.InvariantCulture), Now = now.UtcDateTime.ToString(Format, CultureInfo.InvariantCulture) },
            cancellationToken: cancellationToken));
        _heldUntil = taken == 1 ? expires : DateTimeOffset.MinValue;
        return taken == 1;
    }

    /// <summary>Gives the lease up (on a clean stop), so that another replica takes over at once.</summary>
    public async Task ReleaseAsync(CancellationToken cancellationToken)
    {
        if (_heldUntil == DateTimeOffset.MinValue)
        {
            return;
        }

        _heldUntil = DateTimeOffset.MinValue;
        await using var connection = await connections.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE outbox_lease SET owner = NULL, expires_at = @Past WHERE name = 'outbox' AND owner = @Owner",
            new { Owner, Past = DateTimeOffset.MinValue.UtcDateTime.ToString(Format, CultureInfo.InvariantCulture) },
            cancellationToken: cancellationToken));
    }
}
