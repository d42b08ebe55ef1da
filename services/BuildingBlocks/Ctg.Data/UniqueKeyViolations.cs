using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Ctg.Data;

/// <summary>Tells an insert refused because its key exists (a concurrent writer got there first) from
/// other failures, for code that then reads what the other writer stored. Each dialect adds its
/// classifier with <see cref="Register"/>.</summary>
public static class UniqueKeyViolations
{
    // SQLITE_CONSTRAINT_PRIMARYKEY and SQLITE_CONSTRAINT_UNIQUE (extended codes of SQLITE_CONSTRAINT).
    private const int SqlitePrimaryKey = 1555;
    private const int SqliteUnique = 2067;
    private const string PostgresUniqueViolation = "23505";

    // Violation of a PRIMARY KEY or UNIQUE constraint, and duplicate key in a unique index.
    private const int SqlServerConstraintViolation = 2627;
    private const int SqlServerUniqueIndexViolation = 2601;

    private static readonly List<Func<Exception, bool>> Classifiers = [IsSqliteUnique, IsPostgresUnique, IsSqlServerUnique];
    private static readonly Lock Gate = new();

    public static void Register(Func<Exception, bool> classifier)
    {
        ArgumentNullException.ThrowIfNull(classifier);
        lock (Gate)
        {
            Classifiers.Add(classifier);
        }
    }

    public static bool IsUniqueViolation(Exception exception)
    {
        Func<Exception, bool>[] classifiers;
        lock (Gate)
        {
            classifiers = [.. Classifiers];
        }

        return classifiers.Any(c => c(exception));
    }

    private static bool IsSqliteUnique(Exception exception) =>
        exception is SqliteException { SqliteExtendedErrorCode: SqlitePrimaryKey or SqliteUnique };

    private static bool IsPostgresUnique(Exception exception) =>
        exception is PostgresException { SqlState: PostgresUniqueViolation };

    private static bool IsSqlServerUnique(Exception exception) =>
        exception is SqlException sql && sql.Errors.Cast<SqlError>().Any(e => e.Number is SqlServerConstraintViolation or SqlServerUniqueIndexViolation);
}
