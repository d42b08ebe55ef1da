using Ctg.Reporting.Shared;
using Ctg.Reporting.V1;

namespace Ctg.Reporting.ConventionDocuments;

/// <summary>The governance calendar from the governance document: every calendar year of the period, each
/// body's planned frequency and the meetings held by as_of, and an alert per body and year ended by as_of
/// in which it met fewer times than its planned minimum (the rule signatories' GetGovernance applies). A
/// body without a planned minimum ("en fonction des besoins") raises none.</summary>
public static class GovernanceCalendarBuilder
{
    public static GovernanceCalendar Build(GovernanceDocument document, long version, DateOnly asOf)
    {
        var start = Day(document.PeriodStart) ?? throw new InvalidOperationException("A governance document has no periodStart.");
        var end = Day(document.PeriodEnd) ?? start;
        var calendar = new GovernanceCalendar
        {
            ConventionId = document.ConventionId ?? "",
            ConventionName = document.Name ?? "",
            PeriodStart = ProtoMapping.ToDate(document.PeriodStart),
            PeriodEnd = ProtoMapping.ToDate(document.PeriodEnd),
            AsOf = new Common.V1.Date { Year = asOf.Year, Month = asOf.Month, Day = asOf.Day },
            Version = version,
        };
        var held = (document.Meetings ?? []).Where(m => Day(m.HeldOn) is { } d && d <= asOf).OrderBy(m => m.HeldOn, StringComparer.Ordinal).ToList();
        var lastEndedYear = asOf.Month == 12 && asOf.Day == 31 ? asOf.Year : asOf.Year - 1;
        for (var year = start.Year; year <= end.Year; year++)
        {
            var calendarYear = new CalendarYear { Year = year };
            foreach (var body in document.Bodies ?? [])
            {
                var meetings = held.Where(m => m.BodyId == body.BodyId && Day(m.HeldOn)!.Value.Year == year).ToList();
                var entry = new CalendarBodyYear
                {
                    BodyId = body.BodyId ?? "",
                    BodyName = body.Name ?? "",
                    Kind = body.Kind ?? "",
                    Thematique = body.Thematique ?? "",
                    FrequencyText = body.FrequencyText ?? "",
                    UnderPlanned = body.MinMeetingsPerYear is > 0 && year <= lastEndedYear && meetings.Count < body.MinMeetingsPerYear,
                };
                if (body.MinMeetingsPerYear is { } min)
                {
                    entry.PlannedMinMeetings = min;
                }

                if (body.MaxMeetingsPerYear is { } max)
                {
                    entry.PlannedMaxMeetings = max;
                }

                entry.Meetings.AddRange(meetings.Select(Meeting));
                calendarYear.Bodies.Add(entry);
                if (entry.UnderPlanned)
                {
                    calendar.Alerts.Add(new GovernanceCalendarAlert
                    {
                        BodyId = entry.BodyId, BodyName = entry.BodyName, Year = year,
                        PlannedMinMeetings = entry.PlannedMinMeetings, MeetingsHeld = meetings.Count,
                    });
                }
            }

            calendar.Years.Add(calendarYear);
        }

        return calendar;
    }

    private static CalendarMeeting Meeting(MeetingDocument m)
    {
        var meeting = new CalendarMeeting { MeetingId = m.MeetingId ?? "", HeldOn = ProtoMapping.ToDate(m.HeldOn), MinutesUrl = m.MinutesUrl ?? "" };
        if (m.AttendanceCount is { } count)
        {
            meeting.AttendanceCount = count;
        }

        meeting.Decisions.AddRange(m.Decisions ?? []);
        return meeting;
    }

    internal static DateOnly? Day(string? iso) =>
        ProtoMapping.ToDate(iso) is { } d ? new DateOnly(d.Year, d.Month, d.Day) : null;
}
