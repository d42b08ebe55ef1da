using Ctg.Signatories.V1;

namespace Ctg.Signatories.Competences;

/// <summary>What a competence covers, as the caller gives it, field for field the request's <c>scope</c> (the violations
/// name those fields): a field of intervention, and one AO competence of it or <see cref="AoCompetence.Unspecified"/> for
/// the whole field. The enumerations are the contract's; <see cref="CompetenceResolver.Normalize"/> gives an AO competence
/// without its field the field petite enfance.</summary>
public sealed record CompetenceScopeEntry(FieldOfIntervention Field, AoCompetence AoCompetence);
