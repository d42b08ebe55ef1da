using System.Data.Common;

namespace Ctg.Signatories.Conventions;

/// <summary>Recognises a unique-key violation on either dialect: two writers inserting the same id at
/// the same time, which the caller reports as ALREADY_EXISTS rather than an internal error.</summary>
public static class UniqueViolation
{
    private const int SqliteConstraint = 19;
    private const string PostgresUniqueViolation = "23505";

    public static bool Is(DbException exception) => exception switch
    {
        Npgsql.PostgresException postgres => postgres.SqlState == PostgresUniqueViolation,
        Microsoft.Data.Sqlite.SqliteException sqlite => sqlite.SqliteErrorCode == SqliteConstraint,
        _ => false,
    };
}
