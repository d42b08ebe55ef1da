using Ctg.Data;
using Ctg.Reporting.AoCompliance;
using Ctg.Reporting.ConventionDocuments;
using Ctg.Reporting.Shared;
using Ctg.Reporting.V1;
using Dapper;

namespace Ctg.Reporting.ActionPlans;

/// <summary>The CTG action plan's progress per axis and indicator (read model 5): every fiche of the action
/// plan signatories published (the action-plan-changed state kept in rm_convention_documents), with the latest
/// follow-up recorded for each action (rm_actions) as its status, and the indicators' recorded values.</summary>
public sealed class ActionPlanQueries(IDbConnectionFactory connections)
{
    /// <param name="plan">The plan as published, or null when none was received (then only follow-ups count).</param>
    public async Task<ActionPlanProgress> ProgressAsync(string conventionId, ActionPlanDocument? plan, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var actions = (await connection.QueryAsync<ActionRow>(new CommandDefinition(
            """
            SELECT action_id AS ActionId, axis_id AS AxisId, title AS Title, pilot AS Pilot, year AS Year, quarter AS Quarter, status AS Status
            FROM rm_actions WHERE convention_id = @ConventionId ORDER BY axis_id, action_id
            """,
            new { ConventionId = conventionId },
            cancellationToken: cancellationToken))).AsList();
        var indicators = (await connection.QueryAsync<IndicatorRow>(new CommandDefinition(
            """
            SELECT action_id AS ActionId, indicator_id AS IndicatorId, axis_id AS AxisId, name AS Name, unit AS Unit,
                baseline AS Baseline, target AS Target, value AS Value
            FROM rm_indicators WHERE convention_id = @ConventionId ORDER BY axis_id, action_id, indicator_id
            """,
            new { ConventionId = conventionId },
            cancellationToken: cancellationToken))).AsList();

        var progress = new ActionPlanProgress { ConventionId = conventionId };
        var last = actions.MaxBy(a => (a.Year, a.Quarter));
        if (last is not null)
        {
            progress.LastYear = (int)last.Year;
            progress.LastQuarter = (int)last.Quarter;
        }

        var fiches = ActionFiches.Build(plan, actions);
        progress.Actions.AddRange(fiches);
        progress.StatusCounts.AddRange(ActionFiches.Counts(fiches));
        foreach (var axisId in fiches.Select(f => f.AxisId).Union(indicators.Select(i => i.AxisId)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            var ofAxis = fiches.Where(f => f.AxisId == axisId).ToList();
            var axis = new AxisProgress
            {
                AxisId = axisId,
                Actions = ofAxis.Count,
                ActionsDone = ofAxis.Count(a => Classify(a.Status) == StatusClass.Done),
                ActionsInProgress = ofAxis.Count(a => Classify(a.Status) == StatusClass.InProgress),
                ActionsLate = ofAxis.Count(a => Classify(a.Status) == StatusClass.Late),
            };
            foreach (var indicator in indicators.Where(i => i.AxisId == axisId))
            {
                axis.Indicators.Add(new IndicatorProgress
                {
                    IndicatorId = indicator.IndicatorId,
                    ActionId = indicator.ActionId,
                    Name = indicator.Name,
                    Unit = indicator.Unit,
                    Baseline = indicator.Baseline,
                    Target = indicator.Target,
                    Value = indicator.Value,
                    Progress = Progress(indicator.Baseline, indicator.Target, indicator.Value),
                });
            }

            axis.IndicatorProgress = axis.Indicators.Count == 0 ? 0 : axis.Indicators.Average(i => i.Progress);
            progress.Axes.Add(axis);
        }

        return progress;
    }

    /// <summary>Share of the way from baseline to target, clamped to 0..1; works for decreasing targets too.</summary>
    public static double Progress(double baseline, double target, double value)
    {
        if (target == baseline)
        {
            return value == target ? 1 : 0;
        }

        return Math.Clamp((value - baseline) / (target - baseline), 0, 1);
    }

    private enum StatusClass { Other, Done, InProgress, Late }

    /// <summary>Statuses as signatories documents them (<c>NotStarted</c>, <c>InProgress</c>, <c>Done</c>,
    /// <c>Delayed</c>, <c>Abandoned</c>), whatever the case or separators.</summary>
    private static StatusClass Classify(string status) => AoCompetenceCode.Squash(status) switch
    {
        "done" or "completed" or "actionstatusdone" => StatusClass.Done,
        "inprogress" or "actionstatusinprogress" => StatusClass.InProgress,
        "delayed" or "late" or "actionstatusdelayed" => StatusClass.Late,
        _ => StatusClass.Other,
    };
}
