using Ctg.Signatories.Conventions;
using Ctg.Signatories.Shared;
using Ctg.Signatories.Storage;
using Ctg.Signatories.V1;

namespace Ctg.Signatories.Governance;

/// <summary>
/// The governance as of a date: bodies, the meetings held by then, and one alert per body and calendar
/// year of the convention that has ended by then in which the body met fewer times than its planned
/// minimum. A body whose frequency the source does not give ("en fonction des besoins") raises none:
/// there is nothing to compare with.
/// </summary>
public static class GovernanceCalendar
{
    public static GovernanceView View(ConventionRecord record, long version, DateOnly asOf)
    {
        var terms = ConventionSnapshot.Of(record, DateOnly.MaxValue);
        var view = new GovernanceView { ConventionId = record.ConventionId, AsOf = asOf.ToProto(), Version = version };
        view.Bodies.AddRange(record.GovernanceBodies.Select(b => b.Clone()));
        var held = record.Meetings.Where(m => m.HeldOn.Stored() <= asOf)
            .OrderBy(m => m.HeldOn.Stored()).ThenBy(m => m.MeetingId, StringComparer.Ordinal).ToList();
        view.Meetings.AddRange(held.Select(m => m.Clone()));
        view.CooperationOfficers.AddRange(record.CooperationOfficers.Select(o => o.Clone()));

        var lastEndedYear = Math.Min(asOf.Month == 12 && asOf.Day == 31 ? asOf.Year : asOf.Year - 1, terms.End.Year);
        foreach (var body in record.GovernanceBodies.Where(b => b.HasMinMeetingsPerYear && b.MinMeetingsPerYear > 0))
        {
            for (var year = terms.Start.Year; year <= lastEndedYear; year++)
            {
                var count = held.Count(m => m.BodyId == body.BodyId && m.HeldOn.Year == year);
                if (count < body.MinMeetingsPerYear)
                {
                    view.Alerts.Add(new GovernanceAlert
                    {
                        BodyId = body.BodyId,
                        BodyName = body.Name,
                        Year = year,
                        PlannedMinMeetings = body.MinMeetingsPerYear,
                        MeetingsHeld = count,
                        Message = $"{body.Name} met {count} time(s) in {year}, planned at least {body.MinMeetingsPerYear}",
                    });
                }
            }
        }

        return view;
    }
}
