using Dapper;
using Microsoft.Extensions.Logging;

namespace Ctg.Data;

/// <summary>Applies pending migrations in version order, each in its own transaction, and records
/// them in <c>schema_migrations</c>. Running it twice applies nothing the second time.</summary>
public sealed class MigrationRunner(IDbConnectionFactory connections, ILogger<MigrationRunner> logger)
{
    public async Task<IReadOnlyList<Migration>> ApplyAsync(IReadOnlyList<Migration> migrations, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(VersionTable(connections.Dialect), cancellationToken: cancellationToken));

        var applied = (await connection.QueryAsync<int>(new CommandDefinition(
            "SELECT version FROM schema_migrations", cancellationToken: cancellationToken))).ToHashSet();

        var done = new List<Migration>();
        foreach (var migration in migrations.Where(m => !applied.Contains(m.Version)))
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            foreach (var batch in Batches(migration.Sql))
            {
                await connection.ExecuteAsync(new CommandDefinition(batch, transaction: transaction, cancellationToken: cancellationToken));
            }

            await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO schema_migrations (version, name, applied_at) VALUES (@Version, @Name, @AppliedAt)",
                new { migration.Version, migration.Name, AppliedAt = DateTimeOffset.UtcNow.ToString("O") },
                transaction, cancellationToken: cancellationToken));
            await transaction.CommitAsync(cancellationToken);
            logger.LogInformation("Applied migration {Version} {Name}", migration.Version, migration.Name);
            done.Add(migration);
        }

        return done;
    }

    /// <summary>The version table, created when missing; T-SQL has no CREATE TABLE IF NOT EXISTS.</summary>
    public static string VersionTable(SqlDialect dialect) => dialect == SqlDialect.SqlServer
        ? "IF OBJECT_ID(N'schema_migrations', N'U') IS NULL CREATE TABLE schema_migrations (version INT NOT NULL PRIMARY KEY, name NVARCHAR(200) NOT NULL, applied_at NVARCHAR(40) NOT NULL)"
        : "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)";

    private IEnumerable<string> Batches(string sql) => connections.Dialect == SqlDialect.SqlServer
        ? SqlBatches.Split(sql).Select(b => b.Sql)
        : [sql];
}
