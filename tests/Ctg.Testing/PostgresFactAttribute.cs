using Xunit;

namespace Ctg.Testing;

/// <summary>A test that needs the PostgreSQL cluster `make test` starts (CTG_TEST_PG). Run alone
/// with `dotnet test` and no cluster, it is reported as skipped with the reason, never as passed.</summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (string.IsNullOrEmpty(PostgresDatabase.ServerConnectionString))
        {
            Skip = "CTG_TEST_PG is not set: run `make test`, which starts a throwaway PostgreSQL cluster.";
        }
    }
}
