using Ctg.Signatories.Shared;

namespace Ctg.Signatories.Import;

/// <summary>What is wrong with one convention of an import: its index, the request's field path, the message,
/// and the kind of refusal (<c>rule_violation</c>, <c>already_exists</c>, <c>access_denied</c>…).</summary>
public sealed record ImportProblem(int Index, string ConventionId, string Field, string Message, string Kind);
