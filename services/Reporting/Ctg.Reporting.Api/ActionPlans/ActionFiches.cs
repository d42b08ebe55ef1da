using Ctg.Reporting.AoCompliance;
using Ctg.Reporting.ConventionDocuments;
using Ctg.Reporting.Shared;
using Ctg.Reporting.V1;

namespace Ctg.Reporting.ActionPlans;

/// <summary>
/// The fiches of an action plan with where each stands: the plan signatories published gives every fiche (the
/// seeds' plans have no follow-up yet, and a fiche nobody reported on is still part of the plan); a follow-up
/// recorded for an action gives its latest status, which wins over the status written in the plan.
/// </summary>
public static class ActionFiches
{
    /// <summary>The order of the status counts: the way a fiche goes, then the fiches without a status.</summary>
    private static readonly string[] StatusOrder = ["NotStarted", "InProgress", "Delayed", "Done", "Abandoned", ""];

    public static IReadOnlyList<ActionFiche> Build(ActionPlanDocument? plan, IReadOnlyList<ActionRow> followUps)
    {
        var latest = followUps.ToDictionary(a => a.ActionId, StringComparer.Ordinal);
        var fiches = new List<ActionFiche>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var axis in plan?.Axes ?? [])
        {
            foreach (var objective in axis.Objectives ?? [])
            {
                foreach (var action in objective.Actions ?? [])
                {
                    if (string.IsNullOrEmpty(action.ActionId) || !seen.Add(action.ActionId))
                    {
                        continue;
                    }

                    var fiche = new ActionFiche
                    {
                        ActionId = action.ActionId,
                        Title = action.Title ?? "",
                        AxisId = axis.AxisId ?? "",
                        AxisTitle = axis.Title ?? "",
                        ObjectiveTitle = objective.Title ?? "",
                        Pilot = action.Pilot ?? "",
                        Status = action.CurrentStatus ?? "",
                    };
                    if (ProtoMapping.ToDate(action.Deadline) is { } deadline)
                    {
                        fiche.Deadline = deadline;
                    }

                    if (latest.TryGetValue(action.ActionId, out var followUp))
                    {
                        Apply(fiche, followUp);
                    }

                    fiche.Indicators.AddRange((action.Indicators ?? []).Select(i =>
                    {
                        var indicator = new FicheIndicator { Name = i.Name ?? "", Unit = i.Unit ?? "", TargetYear = i.TargetYear ?? 0 };
                        if (i.Baseline is { } baseline) indicator.Baseline = baseline;
                        if (i.Target is { } target) indicator.Target = target;
                        return indicator;
                    }));
                    fiches.Add(fiche);
                }
            }
        }

        // Actions a follow-up named that the plan (or a plan not received) does not list.
        foreach (var followUp in followUps.Where(a => !seen.Contains(a.ActionId)))
        {
            var fiche = new ActionFiche { ActionId = followUp.ActionId, Title = followUp.Title, AxisId = followUp.AxisId, Pilot = followUp.Pilot };
            Apply(fiche, followUp);
            fiches.Add(fiche);
        }

        return fiches
            .OrderBy(f => f.AxisId, StringComparer.Ordinal)
            .ThenBy(f => f.ActionId, StringComparer.Ordinal)
            .ToList();
    }

    public static IEnumerable<ActionStatusCount> Counts(IReadOnlyList<ActionFiche> fiches) =>
        fiches.GroupBy(f => Canonical(f.Status), StringComparer.Ordinal)
            .OrderBy(g => Array.IndexOf(StatusOrder, g.Key) is var i and >= 0 ? i : StatusOrder.Length)
            .ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new ActionStatusCount { Status = g.Key, Actions = g.Count() });

    private static void Apply(ActionFiche fiche, ActionRow followUp)
    {
        fiche.Status = Canonical(followUp.Status);
        fiche.StatusYear = (int)followUp.Year;
        fiche.StatusQuarter = (int)followUp.Quarter;
    }

    /// <summary>Statuses as signatories writes them in its events ("InProgress", "ACTION_STATUS_IN_PROGRESS",
    /// "in_progress"), as the one code the contract documents.</summary>
    public static string Canonical(string? status) => AoCompetenceCode.Squash(status ?? "") switch
    {
        "" => "",
        "notstarted" or "actionstatusnotstarted" => "NotStarted",
        "inprogress" or "actionstatusinprogress" => "InProgress",
        "done" or "completed" or "actionstatusdone" => "Done",
        "delayed" or "late" or "actionstatusdelayed" => "Delayed",
        "abandoned" or "actionstatusabandoned" => "Abandoned",
        _ => status!,
    };
}
