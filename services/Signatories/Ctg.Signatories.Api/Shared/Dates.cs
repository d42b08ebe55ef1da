using Ctg.Domain;
using Ctg.ServiceDefaults;
using Date = Ctg.Common.V1.Date;

namespace Ctg.Signatories.Shared;

/// <summary>The service's extension-method spelling of the shared <see cref="ProtoDates"/> (one
/// implementation of proto date rules for every service): a missing message or all zeros is "not set".</summary>
public static class Dates
{
    public static bool IsSet(this Date? date) => ProtoDates.IsSet(date);

    public static Date ToProto(this DateOnly date) => ProtoDates.ToProto(date);

    public static bool TryToDateOnly(this Date? date, out DateOnly value) => ProtoDates.TryToDateOnly(date, out value);

    /// <summary>A date the caller must give: records a violation when missing or not a calendar date.</summary>
    public static DateOnly? Required(this Violations validation, Date? date, string field) => ProtoDates.Required(validation, date, field);

    /// <summary>A date the caller may omit: null when missing, a violation when not a calendar date.</summary>
    public static DateOnly? Optional(this Violations validation, Date? date, string field) => ProtoDates.Optional(validation, date, field);

    /// <summary>Reads a date stored by this service (always valid once stored).</summary>
    public static DateOnly Stored(this Date date) =>
        date.TryToDateOnly(out var value) ? value : throw new InvalidOperationException("A stored date is invalid.");

    public static DateOnly? StoredOrNull(this Date? date) => date.IsSet() ? date!.Stored() : null;

    /// <summary>The "as of" date of a query: the given one, or today (UTC) when not set.</summary>
    public static DateOnly AsOf(Date? asOf, TimeProvider clock) => ProtoDates.AsOf(asOf, clock);
}
