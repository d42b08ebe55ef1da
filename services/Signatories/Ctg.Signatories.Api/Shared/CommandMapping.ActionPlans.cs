using Ctg.Signatories.ActionPlans;
using Ctg.Signatories.V1;

namespace Ctg.Signatories.Shared;

/// <summary>The action plan's requests as the domain's commands.</summary>
public static partial class CommandMapping
{
    public static AddAxisCommand ToCommand(this AddAxisRequest r) => new(r.AxisId, r.Title);

    public static AddObjectiveCommand ToCommand(this AddObjectiveRequest r) =>
        new(r.AxisId, r.ObjectiveId, r.Title, r.Level, r.ParentObjectiveId, r.Source, [.. r.Indicators.Select(ToEntry)]);

    public static AddActionCommand ToCommand(this AddActionRequest r) => new(r.ObjectiveId, r.Action?.ToEntry());

    public static RecordActionStatusCommand ToCommand(this RecordActionStatusRequest r) => new(r.ActionId, r.Update?.ToEntry());

    public static RecordReviewCommand ToCommand(this RecordReviewRequest r) => new(r.Review?.ToEntry());

    public static ActionSheetEntry ToEntry(this ActionSheet a) => new(
        a.ActionId, a.Title, a.Pilot, [.. a.Partners], a.TargetPublic, a.Deadline, [.. a.Indicators.Select(ToEntry)],
        [.. a.StatusUpdates.Select(ToEntry)], a.CurrentStatus, a.Content, a.ServiceOffer, a.HumanResources, a.FollowUpFrequency,
        a.EvaluationPeriodicity, [.. a.EvaluationCriteria], a.Schedule, a.InitialDiagnosis, a.OperationalObjectives, a.Implementation,
        a.ExpectedResults, a.Source);

    public static IndicatorEntry ToEntry(this Indicator i) => new(
        i.IndicatorId, i.Name, i.Unit, i.HasBaseline ? i.Baseline : null, i.HasTarget ? i.Target : null, i.TargetYear, i.Source);

    public static ActionStatusUpdateEntry ToEntry(this ActionStatusUpdate u) => new(
        u.Year, u.Quarter, u.Status, u.Comment, [.. u.IndicatorValues.Select(v => new IndicatorMeasure(v.IndicatorId, v.Value))], u.RecordedOn);

    public static ReviewEntry ToEntry(this Review r) => new(r.Kind, r.HeldOn, r.Summary);
}
