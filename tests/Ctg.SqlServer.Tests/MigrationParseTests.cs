using Ctg.Data;
using Xunit.Abstractions;

namespace Ctg.SqlServer.Tests;

/// <summary>Every T-SQL migration parses with the SQL Server 2022 parser, batch by batch as the migration
/// runner sends them, and every PostgreSQL migration has its T-SQL counterpart.</summary>
public sealed class MigrationParseTests(ITestOutputHelper output)
{
    private static IEnumerable<string> MigrationFiles(string dialect) =>
        RepositoryFiles.Under("services", "*.sql").Concat(RepositoryFiles.Under("tools", "*.sql"))
            .Where(f => RepositoryFiles.Relative(f).Contains($"/Migrations/{dialect}/", StringComparison.Ordinal));

    [Fact]
    public void Every_postgres_migration_has_a_sqlserver_migration_of_the_same_name()
    {
        var postgres = MigrationFiles("postgres").Select(f => RepositoryFiles.Relative(f).Replace("/postgres/", "/sqlserver/")).ToList();
        var sqlServer = MigrationFiles("sqlserver").Select(RepositoryFiles.Relative).ToList();

        Assert.NotEmpty(postgres);
        Assert.Equal(postgres, sqlServer);
    }

    [Fact]
    public void Every_sqlserver_migration_parses_as_TSql160()
    {
        var failures = new List<string>();
        var batches = 0;
        foreach (var file in MigrationFiles("sqlserver"))
        {
            foreach (var (startLine, sql) in SqlBatches.Split(File.ReadAllText(file)))
            {
                batches++;
                failures.AddRange(TSql.Errors(sql, startLine).Select(e => $"{RepositoryFiles.Relative(file)}, {e}"));
            }
        }

        output.WriteLine($"{MigrationFiles("sqlserver").Count()} T-SQL migrations, {batches} batches parsed.");
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
        Assert.True(batches >= MigrationFiles("sqlserver").Count());
    }

    [Fact]
    public void A_parse_error_names_the_line_of_the_file_after_GO_batches()
    {
        var script = "CREATE TABLE a (x INT);\nGO\nCREATE TABLE b (y INT);\nSELEC y FROM b;\n";

        var errors = SqlBatches.Split(script).SelectMany(b => TSql.Errors(b.Sql, b.StartLine)).ToList();

        Assert.Single(errors);
        Assert.StartsWith("line 4, column 1:", errors[0]);
    }
}
