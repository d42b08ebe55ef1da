using Ctg.Signatories.Shared;
using Ctg.Signatories.V1;

namespace Ctg.Signatories.Governance;

// The governance commands as the aggregate takes them (Shared/CommandMapping.cs maps the requests): a body, a
// meeting or a chargé de coopération is a part of the convention the aggregate stores as it is, so the command
// carries it; the convention id and expected version belong to the store. Null = absent in the request.

public sealed record DefineGovernanceBodyCommand(GovernanceBody? Body);

public sealed record RecordMeetingCommand(Meeting? Meeting);

public sealed record SetCooperationOfficerCommand(CooperationOfficer? Officer);
