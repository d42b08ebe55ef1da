using Ctg.Common.V1;
using Ctg.Reporting.Tests.Support;
using Ctg.Reporting.V1;
using Ctg.ServiceDefaults;
using Ctg.Testing;
using Grpc.Core;
using static Ctg.Reporting.Tests.Support.Scenario;

namespace Ctg.Reporting.Tests.Functional;

/// <summary>Reporting follows the platform's shared rules (issue 15): the dates of <see cref="ProtoDates"/>, the
/// paging of <see cref="Paging"/> with its one cursor codec and its one message, refusals raised as domain errors
/// and mapped at the edge to the same status codes and field violations every service answers.</summary>
public sealed class SharedPrimitivesTests
{
    private const string Paged = "Gestionnaire paginé";

    [Fact]
    public async Task An_as_of_that_is_not_a_calendar_date_is_invalid_argument_on_as_of_with_the_shared_description()
    {
        await using var service = await ServiceUnderTest.StartAsync(ReportingApp.Build);
        var client = new Reporting.V1.Reporting.ReportingClient(service.Channel);

        // 30 February is no date; 1899 is one, but outside the years the platform accepts (1900-2200).
        foreach (var (asOf, description) in new[]
                 {
                     (new Date { Year = 2025, Month = 2, Day = 30 }, "2025-02-30 is not a calendar date"),
                     (new Date { Year = 1899, Month = 12, Day = 31 }, "1899-12-31 is not a calendar date"),
                 })
        {
            var refusals = new[]
            {
                await RefusalAsync(() => client.ListAoComplianceAlertsAsync(new ListAoComplianceAlertsRequest { ConventionId = Convention, AsOf = asOf }).ResponseAsync),
                await RefusalAsync(() => client.GetGovernanceCalendarAsync(new GetGovernanceCalendarRequest { ConventionId = Convention, AsOf = asOf }).ResponseAsync),
                await RefusalAsync(() => client.GetCopilReportAsync(new GetCopilReportRequest { ConventionId = Convention, AsOf = asOf }).ResponseAsync),
                await RefusalAsync(() => ReportingQueryTests.ExportAsync(client, new ExportCsvRequest { Report = CsvReport.AoAlerts, ConventionId = Convention, AsOf = asOf })),
            };

            Assert.All(refusals, r => Assert.Equal($"InvalidArgument The request has invalid fields. as_of: {description}", r));
        }
    }

    [Fact]
    public async Task A_page_size_above_the_shared_maximum_or_a_token_the_service_did_not_return_gets_the_shared_message()
    {
        await using var service = await ServiceUnderTest.StartAsync(ReportingApp.Build);
        var client = new Reporting.V1.Reporting.ReportingClient(service.Channel);

        Assert.Equal("InvalidArgument The request has invalid fields. page.page_size: must be between 0 (default 50) and 500.",
            await RefusalAsync(() => client.ListManagerStructuresAsync(new ListManagerStructuresRequest { ManagerName = Paged, Page = new PageRequest { PageSize = 501 } }).ResponseAsync));
        Assert.Equal("InvalidArgument The request has invalid fields. page.page_size: must be between 0 (default 50) and 500.",
            await RefusalAsync(() => client.ListAoComplianceAlertsAsync(new ListAoComplianceAlertsRequest { ConventionId = Convention, Page = new PageRequest { PageSize = 501 } }).ResponseAsync));
        // A structure id is not a token: tokens are the shared opaque cursor, a forged one is refused.
        Assert.Equal("InvalidArgument The request has invalid fields. page.page_token: is not a token this service returned.",
            await RefusalAsync(() => client.ListManagerStructuresAsync(new ListManagerStructuresRequest { ManagerName = Paged, Page = new PageRequest { PageToken = "s-001" } }).ResponseAsync));
        // A cursor of two key parts is one this RPC never returns (its cursor is the structure id alone).
        Assert.Equal("InvalidArgument The request has invalid fields. page.page_token: is not a token this service returned.",
            await RefusalAsync(() => client.ListManagerStructuresAsync(new ListManagerStructuresRequest { ManagerName = Paged, Page = new PageRequest { PageToken = PageCursor.Encode("39", "s-001") } }).ResponseAsync));
    }

