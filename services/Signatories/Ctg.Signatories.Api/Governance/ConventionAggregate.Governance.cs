using Ctg.Domain;
using Ctg.ServiceDefaults;
using Ctg.Signatories.Governance;
using Ctg.Signatories.Shared;
using Ctg.Signatories.V1;

namespace Ctg.Signatories.Conventions;

/// <summary>The governance of the CTG: bodies, their meetings and the chargés de coopération. Members and
/// attendees sit for signatories of the convention, so every one must name a signatory; meetings fall
/// within the convention's period. Broken input is INVALID_ARGUMENT and nothing changes.</summary>
public sealed partial class ConventionAggregate
{
    /// <summary>Defines a body or replaces the body with the same id; returns its id.</summary>
    public string DefineGovernanceBody(DefineGovernanceBodyCommand command)
    {
        var body = command.Body;
        var validation = new Violations();
        if (body is null)
        {
            validation.Add("body", "is required");
            validation.ThrowIfAny();
        }

        ValidateOptionalId(validation, body!.BodyId, "body.body_id");
        if (body.Kind == GovernanceBodyKind.Unspecified || !Enum.IsDefined(body.Kind))
        {
            validation.Add("body.kind", "is required");
        }

        validation.Require(!string.IsNullOrWhiteSpace(body.Name), "body.name", "is required");
        validation.Require(body.MinMeetingsPerYear is null or >= 0, "body.min_meetings_per_year", "must not be negative");
        validation.Require(body.MaxMeetingsPerYear is null or >= 0, "body.max_meetings_per_year", "must not be negative");
        validation.Require(body is not { MinMeetingsPerYear: { } min, MaxMeetingsPerYear: { } max } || max >= min,
            "body.max_meetings_per_year", "is below min_meetings_per_year");
        if (!Enum.IsDefined(body.Presidency))
        {
            validation.Add("body.presidency", "is not a known presidency");
        }

        for (var i = 0; i < body.Members.Count; i++)
        {
            var member = body.Members[i];
            validation.Require(IsSignatory(member.SignatoryId), $"body.members[{i}].signatory_id",
                $"'{member.SignatoryId}' is not a signatory of convention {Record.ConventionId}: list people who do not sit for a signatory in other_participants");
            validation.Require(!string.IsNullOrWhiteSpace(member.Role), $"body.members[{i}].role", "is required");
        }

        for (var i = 0; i < body.OtherParticipants.Count; i++)
        {
            validation.Require(!string.IsNullOrWhiteSpace(body.OtherParticipants[i]), $"body.other_participants[{i}]", "is empty");
        }

        validation.ThrowIfAny("The governance body is invalid.");
        var stored = Stored(body, string.IsNullOrEmpty(body.BodyId) ? FrenchCodes.NewId("body") : body.BodyId);
        var index = IndexOf(Record.GovernanceBodies, b => b.BodyId == stored.BodyId);
        if (index >= 0)
        {
            Record.GovernanceBodies[index] = stored;
        }
        else
        {
            Record.GovernanceBodies.Add(stored);
        }

        _changes.Add("governance-body-defined");
        return stored.BodyId;
    }

    /// <summary>The body as the convention's record keeps it (the stored message), under its final id and with its name trimmed.</summary>
    private static GovernanceBody Stored(GovernanceBodyEntry body, string bodyId)
    {
        var stored = new GovernanceBody
        {
            BodyId = bodyId, Kind = body.Kind, Name = body.Name.Trim(), Thematique = body.Thematique, FrequencyText = body.FrequencyText,
            Presidency = body.Presidency, Secretariat = body.Secretariat, Source = body.Source,
        };
        stored.Members.AddRange(body.Members.Select(m => new GovernanceMember { SignatoryId = m.SignatoryId, Role = m.Role, FullName = m.FullName }));
        stored.OtherParticipants.AddRange(body.OtherParticipants);
        if (body.MinMeetingsPerYear is { } min)
        {
            stored.MinMeetingsPerYear = min;
        }

        if (body.MaxMeetingsPerYear is { } max)
        {
            stored.MaxMeetingsPerYear = max;
        }

        stored.Missions.AddRange(body.Missions);
        return stored;
    }

