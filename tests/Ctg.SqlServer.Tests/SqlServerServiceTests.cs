namespace Ctg.SqlServer.Tests;

/// <summary>The services' key flows on SQL Server 2022, each service on its own new database migrated by
/// the same explicit step as production. Skipped, with the reason, where no Docker engine answers.</summary>
[Collection(SqlServerCollection.Name)]
[Trait("Category", "SqlServer")]
public sealed class SqlServerServiceTests(SqlServerInstance server)
{
    private async Task<Dictionary<string, string?>> OnSqlServer(string service) => new()
    {
        ["Database:Provider"] = "sqlserver",
        ["Database:ConnectionString"] = await server.CreateDatabaseAsync(service),
    };

    [SkippableFact]
    public async Task Signatories_demo_data_and_ao_obligations_on_sqlserver()
    {
        Skip.If(server.Unavailable is not null, server.Unavailable);
        await ServiceFlows.SignatoriesDemoDataAndAoObligations(OnSqlServer);
    }

    [SkippableFact]
    public async Task Convention_list_pages_with_offset_fetch_on_sqlserver()
    {
        Skip.If(server.Unavailable is not null, server.Unavailable);
        await ServiceFlows.ConventionListPagesInOrder(OnSqlServer);
    }

    [SkippableFact]
    public async Task Structures_and_funding_allocation_run_approved_once_and_immutable_on_sqlserver()
    {
        Skip.If(server.Unavailable is not null, server.Unavailable);
        await ServiceFlows.StructuresFundingAllocationRunIsApprovedOnceAndImmutable(OnSqlServer);
    }

    [SkippableFact]
    public async Task Reporting_applies_each_event_once_with_merge_upserts_on_sqlserver()
    {
        Skip.If(server.Unavailable is not null, server.Unavailable);
        await ServiceFlows.ReportingAppliesEachEventOnce(OnSqlServer);
    }
}
