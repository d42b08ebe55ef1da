using System.Data.Common;
using Ctg.Data;
using Ctg.Eventing;
using Ctg.Testing;
using Dapper;
using Microsoft.Extensions.Logging.Abstractions;

namespace Ctg.Platform.Tests.Data;

public sealed class MigrationRunnerTests
{
    private static readonly Migration[] Sample =
    [
        new(1, "create_widget", "CREATE TABLE widget (id INTEGER PRIMARY KEY, name TEXT NOT NULL)"),
        new(2, "seed_widget", "INSERT INTO widget (id, name) VALUES (1, 'first')"),
    ];

    [Fact]
    public async Task Sqlite_applies_pending_migrations_once_in_order()
    {
        var file = Path.Combine(Path.GetTempPath(), $"ctg-migrations-{Guid.NewGuid():N}.db");
        var factory = new SqliteConnectionFactory(file);
        await AssertAppliesOnce(factory);
    }

    [PostgresFact]
    public async Task Postgres_applies_pending_migrations_once_in_order()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        await AssertAppliesOnce(database.Factory);
    }

    [Fact]
    public async Task A_failing_migration_leaves_nothing_half_applied()
    {
        var file = Path.Combine(Path.GetTempPath(), $"ctg-migrations-{Guid.NewGuid():N}.db");
        var factory = new SqliteConnectionFactory(file);
        var runner = new MigrationRunner(factory, NullLogger<MigrationRunner>.Instance);
        Migration[] broken = [Sample[0], new(2, "broken", "INSERT INTO widget (id, name) VALUES (1, 'a'); INSERT INTO nowhere VALUES (1)")];

        await Assert.ThrowsAnyAsync<DbException>(() => runner.ApplyAsync(broken, CancellationToken.None));

        await using var connection = await factory.OpenAsync(CancellationToken.None);
        Assert.Equal(0, await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM widget"));
        var versions = (await connection.QueryAsync<int>("SELECT version FROM schema_migrations")).ToArray();
        Assert.Equal(new[] { 1 }, versions);
    }

    [Fact]
    public void Eventing_embeds_its_outbox_migrations_for_every_dialect()
    {
        foreach (var dialect in new[] { SqlDialect.Sqlite, SqlDialect.Postgres, SqlDialect.SqlServer })
        {
            var migrations = MigrationSource.FromAssemblies([typeof(OutboxWriter).Assembly], dialect);
            Assert.Equal(["9001 outbox_inbox", "9002 outbox_parking_lease"], migrations.Select(m => $"{m.Version} {m.Name}").ToArray());
        }
    }

    private static async Task AssertAppliesOnce(IDbConnectionFactory factory)
    {
        var runner = new MigrationRunner(factory, NullLogger<MigrationRunner>.Instance);

        var first = await runner.ApplyAsync(Sample, CancellationToken.None);
        var second = await runner.ApplyAsync(Sample, CancellationToken.None);

        Assert.Equal([1, 2], first.Select(m => m.Version).ToArray());
        Assert.Empty(second);
        await using var connection = await factory.OpenAsync(CancellationToken.None);
        Assert.Equal("first", await connection.ExecuteScalarAsync<string>("SELECT name FROM widget WHERE id = 1"));
    }
}
