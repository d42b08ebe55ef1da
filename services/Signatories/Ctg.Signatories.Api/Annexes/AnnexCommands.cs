using Ctg.Signatories.Shared;
using Ctg.Signatories.V1;

namespace Ctg.Signatories.Annexes;

// The annex commands as the aggregate takes them (Shared/CommandMapping.cs maps the requests); the convention id and
// expected version belong to the store. Null = absent.

public sealed record SetCapacityProjectionCommand(CapacityProjectionEntry? Projection);

public sealed record RecordCoFinancingCommand(CoFinancingEntry? Entry);

public sealed record RecordCoordinationPostCommand(CoordinationPostEntry? Post);

// The terms are still the stored messages, carried as they are (see the service README).
public sealed record SetTermsCommand(Renewal? Renewal, TerminationTerms? TerminationTerms, SchemaStandIn? SchemaStandIn);

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
