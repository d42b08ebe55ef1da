using Ctg.Signatories.Shared;
using Ctg.Signatories.V1;

namespace Ctg.Signatories.Annexes;

// The annex commands as the aggregate takes them (Shared/CommandMapping.cs maps the requests); the convention id and
// expected version belong to the store. Null = absent.

// A projection and the terms are still the stored messages, carried as they are (see the service README).
public sealed record SetCapacityProjectionCommand(CapacityProjection? Projection);

public sealed record RecordCoFinancingCommand(CoFinancingEntry? Entry);

public sealed record RecordCoordinationPostCommand(CoordinationPostEntry? Post);

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
