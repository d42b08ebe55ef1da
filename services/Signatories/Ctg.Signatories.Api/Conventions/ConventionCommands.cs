using Ctg.Signatories.Competences;
using Ctg.Signatories.Shared;
using Ctg.Signatories.V1;
using Date = Ctg.Common.V1.Date;

namespace Ctg.Signatories.Conventions;

// The commands of a convention as the domain takes them: the endpoints map the generated request types to
// these (Shared/CommandMapping.cs), so the aggregate does not depend on the shape of a gRPC request (its
// convention id and expected version belong to the store). Field violations still name the request's
// fields, which these records keep one for one. Parts of the convention (Territory, Period, CompetenceScope)
// are the stored messages the aggregate keeps; like the generated properties they may be null (absent in the request).

public sealed record CreateDraftCommand(
    string ConventionId, string CafDepartement, string Name, Territory Territory, Period Period, IReadOnlyList<FieldOfIntervention> Fields);

public sealed record TerminateCommand(TerminationKind Kind, Date NotifiedOn, string Reason, string RequestedBySignatoryId);

public sealed record GrantCompetenceCommand(
    string CompetenceId, CompetenceScopeEntry? Scope, string SignatoryId, IReadOnlyList<string> CommuneInseeCodes, Date EffectiveOn);

public sealed record TransferCompetenceCommand(
    string CompetenceId, CompetenceScopeEntry? Scope, string CommuneInseeCode, string ToSignatoryId, TransferExtent Extent, string PartialScope, Date EffectiveOn);

public sealed record DeclareAoMeasureCommand(
    string MeasureId, AoMeasureKind Kind, IReadOnlyList<string> CommuneInseeCodes, Date InPlaceFrom, string SignatoryId, string Description);

public sealed record AddSignatoryCommand(Signatory Signatory);

public sealed record RecordDeliberationCommand(string SignatoryId, Deliberation? Deliberation);

public sealed record SignCommand(string SignatoryId, Date? SignedOn);

public sealed record AmendCommand(Amendment? Amendment);
