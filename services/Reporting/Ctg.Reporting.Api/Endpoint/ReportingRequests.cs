using Ctg.Domain;
using Ctg.Reporting.V1;
using Ctg.ServiceDefaults;

namespace Ctg.Reporting.Endpoint;

/// <summary>Validation of query requests: every violation reported at once, as a <see cref="RuleViolationError"/>
/// (INVALID_ARGUMENT with field violations once the shared error mapping has translated it).</summary>
internal static class ReportingRequests
{
    public static void RequireConvention(Violations validation, string conventionId) =>
        validation.Require(!string.IsNullOrWhiteSpace(conventionId), "convention_id", "Required.");

    public static void RequireYear(Violations validation, int year) =>
        validation.Require(year is >= 2000 and <= 2100, "year", "Must be between 2000 and 2100.");

    /// <summary>An optional date of the request: the shared rule of <see cref="ProtoDates"/> (unset or all zeros is
    /// "not set"; anything else that is not a calendar date is a violation on <paramref name="field"/>).</summary>
    public static void CheckDate(Violations validation, Common.V1.Date? date, string field) =>
        ProtoDates.Optional(validation, date, field);

    /// <summary>The date a query is as of: the one asked for (checked by <see cref="CheckDate"/> first), else today
    /// (UTC, the platform's rule) by the injected clock, never the machine's clock read directly.</summary>
    public static DateOnly AsOf(Common.V1.Date? date, TimeProvider clock) => ProtoDates.AsOf(date, clock);

    public static void Check(ExportCsvRequest request)
    {
        var validation = new Violations();
        switch (request.Report)
        {
            case CsvReport.AllocationSummary or CsvReport.Payments:
                RequireConvention(validation, request.ConventionId);
                RequireYear(validation, request.Year);
                break;
            case CsvReport.ManagerStructures:
                validation.Require(!string.IsNullOrWhiteSpace(request.ManagerName), "manager_name", "Required.");
                break;
            case CsvReport.ActionPlan:
                RequireConvention(validation, request.ConventionId);
                break;
            case CsvReport.AoAlerts:
                RequireConvention(validation, request.ConventionId);
                CheckDate(validation, request.AsOf, "as_of");
                break;
            default:
                validation.Add("report", "Choose a report.");
                break;
        }

        validation.ThrowIfAny();
    }
}
