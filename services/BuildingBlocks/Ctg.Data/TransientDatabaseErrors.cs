using Microsoft.Data.Sqlite;
using Npgsql;

namespace Ctg.Data;

/// <summary>Tells a database error that may succeed on retry (a lock, a serialization failure, a lost
/// connection) from one that will not, so the edge answers UNAVAILABLE (the client retries) rather
/// than INTERNAL. Each dialect adds its classifier with <see cref="Register"/>.</summary>
public static class TransientDatabaseErrors
{
    // SQLITE_BUSY and SQLITE_LOCKED; extended codes keep the primary code in the low byte.
    private const int SqliteBusy = 5;
    private const int SqliteLocked = 6;

    // Serialization failure, deadlock, administrator/crash shutdown, cannot connect now, too many connections.
    private static readonly HashSet<string> PostgresTransientStates = ["40001", "40P01", "57P01", "57P02", "57P03", "53300"];

    private static readonly List<Func<Exception, bool>> Classifiers = [IsSqliteTransient, IsPostgresTransient, SqlServerTransientErrors.IsTransient];
    private static readonly Lock Gate = new();

    /// <summary>Adds a classifier (SQLite, PostgreSQL and SQL Server are built in); it sees each exception
    /// of the chain (the exception, then its inner exceptions) and answers true when it is transient.</summary>
    public static void Register(Func<Exception, bool> classifier)
    {
        ArgumentNullException.ThrowIfNull(classifier);
        lock (Gate)
        {
            Classifiers.Add(classifier);
        }
    }

    public static bool IsTransient(Exception exception)
    {
        Func<Exception, bool>[] classifiers;
        lock (Gate)
        {
            classifiers = [.. Classifiers];
        }

        for (var current = exception; current is not null; current = current.InnerException)
        {
            foreach (var classifier in classifiers)
            {
                if (classifier(current))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static bool IsSqliteTransient(Exception exception) =>
        exception is SqliteException sqlite && (sqlite.SqliteErrorCode & 0xFF) is SqliteBusy or SqliteLocked;

    private static bool IsPostgresTransient(Exception exception) => exception switch
    {
        PostgresException postgres => PostgresTransientStates.Contains(postgres.SqlState),
        // A failure below the protocol (socket closed, timeout while connecting): Npgsql knows.
        NpgsqlException npgsql => npgsql.IsTransient,
        _ => false,
    };
}
