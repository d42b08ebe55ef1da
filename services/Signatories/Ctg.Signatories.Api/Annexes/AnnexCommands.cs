using Ctg.Signatories.Shared;
using Ctg.Signatories.V1;

namespace Ctg.Signatories.Annexes;

// The annex commands as the aggregate takes them (Shared/CommandMapping.cs maps the requests); the convention id and
// expected version belong to the store. Null = absent.

public sealed record SetCapacityProjectionCommand(CapacityProjectionEntry? Projection);

public sealed record RecordCoFinancingCommand(CoFinancingEntry? Entry);

public sealed record RecordCoordinationPostCommand(CoordinationPostEntry? Post);

// Null = the request leaves that clause unset (no renewal link, the model's notice periods, no schéma stand-in).
public sealed record SetTermsCommand(RenewalEntry? Renewal, TerminationTermsEntry? TerminationTerms, SchemaStandInEntry? SchemaStandIn);

/// <summary>The convention a CTG renews, field for field the request's <c>renewal</c>: an empty id when the renewed
/// convention is not on the platform, a start year of 0 "non renseigné".</summary>
public sealed record RenewalEntry(string RenewsConventionId, string Description, int RenewedStartYear, string Source);

/// <summary>The convention's own notice periods, field for field the request's <c>termination_terms</c>: a null
/// period is one the convention does not give (the CNAF model's applies).</summary>
public sealed record TerminationTermsEntry(int? DenunciationNoticeMonths, int? FormalNoticeMonths, bool ExpressRenewalOnly, string Source);

/// <summary>Whether the CTG states that it stands in for the schéma pluriannuel, field for field the request's
/// <c>schema_stand_in</c>.</summary>
public sealed record SchemaStandInEntry(bool StandsIn, string Source);

/// <summary>A co-financing line as the caller gives it, field for field the request's <c>entry</c> (the violations
/// name those fields): an empty string is "not given", a null figure "non renseigné". Amounts in euro cents.</summary>
public sealed record CoFinancingEntry(
    string EntryId,
    string FunderSignatoryId,
    string Beneficiary,
    string StructureId,
    int Year,
    string FinancingType,
    long? AmountCents,
    long? InKindCents,
    double? BudgetSharePercent,
    long? BudgetCents,
    int? Children,
    string Activity,
    bool Estimated,
    string Source);

/// <summary>A coordination post as the caller gives it, field for field the request's <c>post</c>: a null figure is
/// "non renseigné". Amounts in euro cents.</summary>
public sealed record CoordinationPostEntry(
    string PostId,
    string SignatoryId,
    string Description,
    int Year,
    double? Fte,
    long? AnnualCostCents,
    long? CafFundingCents,
    double? CafSharePercent,
    string Source);

/// <summary>A line of the projection table (annexe of the 2025 model) as the caller gives it, field for field the
/// request's <c>projection</c>: an empty string is "not given", a null figure "non renseigné". The mode is the
/// contract's enumeration.</summary>
public sealed record CapacityProjectionEntry(
    string ProjectionId,
    string AuthoritySignatoryId,
    CareMode Mode,
    string Zone,
    IReadOnlyList<ProjectedYear> Years,
    string JobsAndSkills,
    double? VacantFte,
    double? FteToCreate,
    string OtherNeeds,
    IReadOnlyList<PlannedInvestment> Investments,
    string Source);

/// <summary>Places (or RPE ETP) projected for one year of the CTG.</summary>
public sealed record ProjectedYear(int Year, double? Quantity, string Source);

/// <summary>An investment project of the projection; its estimated cost in euro cents.</summary>
public sealed record PlannedInvestment(string ProjectType, string Description, long? EstimatedCostCents, string Calendar, string Engineering, string Source);
