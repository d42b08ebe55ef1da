using Ctg.Reporting.Tests.Support;
using Ctg.Testing;

namespace Ctg.Reporting.Tests.Functional;

/// <summary>The same read models and queries on PostgreSQL, the server dialect.</summary>
[Trait("Category", "Postgres")]
public sealed class PostgresReportingTests
{
    [PostgresFact]
    public async Task Read_models_on_postgres_answer_every_query_with_exact_values()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        await using var service = await ServiceUnderTest.StartAsync(ReportingApp.Build, new()
        {
            ["Database:Provider"] = "postgres",
            ["Database:ConnectionString"] = database.ConnectionString,
        });
        using var delivery = new DirectDelivery(service.HttpAddress);
        await ReportingScenario.DeliverAsync(delivery);
        await ReportingScenario.AssertQueriesAsync(new Reporting.V1.Reporting.ReportingClient(service.Channel));
    }
}