    [Fact]
    public async Task A_manager_s_structures_followed_page_by_page_come_each_once_even_when_structures_arrive_between_pages()
    {
        await using var service = await ServiceUnderTest.StartAsync(ReportingApp.Build);
        using var delivery = new DirectDelivery(service.HttpAddress);
        var client = new Reporting.V1.Reporting.ReportingClient(service.Channel);
        // Registered out of order: the pages follow structure_id, not arrival.
        await delivery.DeliverAllAsync(Enumerable.Range(0, 123).Select(i => Registered($"s-{i * 37 % 123:000}", Paged)));
        var all = Enumerable.Range(0, 123).Select(i => $"s-{i:000}").ToList();

        // Default page size, 50 a page.
        var pages = new List<(int Count, int Total, bool Last)>();
        var served = new List<string>();
        var token = "";
        do
        {
            var page = await client.ListManagerStructuresAsync(new ListManagerStructuresRequest { ManagerName = Paged, Page = new PageRequest { PageToken = token } });
            pages.Add((page.Structures.Count, page.Page.TotalSize, page.Page.NextPageToken == ""));
            served.AddRange(page.Structures.Select(s => s.StructureId));
            token = page.Page.NextPageToken;
            if (pages.Count == 1)
            {
                // One structure sorting before the cursor (never served on this walk), one after (served at the end).
                await delivery.DeliverAllAsync([Registered("s-0005x", Paged), Registered("s-122z", Paged)]);
            }
        }
        while (token != "");

        Assert.Equal([(50, 123, false), (50, 125, false), (24, 125, true)], pages);
        Assert.Equal([.. all, "s-122z"], served);

        // Seven a page: eighteen pages, the last one short, every structure once and in order.
        served.Clear();
        var count = 0;
        do
        {
            var page = await client.ListManagerStructuresAsync(new ListManagerStructuresRequest { ManagerName = Paged, Page = new PageRequest { PageSize = 7, PageToken = token } });
            count++;
            served.AddRange(page.Structures.Select(s => s.StructureId));
            token = page.Page.NextPageToken;
        }
        while (token != "");

        Assert.Equal(18, count);
        Assert.Equal(all.Append("s-0005x").Append("s-122z").Order(StringComparer.Ordinal), served);
    }

    [Fact]
    public async Task Refusals_raised_as_domain_errors_reach_the_client_with_their_code_message_and_field_violations()
    {
        await using var service = await ServiceUnderTest.StartAsync(ReportingApp.Build);
        var client = new Reporting.V1.Reporting.ReportingClient(service.Channel);
        var admin = new Reporting.V1.Reporting.ReportingClient(service.ChannelAs("admin"));

        Assert.Equal("InvalidArgument The request has invalid fields. convention_id: Required. year: Must be between 2000 and 2100.",
            await RefusalAsync(() => client.GetAllocationSummaryAsync(new GetAllocationSummaryRequest { Year = 1999 }).ResponseAsync));
        Assert.Equal("InvalidArgument The request has invalid fields. report: Choose a report.",
            await RefusalAsync(() => ReportingQueryTests.ExportAsync(client, new ExportCsvRequest())));
        Assert.Equal("InvalidArgument Choose the read model to rebuild. read_model: Required.",
            await RefusalAsync(() => admin.RebuildReadModelAsync(new RebuildReadModelRequest()).ResponseAsync));
        // No replay source answers here: the wipe is done, the replay is not, and the caller is told to call again.
        var unavailable = await RefusalAsync(() => admin.RebuildReadModelAsync(new RebuildReadModelRequest { ReadModel = ReadModel.ConventionDocuments }).ResponseAsync);
        Assert.StartsWith("Unavailable The read model was wiped but not every source replayed: signatories: ", unavailable, StringComparison.Ordinal);
        Assert.EndsWith("Call RebuildReadModel again.", unavailable, StringComparison.Ordinal);
    }

    /// <summary>"Code message field: description..." of the call's refusal, to compare in one assertion.</summary>
    private static async Task<string> RefusalAsync(Func<Task> call)
    {
        var exception = await Assert.ThrowsAsync<RpcException>(call);
        return string.Join(" ", new[] { exception.StatusCode.ToString(), exception.Status.Detail }
            .Concat(exception.FieldViolations().Select(v => $"{v.Field}: {v.Description}")));
    }
}
