using Ctg.Domain;
using ProtoDate = Ctg.Common.V1.Date;

namespace Ctg.ServiceDefaults;

/// <summary>The one conversion between the wire <see cref="ProtoDate"/> and <see cref="DateOnly"/>. A
/// missing message or one with all zeros is "not set"; anything else that is not a calendar date
/// between 1900 and 2200 is a field violation naming the field, never a silently corrected date.
/// Plain static methods, not extensions, so they never clash with the helpers services still carry.</summary>
public static class ProtoDates
{
    public const int MinYear = 1900;
    public const int MaxYear = 2200;
    public const string RequiredMessage = "is required";

    public static ProtoDate ToProto(DateOnly date) => new() { Year = date.Year, Month = date.Month, Day = date.Day };

    public static ProtoDate? ToProto(DateOnly? date) => date is { } value ? ToProto(value) : null;

    public static bool IsSet(ProtoDate? date) => date is not null && (date.Year != 0 || date.Month != 0 || date.Day != 0);

    public static bool TryToDateOnly(ProtoDate? date, out DateOnly value)
    {
        value = default;
        if (!IsSet(date)
            || date!.Year is < MinYear or > MaxYear
            || date.Month is < 1 or > 12
            || date.Day < 1 || date.Day > DateTime.DaysInMonth(date.Year, date.Month))
        {
            return false;
        }

        value = new DateOnly(date.Year, date.Month, date.Day);
        return true;
    }

    /// <summary>The date as the caller sent it (yyyy-MM-dd), even when it is not a calendar date.</summary>
    public static string Text(ProtoDate date) => $"{date.Year:D4}-{date.Month:D2}-{date.Day:D2}";

    /// <summary>The description of the violation an unset or impossible date gets.</summary>
    public static string NotACalendarDate(ProtoDate date) => $"{Text(date)} is not a calendar date";

    /// <summary>A date the caller must give: records a violation on <paramref name="field"/> when it is
    /// missing or not a calendar date, and returns null then.</summary>
    public static DateOnly? Required(Violations violations, ProtoDate? date, string field)
    {
        if (!IsSet(date))
        {
            violations.Add(field, RequiredMessage);
            return null;
        }

        return Optional(violations, date, field);
    }

    /// <summary>A date the caller may omit: null when not set, a violation when not a calendar date.</summary>
    public static DateOnly? Optional(Violations violations, ProtoDate? date, string field)
    {
        if (!IsSet(date))
        {
            return null;
        }

        if (!TryToDateOnly(date, out var value))
        {
            violations.Add(field, NotACalendarDate(date!));
            return null;
        }

        return value;
    }

    /// <summary>A single required date: throws a <see cref="RuleViolationError"/> on <paramref name="field"/> when invalid.</summary>
    public static DateOnly ToDateOnly(ProtoDate? date, string field)
    {
        var violations = new Violations();
        var value = Required(violations, date, field);
        violations.ThrowIfAny();
        return value!.Value;
    }

    /// <summary>The "as of" date of a query: the given one, or today (UTC) by <paramref name="clock"/> when not set.</summary>
    public static DateOnly AsOf(ProtoDate? asOf, TimeProvider clock, string field = "as_of")
    {
        var violations = new Violations();
        var value = Optional(violations, asOf, field);
        violations.ThrowIfAny();
        return value ?? DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
    }
}
