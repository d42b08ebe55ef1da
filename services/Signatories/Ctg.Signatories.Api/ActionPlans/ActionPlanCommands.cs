using Ctg.Signatories.Shared;
using Ctg.Signatories.V1;

namespace Ctg.Signatories.ActionPlans;

// The commands of an action plan as the domain takes them (mapped from the requests in Shared/CommandMapping.cs).
// The fiche, the status update and the review are the stored messages the plan keeps.

public sealed record AddAxisCommand(string AxisId, string Title);

public sealed record AddObjectiveCommand(
    string AxisId, string ObjectiveId, string Title, ObjectiveLevel Level, string ParentObjectiveId, string Source, IList<Indicator> Indicators);

public sealed record AddActionCommand(string ObjectiveId, ActionSheet Action);

public sealed record RecordActionStatusCommand(string ActionId, ActionStatusUpdate Update);

public sealed record RecordReviewCommand(Review Review);
