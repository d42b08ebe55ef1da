using Ctg.Common.V1;
using Ctg.Reporting.V1;
using Ctg.ServiceDefaults;
using Ctg.Testing;
using Grpc.Core;
using static Ctg.Reporting.Tests.Support.Scenario;

namespace Ctg.Reporting.Tests.Functional;

/// <summary>Reporting follows the platform's shared rules (issue 15): the dates of <see cref="ProtoDates"/>.</summary>
public sealed class SharedPrimitivesTests
{
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

    /// <summary>"Code message field: description..." of the call's refusal, to compare in one assertion.</summary>
    private static async Task<string> RefusalAsync(Func<Task> call)
    {
        var exception = await Assert.ThrowsAsync<RpcException>(call);
        return string.Join(" ", new[] { exception.StatusCode.ToString(), exception.Status.Detail }
            .Concat(exception.FieldViolations().Select(v => $"{v.Field}: {v.Description}")));
    }
}
