using Ctg.Reporting.V1;
using Ctg.ServiceDefaults;

namespace Ctg.Reporting.Endpoint;

/// <summary>Validation of query requests: every violation reported at once, as INVALID_ARGUMENT.</summary>
internal static class ReportingRequests
{
    public static void RequireConvention(Validation validation, string conventionId) =>
        validation.Require(!string.IsNullOrWhiteSpace(conventionId), "convention_id", "Required.");

    public static void RequireYear(Validation validation, int year) =>
        validation.Require(year is >= 2000 and <= 2100, "year", "Must be between 2000 and 2100.");

    public static void CheckDate(Validation validation, Common.V1.Date? date, string field)
    {
        if (date is not null && !IsValid(date))
        {
            validation.Add(field, "Not a calendar date.");
        }
    }

    public static DateOnly AsOf(Common.V1.Date? date) =>
        date is null || !IsValid(date) ? DateOnly.FromDateTime(DateTime.UtcNow) : new DateOnly(date.Year, date.Month, date.Day);

    public static void Check(ExportCsvRequest request)
    {
        var validation = new Validation();
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

        validation.ThrowIfInvalid();
    }

    private static bool IsValid(Common.V1.Date date) =>
        date.Year is >= 1 and <= 9999 && date.Month is >= 1 and <= 12 && date.Day >= 1 && date.Day <= DateTime.DaysInMonth(date.Year, date.Month);
}
