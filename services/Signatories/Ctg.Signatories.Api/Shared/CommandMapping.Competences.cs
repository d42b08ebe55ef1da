using Ctg.Signatories.Competences;
using Ctg.Signatories.Conventions;
using Ctg.Signatories.V1;

namespace Ctg.Signatories.Shared;

/// <summary>The competences' requests as the domain's commands.</summary>
public static partial class CommandMapping
{
    public static GrantCompetenceCommand ToCommand(this GrantCompetenceRequest r) =>
        new(r.CompetenceId, r.Scope?.ToEntry(), r.SignatoryId, [.. r.CommuneInseeCodes], r.EffectiveOn);

    public static TransferCompetenceCommand ToCommand(this TransferCompetenceRequest r) =>
        new(r.CompetenceId, r.Scope?.ToEntry(), r.CommuneInseeCode, r.ToSignatoryId, r.Extent, r.PartialScope, r.EffectiveOn);

    public static DeclareAoMeasureCommand ToCommand(this DeclareAoMeasureRequest r) =>
        new(r.MeasureId, r.Kind, [.. r.CommuneInseeCodes], r.InPlaceFrom, r.SignatoryId, r.Description);

    /// <summary>A scope of a command or of a question (the read side asks with the request's scope too).</summary>
    public static CompetenceScopeEntry ToEntry(this CompetenceScope s) => new(s.Field, s.AoCompetence);
}
