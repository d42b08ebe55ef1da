using System.Globalization;
using Ctg.Common.V1;
using Ctg.Reporting.V1;

namespace Ctg.Reporting.Shared;

internal static class ProtoMapping
{
    public static Money Cents(long cents) => new() { Cents = cents };

    public static StructureSummary ToProto(this StructureRow row) => new()
    {
        StructureId = row.StructureId,
        Name = row.Name,
        Kind = row.Kind,
        CommuneInsee = row.CommuneInsee,
        CommuneName = row.CommuneName,
        ManagerName = row.ManagerName,
        SupportingCollectivityId = row.SupportingCollectivityId,
        ConventionId = row.ConventionId,
        AgreedPlaces = (int)(row.AgreedPlaces ?? 0),
        OpeningDate = row.OpeningDate ?? "",
        ClosingDate = row.ClosingDate ?? "",
        Closed = row.Closed != 0,
        Version = (int)row.Version,
    };

    /// <summary>An ISO date (yyyy-MM-dd, possibly followed by a time) as a proto Date; null when absent or unreadable.</summary>
    public static Date? ToDate(string? iso) =>
        iso is { Length: >= 10 } && DateOnly.TryParseExact(iso[..10], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? new Date { Year = date.Year, Month = date.Month, Day = date.Day }
            : null;
}
