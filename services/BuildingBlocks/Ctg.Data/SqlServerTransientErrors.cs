using Microsoft.Data.SqlClient;

namespace Ctg.Data;

/// <summary>SQL Server errors worth a retry in a new transaction, by error number: -2 timeout, 1205
/// deadlock victim, 1222 lock request timeout, 64/233/10053/10054/10060 transport, 4060/4221 database
/// not available yet, and the Azure SQL / failover throttling and reconfiguration numbers (10928, 10929,
/// 40197, 40501, 40613, 49918, 49919, 49920).</summary>
internal static class SqlServerTransientErrors
{
    private static readonly HashSet<int> Numbers =
        [-2, 64, 233, 1205, 1222, 4060, 4221, 10053, 10054, 10060, 10928, 10929, 40197, 40501, 40613, 49918, 49919, 49920];

    public static bool IsTransient(Exception exception) =>
        exception is SqlException sql && sql.Errors.Cast<SqlError>().Any(e => Numbers.Contains(e.Number));
}
