using Ctg.Signatories.Conventions;
using Ctg.Signatories.V1;

namespace Ctg.Signatories.Shared;

/// <summary>The competences' requests as the domain's commands.</summary>
public static partial class CommandMapping
{
    public static GrantCompetenceCommand ToCommand(this GrantCompetenceRequest r) =>
        new(r.CompetenceId, r.Scope, r.SignatoryId, [.. r.CommuneInseeCodes], r.EffectiveOn);

    public static TransferCompetenceCommand ToCommand(this TransferCompetenceRequest r) =>
        new(r.CompetenceId, r.Scope, r.CommuneInseeCode, r.ToSignatoryId, r.Extent, r.PartialScope, r.EffectiveOn);

    public static DeclareAoMeasureCommand ToCommand(this DeclareAoMeasureRequest r) =>
        new(r.MeasureId, r.Kind, [.. r.CommuneInseeCodes], r.InPlaceFrom, r.SignatoryId, r.Description);
}
