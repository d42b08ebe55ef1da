using Ctg.Signatories.Shared;
using Ctg.Signatories.V1;

namespace Ctg.Signatories.Annexes;

// The annex commands as the aggregate takes them (Shared/CommandMapping.cs maps the requests): each carries the
// annex part the aggregate stores; the convention id and expected version belong to the store. Null = absent.

public sealed record SetCapacityProjectionCommand(CapacityProjection? Projection);

public sealed record RecordCoFinancingCommand(CoFinancing? Entry);

public sealed record RecordCoordinationPostCommand(CoordinationPost? Post);

public sealed record SetTermsCommand(Renewal? Renewal, TerminationTerms? TerminationTerms, SchemaStandIn? SchemaStandIn);