    public string RecordMeeting(RecordMeetingCommand command)
    {
        var meeting = command.Meeting;
        var validation = new Violations();
        if (meeting is null)
        {
            validation.Add("meeting", "is required");
            validation.ThrowIfAny();
        }

        ValidateOptionalId(validation, meeting!.MeetingId, "meeting.meeting_id");
        validation.Require(Record.GovernanceBodies.Any(b => b.BodyId == meeting.BodyId), "meeting.body_id",
            $"'{meeting.BodyId}' is not a governance body of convention {Record.ConventionId}");
        var heldOn = validation.Required(meeting.HeldOn, "meeting.held_on");
        if (heldOn is { } date)
        {
            var terms = SnapshotAt(DateOnly.MaxValue);
            validation.Require(date >= terms.Start && date <= terms.End, "meeting.held_on",
                $"{date:yyyy-MM-dd} is outside the convention ({terms.Start:yyyy-MM-dd} to {terms.End:yyyy-MM-dd})");
        }

        validation.Require(meeting.AttendanceCount is null or >= 0, "meeting.attendance_count", "must not be negative");
        for (var i = 0; i < meeting.Attendees.Count; i++)
        {
            validation.Require(IsSignatory(meeting.Attendees[i].SignatoryId), $"meeting.attendees[{i}].signatory_id",
                $"'{meeting.Attendees[i].SignatoryId}' is not a signatory of convention {Record.ConventionId}");
        }

        for (var i = 0; i < meeting.Decisions.Count; i++)
        {
            validation.Require(!string.IsNullOrWhiteSpace(meeting.Decisions[i]), $"meeting.decisions[{i}]", "is empty");
        }

        validation.Require(string.IsNullOrEmpty(meeting.MinutesUrl) || Uri.IsWellFormedUriString(meeting.MinutesUrl, UriKind.Absolute),
            "meeting.minutes_url", "is not an absolute URL");
        validation.ThrowIfAny("The meeting is invalid.");

        var stored = Stored(meeting, string.IsNullOrEmpty(meeting.MeetingId) ? FrenchCodes.NewId("meeting") : meeting.MeetingId);
        if (Record.Meetings.Any(m => m.MeetingId == stored.MeetingId))
        {
            throw new AlreadyExistsError($"Meeting {stored.MeetingId} is already recorded.", new FieldViolation("meeting.meeting_id", "is already used"));
        }

        Record.Meetings.Add(stored);
        _changes.Add("meeting-recorded");
        return stored.MeetingId;
    }

    /// <summary>The meeting as the convention's record keeps it (the stored message), under its final id.</summary>
    private static Meeting Stored(MeetingEntry meeting, string meetingId)
    {
        var stored = new Meeting
        {
            MeetingId = meetingId, BodyId = meeting.BodyId, HeldOn = meeting.HeldOn?.Clone(), MinutesUrl = meeting.MinutesUrl, Source = meeting.Source,
        };
        stored.Attendees.AddRange(meeting.Attendees.Select(a => new MeetingAttendee { SignatoryId = a.SignatoryId, Role = a.Role, FullName = a.FullName }));
        if (meeting.AttendanceCount is { } count)
        {
            stored.AttendanceCount = count;
        }

        stored.Decisions.AddRange(meeting.Decisions);
        return stored;
    }

    public string SetCooperationOfficer(SetCooperationOfficerCommand command)
    {
        var officer = command.Officer;
        var validation = new Violations();
        if (officer is null)
        {
            validation.Add("officer", "is required");
            validation.ThrowIfAny();
        }

        ValidateOptionalId(validation, officer!.OfficerId, "officer.officer_id");
        validation.Require(IsSignatory(officer.SignatoryId), "officer.signatory_id",
            $"'{officer.SignatoryId}' is not a signatory of convention {Record.ConventionId}");
        validation.Require(officer.Fte is not { } fte || (double.IsFinite(fte) && fte >= 0), "officer.fte", "must be a non-negative number");
        validation.Optional(officer.AppointedOn, "officer.appointed_on");
        validation.ThrowIfAny("The chargé de coopération is invalid.");

        var stored = new CooperationOfficer
        {
            OfficerId = string.IsNullOrEmpty(officer.OfficerId) ? FrenchCodes.NewId("officer") : officer.OfficerId,
            SignatoryId = officer.SignatoryId, FullName = officer.FullName, AppointedOn = officer.AppointedOn?.Clone(), Source = officer.Source,
        };
        if (officer.Fte is { } given)
        {
            stored.Fte = given;
        }

        var index = IndexOf(Record.CooperationOfficers, o => o.OfficerId == stored.OfficerId);
        if (index >= 0)
        {
            Record.CooperationOfficers[index] = stored;
        }
        else
        {
            Record.CooperationOfficers.Add(stored);
        }

        _changes.Add("cooperation-officer-set");
        return stored.OfficerId;
    }

    private bool IsSignatory(string? signatoryId) =>
        !string.IsNullOrEmpty(signatoryId) && Record.Signatories.Any(s => s.SignatoryId == signatoryId);

    private static void ValidateOptionalId(Violations validation, string id, string field)
    {
        if (!string.IsNullOrEmpty(id) && !FrenchCodes.IsValidId(id))
        {
            validation.Add(field, "letters, digits, '.', '_' and '-' only, 128 characters at most");
        }
    }

    private static int IndexOf<T>(IList<T> items, Func<T, bool> match)
    {
        for (var i = 0; i < items.Count; i++)
        {
            if (match(items[i]))
            {
                return i;
            }
        }

        return -1;
    }
}
