using Ctg.Signatories.Domain;
using Ctg.Signatories.V1;

namespace Ctg.Signatories.Grpc;

/// <summary>The generated request types as the domain's commands: the one place that knows both shapes.
/// Demo data, written as requests, goes through the same mapping.</summary>
public static class CommandMapping
{
    public static CreateDraftCommand ToCommand(this CreateConventionDraftRequest r) =>
        new(r.ConventionId, r.CafDepartement, r.Name, r.Territory, r.Period, [.. r.Fields]);

    public static TerminateCommand ToCommand(this TerminateConventionRequest r) =>
        new(r.Kind, r.NotifiedOn, r.Reason, r.RequestedBySignatoryId);

    public static GrantCompetenceCommand ToCommand(this GrantCompetenceRequest r) =>
        new(r.CompetenceId, r.Scope, r.SignatoryId, [.. r.CommuneInseeCodes], r.EffectiveOn);

    public static TransferCompetenceCommand ToCommand(this TransferCompetenceRequest r) =>
        new(r.CompetenceId, r.Scope, r.CommuneInseeCode, r.ToSignatoryId, r.Extent, r.PartialScope, r.EffectiveOn);

    public static DeclareAoMeasureCommand ToCommand(this DeclareAoMeasureRequest r) =>
        new(r.MeasureId, r.Kind, [.. r.CommuneInseeCodes], r.InPlaceFrom, r.SignatoryId, r.Description);

    public static AddAxisCommand ToCommand(this AddAxisRequest r) => new(r.AxisId, r.Title);

    public static AddObjectiveCommand ToCommand(this AddObjectiveRequest r) =>
        new(r.AxisId, r.ObjectiveId, r.Title, r.Level, r.ParentObjectiveId, r.Source, [.. r.Indicators]);

    public static AddActionCommand ToCommand(this AddActionRequest r) => new(r.ObjectiveId, r.Action);

    public static RecordActionStatusCommand ToCommand(this RecordActionStatusRequest r) => new(r.ActionId, r.Update);

    public static RecordReviewCommand ToCommand(this RecordReviewRequest r) => new(r.Review);
}
