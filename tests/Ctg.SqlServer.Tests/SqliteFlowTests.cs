namespace Ctg.SqlServer.Tests;

/// <summary>The SQL Server suite's flows on the embedded SQLite database: they prove the flows and their
/// expected values right here, where the SQL Server suite may be skipped for want of Docker.</summary>
[Trait("Category", "SqlServerFlows")]
public sealed class SqliteFlowTests
{
    private static Task<Dictionary<string, string?>> OnSqlite(string service) => Task.FromResult(new Dictionary<string, string?>());

    [Fact]
    public Task Signatories_demo_data_and_ao_obligations_on_sqlite() => ServiceFlows.SignatoriesDemoDataAndAoObligations(OnSqlite);

    [Fact]
    public Task Convention_list_pages_on_sqlite() => ServiceFlows.ConventionListPagesInOrder(OnSqlite);

    [Fact]
    public Task Structures_and_funding_allocation_run_approved_once_and_immutable_on_sqlite() =>
        ServiceFlows.StructuresFundingAllocationRunIsApprovedOnceAndImmutable(OnSqlite);

    [Fact]
    public Task Reporting_applies_each_event_once_on_sqlite() => ServiceFlows.ReportingAppliesEachEventOnce(OnSqlite);
}
