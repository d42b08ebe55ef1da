using Ctg.ServiceDefaults;
using Date = Ctg.Common.V1.Date;

namespace Ctg.Signatories.Domain;

/// <summary>Conversions between the wire <see cref="Date"/> and <see cref="DateOnly"/>. A missing
/// message or one with all zeros is "not set".</summary>
public static class Dates
{
    public static bool IsSet(this Date? date) => date is not null && (date.Year != 0 || date.Month != 0 || date.Day != 0);

    public static Date ToProto(this DateOnly date) => new() { Year = date.Year, Month = date.Month, Day = date.Day };

    public static bool TryToDateOnly(this Date? date, out DateOnly value)
    {
        value = default;
        if (!date.IsSet() || date!.Year < 1900 || date.Year > 2200 || date.Month is < 1 or > 12)
        {
            return false;
        }

        if (date.Day < 1 || date.Day > DateTime.DaysInMonth(date.Year, date.Month))
        {
            return false;
        }

        value = new DateOnly(date.Year, date.Month, date.Day);
        return true;
    }

    /// <summary>A date the caller must give: records a violation when missing or not a calendar date.</summary>
    public static DateOnly? Required(this Validation validation, Date? date, string field)
    {
        if (!date.IsSet())
        {
            validation.Add(field, "is required");
            return null;
        }

        return Optional(validation, date, field);
    }

    /// <summary>A date the caller may omit: null when missing, a violation when not a calendar date.</summary>
    public static DateOnly? Optional(this Validation validation, Date? date, string field)
    {
        if (!date.IsSet())
        {
            return null;
        }

        if (!date.TryToDateOnly(out var value))
        {
            validation.Add(field, $"{date!.Year:D4}-{date.Month:D2}-{date.Day:D2} is not a calendar date");
            return null;
        }

        return value;
    }

    /// <summary>Reads a date stored by this service (always valid once stored).</summary>
    public static DateOnly Stored(this Date date) =>
        date.TryToDateOnly(out var value) ? value : throw new InvalidOperationException("A stored date is invalid.");

    public static DateOnly? StoredOrNull(this Date? date) => date.IsSet() ? date!.Stored() : null;

    /// <summary>The "as of" date of a query: the given one, or today (UTC) when not set.</summary>
    public static DateOnly AsOf(Date? asOf, TimeProvider clock)
    {
        var validation = new Validation();
        var value = validation.Optional(asOf, "as_of");
        validation.ThrowIfInvalid();
        return value ?? DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
    }
}
