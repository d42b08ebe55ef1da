using Ctg.Data;
using Microsoft.Extensions.Logging.Abstractions;

namespace Ctg.SqlServer.Tests;

/// <summary>The explicit migrate step on SQL Server: every service's T-SQL migrations apply, GO batches
/// and triggers included, and a second run applies nothing.</summary>
[Collection(SqlServerCollection.Name)]
[Trait("Category", "SqlServer")]
public sealed class SqlServerMigrationTests(SqlServerInstance server)
{
    public static TheoryData<string> Services => ["signatories", "structures", "funding", "reporting"];

    [SkippableTheory]
    [MemberData(nameof(Services))]
    public async Task Migrations_apply_once_on_sqlserver(string service)
    {
        Skip.If(server.Unavailable is not null, server.Unavailable);
        var assembly = service switch
        {
            "signatories" => typeof(Ctg.Signatories.SignatoriesApp).Assembly,
            "structures" => typeof(Ctg.Structures.StructuresApp).Assembly,
            "funding" => typeof(Ctg.Funding.Api.FundingApp).Assembly,
            _ => typeof(Ctg.Reporting.ReportingApp).Assembly,
        };
        var migrations = MigrationSource.FromAssemblies([assembly, typeof(Ctg.Eventing.Publishing.OutboxStore).Assembly], SqlDialect.SqlServer);
        var runner = new MigrationRunner(new SqlServerConnectionFactory(await server.CreateDatabaseAsync(service)), NullLogger<MigrationRunner>.Instance);

        var first = await runner.ApplyAsync(migrations, CancellationToken.None);
        var second = await runner.ApplyAsync(migrations, CancellationToken.None);

        Assert.Equal(migrations.Select(m => m.Version), first.Select(m => m.Version));
        Assert.Contains(9001, first.Select(m => m.Version));
        Assert.Empty(second);
    }
}
