using Ctg.Signatories.ActionPlans;
using Ctg.Signatories.V1;

namespace Ctg.Signatories.Shared;

/// <summary>The action plan's requests as the domain's commands.</summary>
public static partial class CommandMapping
{
    public static AddAxisCommand ToCommand(this AddAxisRequest r) => new(r.AxisId, r.Title);

    public static AddObjectiveCommand ToCommand(this AddObjectiveRequest r) =>
        new(r.AxisId, r.ObjectiveId, r.Title, r.Level, r.ParentObjectiveId, r.Source, [.. r.Indicators]);

    public static AddActionCommand ToCommand(this AddActionRequest r) => new(r.ObjectiveId, r.Action);

    public static RecordActionStatusCommand ToCommand(this RecordActionStatusRequest r) => new(r.ActionId, r.Update);

    public static RecordReviewCommand ToCommand(this RecordReviewRequest r) => new(r.Review);
}
