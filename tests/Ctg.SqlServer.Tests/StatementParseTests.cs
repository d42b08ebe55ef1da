using Xunit.Abstractions;

namespace Ctg.SqlServer.Tests;

/// <summary>Every SQL statement the services send parses as SQL Server 2022 T-SQL once rendered for the
/// sqlserver provider, and no service writes SQL for one dialect only.</summary>
public sealed class StatementParseTests(ITestOutputHelper output)
{
    [Fact]
    public void Every_statement_the_services_send_parses_as_TSql160()
    {
        var statements = ServiceSqlScanner.Statements();
        var failures = statements
            .SelectMany(s => TSql.Errors(s.Sql).Select(e => $"{s.File}:{s.Line}: {e}{Environment.NewLine}    {s.Sql.ReplaceLineEndings(" ")}"))
            .ToList();

        output.WriteLine($"{statements.Count} statements from {statements.Select(s => s.File).Distinct().Count()} files parsed as T-SQL.");
        foreach (var statement in statements.Where(s => s.Unresolved.Count > 0))
        {
            output.WriteLine($"{statement.File}:{statement.Line}: built at run time, stood in for: {string.Join(" | ", statement.Unresolved)}");
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
        // Each service's stores are found: a scanner that silently found nothing would pass the check above.
        foreach (var service in new[] { "Signatories", "Structures", "Funding", "Reporting", "BuildingBlocks/Ctg.Eventing" })
        {
            Assert.Contains(statements, s => s.File.StartsWith($"services/{service}/", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void No_service_writes_SQL_for_one_dialect_only()
    {
        var found = ServiceSqlScanner.NonPortable();

        Assert.True(found.Count == 0, string.Join(Environment.NewLine, found.Select(f => $"{f.File}:{f.Line}: {f.Construct}: {f.Text}")));
    }
}
