using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Ctg.Reporting.Shared;
using Ctg.Reporting.V1;
using static Ctg.Reporting.ConventionDocuments.FrenchLabels;

namespace Ctg.Reporting.ConventionDocuments;

/// <summary>The COPIL report of an action plan: one self-contained French HTML page (styles inline, nothing
/// fetched), every text HTML-encoded since it comes from what people typed. Sections: the plan's axes with
/// their objectives and fiches action, the indicators, the reviews, then the governance calendar's alerts.</summary>
public static class CopilReportBuilder
{
    public static CopilReport Build(ActionPlanDocument plan, GovernanceCalendar? governance)
    {
        var html = new StringBuilder();
        var title = $"Plan d'action — {plan.ConventionName}";
        html.Append("<!DOCTYPE html>\n<html lang=\"fr\">\n<head>\n<meta charset=\"utf-8\">\n<title>").Append(E(title)).Append("</title>\n")
            .Append("<style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse;width:100%;margin-bottom:1.5em}")
            .Append("th,td{border:1px solid #999;padding:4px;vertical-align:top;text-align:left}th{background:#eee}.alerte{color:#a00}</style>\n")
            .Append("</head>\n<body>\n");
        html.Append("<h1>").Append(E(title)).Append("</h1>\n");
        html.Append("<p>Période : du ").Append(E(Date(plan.PeriodStart))).Append(" au ").Append(E(Date(plan.PeriodEnd)))
            .Append(" — version du plan : ").Append(plan.PlanVersion ?? 0).Append("</p>\n");

        foreach (var axis in plan.Axes ?? [])
        {
            html.Append("<h2>").Append(E(axis.Title)).Append("</h2>\n");
            foreach (var objective in axis.Objectives ?? [])
            {
                html.Append("<h3>").Append(E(objective.Title)).Append("</h3>\n");
                Indicators(html, objective.Indicators);
                var actions = objective.Actions ?? [];
                if (actions.Count == 0)
                {
                    continue;
                }

                html.Append("<table>\n<tr><th>Action</th><th>Pilote</th><th>Partenaires</th><th>Moyens humains</th><th>Fréquence de suivi</th>")
                    .Append("<th>Échéancier</th><th>Échéance</th><th>État</th></tr>\n");
                foreach (var action in actions)
                {
                    html.Append("<tr><td>").Append(E(action.Title)).Append("</td><td>").Append(E(Text(action.Pilot)))
                        .Append("</td><td>").Append(E(action.Partners is { Count: > 0 } p ? string.Join(", ", p) : NotGiven))
                        .Append("</td><td>").Append(E(Text(action.HumanResources))).Append("</td><td>").Append(E(Text(action.FollowUpFrequency)))
                        .Append("</td><td>").Append(E(Text(action.Schedule))).Append("</td><td>").Append(E(Date(action.Deadline)))
                        .Append("</td><td>").Append(E(Status(action.CurrentStatus))).Append("</td></tr>\n");
                }

                html.Append("</table>\n");
                foreach (var action in actions.Where(a => a.Indicators is { Count: > 0 }))
                {
                    html.Append("<p>Indicateurs de l'action « ").Append(E(action.Title)).Append(" » :</p>\n");
                    Indicators(html, action.Indicators);
                }
            }
        }

        html.Append("<h2>Bilans et points d'étape</h2>\n");
        var reviews = plan.Reviews ?? [];
        if (reviews.Count == 0)
        {
            html.Append("<p>Aucun bilan enregistré.</p>\n");
        }

        foreach (var review in reviews)
        {
            html.Append("<p><strong>").Append(E(Review(review.Kind))).Append(" du ").Append(E(Date(review.HeldOn))).Append("</strong> : ")
                .Append(E(Text(review.Summary))).Append("</p>\n");
        }

        if (governance is not null)
        {
            html.Append("<h2>Gouvernance</h2>\n");
            if (governance.Alerts.Count == 0)
            {
                html.Append("<p>Aucune instance ne s'est réunie moins souvent que prévu.</p>\n");
            }

            foreach (var alert in governance.Alerts)
            {
                html.Append("<p class=\"alerte\">").Append(E(alert.BodyName)).Append(" : ").Append(alert.MeetingsHeld)
                    .Append(" réunion(s) en ").Append(alert.Year).Append(", au moins ").Append(alert.PlannedMinMeetings).Append(" prévue(s).</p>\n");
            }
        }

        html.Append("</body>\n</html>\n");
        return new CopilReport { Html = html.ToString(), FileName = $"plan-action-{plan.ConventionId}.html" };
    }

    private static void Indicators(StringBuilder html, IReadOnlyList<PlanIndicatorDocument>? indicators)
    {
        if (indicators is not { Count: > 0 })
        {
            return;
        }

        html.Append("<table>\n<tr><th>Indicateur</th><th>Unité</th><th>Valeur de départ</th><th>Cible</th><th>Année cible</th></tr>\n");
        foreach (var indicator in indicators)
        {
            html.Append("<tr><td>").Append(E(indicator.Name)).Append("</td><td>").Append(E(Text(indicator.Unit)))
                .Append("</td><td>").Append(E(Number(indicator.Baseline))).Append("</td><td>").Append(E(Number(indicator.Target)))
                .Append("</td><td>").Append(E(indicator.TargetYear?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? NotGiven)).Append("</td></tr>\n");
        }

        html.Append("</table>\n");
    }

    /// <summary>Encodes markup characters only: accented French stays readable in the page's source.</summary>
    private static readonly HtmlEncoder Html = HtmlEncoder.Create(UnicodeRanges.All);

    private static string E(string? text) => Html.Encode(text ?? "");
}
