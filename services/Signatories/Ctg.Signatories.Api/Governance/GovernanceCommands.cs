using Ctg.Signatories.Shared;
using Ctg.Signatories.V1;
using Date = Ctg.Common.V1.Date;

namespace Ctg.Signatories.Governance;

// The governance commands as the aggregate takes them (Shared/CommandMapping.cs maps the requests); the convention
// id and expected version belong to the store. Null = absent in the request.

public sealed record DefineGovernanceBodyCommand(GovernanceBodyEntry? Body);

public sealed record RecordMeetingCommand(MeetingEntry? Meeting);

public sealed record SetCooperationOfficerCommand(CooperationOfficerEntry? Officer);

/// <summary>A meeting as the caller gives it, field for field the request's <c>meeting</c> (the violations name those
/// fields): an empty string is "not given", a null number "non renseigné". The date stays the wire date, because an
/// impossible one is a violation of the aggregate's checks among the others, not a failure before them.</summary>
public sealed record MeetingEntry(
    string MeetingId,
    string BodyId,
    Date? HeldOn,
    IReadOnlyList<MeetingAttendance> Attendees,
    int? AttendanceCount,
    IReadOnlyList<string> Decisions,
    string MinutesUrl,
    string Source);

/// <summary>Who attended for a signatory; <paramref name="FullName"/> is empty when the source does not name them.</summary>
public sealed record MeetingAttendance(string SignatoryId, string Role, string FullName);

/// <summary>A chargé de coopération as the caller gives it, field for field the request's <c>officer</c>: an empty
/// string is "not given", a null FTE "non renseigné"; the appointment date stays the wire date (see <see cref="MeetingEntry"/>).</summary>
public sealed record CooperationOfficerEntry(string OfficerId, string SignatoryId, string FullName, double? Fte, Date? AppointedOn, string Source);

/// <summary>A governance body as the caller gives it, field for field the request's <c>body</c>: an empty string is
/// "not given", a null frequency "non renseigné". Kind and presidency are the contract's enumerations.</summary>
public sealed record GovernanceBodyEntry(
    string BodyId,
    GovernanceBodyKind Kind,
    string Name,
    string Thematique,
    IReadOnlyList<BodyMember> Members,
    IReadOnlyList<string> OtherParticipants,
    int? MinMeetingsPerYear,
    int? MaxMeetingsPerYear,
    string FrequencyText,
    Presidency Presidency,
    string Secretariat,
    IReadOnlyList<string> Missions,
    string Source);

/// <summary>A member sitting for a signatory, in the role the source words.</summary>
public sealed record BodyMember(string SignatoryId, string Role, string FullName);
