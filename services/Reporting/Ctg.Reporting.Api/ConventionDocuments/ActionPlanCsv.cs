using Ctg.Reporting.Exports;
using Ctg.Reporting.Shared;

using static Ctg.Reporting.ConventionDocuments.FrenchLabels;

namespace Ctg.Reporting.ConventionDocuments;

/// <summary>The action plan as CSV lines: one per fiche action and indicator (an action without indicators,
/// or an objective without actions, still gets its line). Figures the source does not give read
/// "non renseigné"; given figures are French numbers a spreadsheet reads as numbers.</summary>
public static class ActionPlanCsv
{
    public static readonly string[] Header =
    [
        "Axe", "Objectif", "Niveau", "Action", "Pilote", "Partenaires", "Public visé", "Moyens humains", "Fréquence de suivi",
        "Critères d'évaluation", "Échéancier", "Échéance", "État", "Indicateur", "Unité", "Valeur de départ", "Cible", "Année cible",
    ];

    public static IEnumerable<string?[]> Lines(ActionPlanDocument plan)
    {
        yield return Header;
        foreach (var axis in plan.Axes ?? [])
        {
            foreach (var objective in axis.Objectives ?? [])
            {
                var level = objective.Level switch { "General" => "objectif général", "Specific" => "objectif spécifique", _ => NotGiven };
                var actions = objective.Actions ?? [];
                if (actions.Count == 0)
                {
                    foreach (var indicator in OrNone(objective.Indicators))
                    {
                        yield return [axis.Title, objective.Title, level, NotGiven, NotGiven, NotGiven, NotGiven, NotGiven, NotGiven, NotGiven,
                            NotGiven, NotGiven, NotGiven, .. Indicator(indicator)];
                    }

                    continue;
                }

                foreach (var action in actions)
                {
                    foreach (var indicator in OrNone(action.Indicators))
                    {
                        yield return
                        [
                            axis.Title, objective.Title, level, action.Title, Text(action.Pilot),
                            action.Partners is { Count: > 0 } partners ? string.Join(", ", partners) : NotGiven,
                            Text(action.TargetPublic), Text(action.HumanResources), Text(action.FollowUpFrequency),
                            action.EvaluationCriteria is { Count: > 0 } criteria ? string.Join(" ; ", criteria) : NotGiven,
                            Text(action.Schedule), Date(action.Deadline), Status(action.CurrentStatus), .. Indicator(indicator),
                        ];
                    }
                }
            }
        }
    }

    private static IEnumerable<PlanIndicatorDocument?> OrNone(IReadOnlyList<PlanIndicatorDocument>? indicators)
    {
        if (indicators is not { Count: > 0 })
        {
            yield return null;
            yield break;
        }

        foreach (var indicator in indicators)
        {
            yield return indicator;
        }
    }

    private static string?[] Indicator(PlanIndicatorDocument? indicator) => indicator is null
        ? [NotGiven, NotGiven, NotGiven, NotGiven, NotGiven]
        :
        [
            indicator.Name, Text(indicator.Unit),
            indicator.Baseline is { } b ? FrenchCsv.Number(b) : NotGiven,
            indicator.Target is { } t ? FrenchCsv.Number(t) : NotGiven,
            indicator.TargetYear?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? NotGiven,
        ];
}
