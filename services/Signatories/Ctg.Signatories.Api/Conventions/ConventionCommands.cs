using Ctg.Signatories.Competences;
using Ctg.Signatories.Shared;
using Ctg.Signatories.V1;
using Date = Ctg.Common.V1.Date;

namespace Ctg.Signatories.Conventions;

// The commands of a convention as the domain takes them: the endpoints map the generated request types to
// these (Shared/CommandMapping.cs), so the aggregate does not depend on the shape of a gRPC request (its
// convention id and expected version belong to the store). Field violations still name the request's
// fields, which these records keep one for one; null = absent in the request.

public sealed record CreateDraftCommand(
    string ConventionId, string CafDepartement, string Name, TerritoryEntry? Territory, PeriodEntry? Period, IReadOnlyList<FieldOfIntervention> Fields);

public sealed record TerminateCommand(TerminationKind Kind, Date NotifiedOn, string Reason, string RequestedBySignatoryId);

public sealed record GrantCompetenceCommand(
    string CompetenceId, CompetenceScopeEntry? Scope, string SignatoryId, IReadOnlyList<string> CommuneInseeCodes, Date EffectiveOn);

public sealed record TransferCompetenceCommand(
    string CompetenceId, CompetenceScopeEntry? Scope, string CommuneInseeCode, string ToSignatoryId, TransferExtent Extent, string PartialScope, Date EffectiveOn);

public sealed record DeclareAoMeasureCommand(
    string MeasureId, AoMeasureKind Kind, IReadOnlyList<string> CommuneInseeCodes, Date InPlaceFrom, string SignatoryId, string Description);

public sealed record AddSignatoryCommand(SignatoryEntry Signatory);

public sealed record RecordDeliberationCommand(string SignatoryId, DeliberationEntry? Deliberation);

public sealed record SignCommand(string SignatoryId, Date? SignedOn);

public sealed record AmendCommand(AmendmentEntry? Amendment);

/// <summary>A commune as the caller gives it (in a territory, an avenant or a syndicate's members), field for field
/// the request's commune: a null population is "non renseigné", a population year of 0 unknown.</summary>
public sealed record CommuneEntry(string InseeCode, string Name, long? LegalPopulation, int PopulationYear);

/// <summary>The communes of a draft, as the request's <c>territory</c> lists them.</summary>
public sealed record TerritoryEntry(IReadOnlyList<CommuneEntry> Communes);

/// <summary>The period of a draft. The dates stay the wire dates, because an impossible one is a violation of the
/// aggregate's checks among the others, not a failure before them.</summary>
public sealed record PeriodEntry(Date? Start, Date? End);

/// <summary>A person who signs for a signatory; <paramref name="FullName"/> is empty when the source does not name them.</summary>
public sealed record RepresentativeEntry(string FullName, string Role);

/// <summary>A deliberation as the caller gives it, field for field the request's <c>deliberation</c>: a count of 0
/// is "not given by the source"; the date stays the wire date (see <see cref="PeriodEntry"/>).</summary>
public sealed record DeliberationEntry(
    string Body,
    Date? Date,
    string Number,
    int MembersInOffice,
    int MembersPresent,
    int MembersRepresented,
    int VotesFor,
    int VotesAgainst,
    int VotesAbstaining);

/// <summary>A party as the caller gives it, field for field the request's <c>signatory</c>: an empty string is "not
/// given", a null deliberation not yet recorded. <paramref name="SignedOn"/> is kept so that the rules can refuse it
/// (a party signs with SignConvention); the kind is the contract's enumeration.</summary>
public sealed record SignatoryEntry(
    string SignatoryId,
    string Name,
    SignatoryKind Kind,
    string CommuneInseeCode,
    IReadOnlyList<RepresentativeEntry> Representatives,
    DeliberationEntry? Deliberation,
    Date? SignedOn,
    string Siren,
    IReadOnlyList<CommuneEntry> MemberCommunes);

/// <summary>An avenant as the caller gives it, field for field the request's <c>amendment</c>: a null new end keeps
/// the end, an empty new name the name; the dates stay the wire dates (see <see cref="PeriodEntry"/>).</summary>
public sealed record AmendmentEntry(
    int Number,
    Date? Dated,
    Date? EffectiveOn,
    string Description,
    IReadOnlyList<CommuneEntry> CommunesAdded,
    IReadOnlyList<string> CommunesRemoved,
    IReadOnlyList<CommuneEntry> CommunesUpdated,
    IReadOnlyList<FieldOfIntervention> FieldsAdded,
    IReadOnlyList<FieldOfIntervention> FieldsRemoved,
    Date? NewEnd,
    string NewName);
