using Ctg.Signatories.Conventions;
using Ctg.Signatories.Shared;
using Ctg.Signatories.V1;
using Date = Ctg.Common.V1.Date;

namespace Ctg.Signatories.Import;

// An import as the domain takes it (Shared/CommandMapping.cs maps the request): each convention is what the unit
// commands would be given, in the order they would run.

public sealed record ImportedSignatory(SignatoryEntry Signatory, Date? SignedOn);

public sealed record ImportConventionCommand(
    CreateDraftCommand Draft,
    IReadOnlyList<ImportedSignatory> Signatories,
    IReadOnlyList<GrantCompetenceCommand> Grants,
    IReadOnlyList<TransferCompetenceCommand> Transfers);

public sealed record ImportConventionsCommand(IReadOnlyList<ImportConventionCommand> Conventions, bool SkipExisting);
