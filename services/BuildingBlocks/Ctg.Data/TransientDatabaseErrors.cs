using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Ctg.Data;

/// <summary>Tells whether a database failure may succeed when the same work is tried again in a new
/// transaction: lock contention, deadlock victims, serialization failures, a server restarting or
/// failing over. Anything else (constraint violations, syntax) is not retried.</summary>
public static class TransientDatabaseErrors
{
    // SQLITE_BUSY and SQLITE_LOCKED: another connection holds the lock longer than busy_timeout.
    private static readonly HashSet<int> SqliteCodes = [5, 6];

    // serialization_failure, deadlock_detected, admin_shutdown, cannot_connect_now.
    private static readonly HashSet<string> PostgresStates = ["40001", "40P01", "57P01", "57P03"];

    // -2 timeout, 1205 deadlock victim, 1222 lock request timeout, 233/64/10053/10054/10060 transport,
    // 4060/4221 database unavailable, 40197/40501/40613/49918/49919/49920/10928/10929 Azure SQL and
    // failover throttling or reconfiguration.
    private static readonly HashSet<int> SqlServerNumbers =
        [-2, 64, 233, 1205, 1222, 4060, 4221, 10053, 10054, 10060, 10928, 10929, 40197, 40501, 40613, 49918, 49919, 49920];

    public static bool IsTransient(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            switch (current)
            {
                case SqliteException sqlite when SqliteCodes.Contains(sqlite.SqliteErrorCode):
                    return true;
                case PostgresException postgres when PostgresStates.Contains(postgres.SqlState):
                    return true;
                case SqlException sqlServer when sqlServer.Errors.Cast<SqlError>().Any(e => SqlServerNumbers.Contains(e.Number)):
                    return true;
            }
        }

        return false;
    }
}
