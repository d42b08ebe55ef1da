using Ctg.Reporting.V1;
using Ctg.Web.Platform;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Ctg.Web.Pages.Financier;

/// <summary>The follow-up of a convention from the reporting service: the communes whose obligations as
/// autorité organisatrice are not met today (50 communes a page, paged by the service), and the action plan:
/// every fiche with its axis, pilot, indicators and latest status, the counts per status, and the indicators'
/// recorded values axis by axis.</summary>
public sealed class SuiviModel(CtgClients clients) : PageModel
{
    public const int PageSize = 50;

    public string ConventionId { get; private set; } = "";
    public ListAoComplianceAlertsResponse Alerts { get; private set; } = new();
    public ActionPlanProgress Plan { get; private set; } = new();
    /// <summary>The service's token of the next page of communes; empty on the last page.</summary>
    public string NextPageToken { get; private set; } = "";
    public bool IsLaterPage { get; private set; }
    /// <summary>How many communes have at least one alert, across every page.</summary>
    public int CommunesWithAlerts { get; private set; }

    public async Task OnGetAsync(string id, string? suite = null)
    {
        ConventionId = id;
        var alertsCall = clients.Reporting.ListAoComplianceAlertsAsync(new ListAoComplianceAlertsRequest
        {
            ConventionId = id,
            Page = new Ctg.Common.V1.PageRequest { PageSize = PageSize, PageToken = suite ?? "" },
        }).ResponseAsync;
        var planCall = clients.Reporting.GetActionPlanProgressAsync(new GetActionPlanProgressRequest { ConventionId = id }).ResponseAsync;
        Alerts = await alertsCall;
        Plan = await planCall;
        NextPageToken = Alerts.Page?.NextPageToken ?? "";
        CommunesWithAlerts = Alerts.Page?.TotalSize ?? Alerts.Communes.Count;
        IsLaterPage = !string.IsNullOrEmpty(suite);
    }

    /// <summary>A fiche's status as the plan's readers say it: one not started, or nobody reported on, is to be started.</summary>
    public static string Status(string status) => status switch
    {
        "" or "NotStarted" => "à engager",
        "InProgress" => "en cours",
        "Done" => "réalisée",
        "Delayed" => "en retard",
        "Abandoned" => "abandonnée",
        _ => status,
    };

    /// <summary>An axis by its title in the plan; its id only when no fiche of the plan names it.</summary>
    public static string AxisTitle(ActionPlanProgress plan, string axisId) =>
        plan.Actions.FirstOrDefault(f => f.AxisId == axisId && f.AxisTitle.Length > 0)?.AxisTitle ?? axisId;

    /// <summary>A fiche by its title; its id only when the plan does not give one.</summary>
    public static string FicheTitle(ActionPlanProgress plan, string actionId) =>
        plan.Actions.FirstOrDefault(f => f.ActionId == actionId && f.Title.Length > 0)?.Title ?? actionId;

    /// <summary>"19 à engager, 2 en cours".</summary>
    public static string Counts(IEnumerable<ActionStatusCount> counts) =>
        string.Join(", ", counts.GroupBy(c => Status(c.Status)).Select(g => $"{g.Sum(c => c.Actions)} {g.Key}"));

    /// <summary>An indicator as the plan sets it: "Taux d'occupation (%) : de 60 à 75 en 2022"; what the plan
    /// does not give is not invented.</summary>
    public static string Indicator(FicheIndicator i)
    {
        var unit = string.IsNullOrEmpty(i.Unit) ? "" : $" ({i.Unit})";
        var from = i.HasBaseline ? $"de {Number(i.Baseline)}" : "";
        var to = i.HasTarget ? $"{(from.Length > 0 ? " à " : "cible ")}{Number(i.Target)}" : "";
        var year = i.TargetYear > 0 ? $" en {i.TargetYear}" : "";
        var figures = from + to + year;
        return figures.Length == 0 ? i.Name + unit : $"{i.Name}{unit} : {figures.Trim()}";
    }

    public static string Obligation(string code) => code switch
    {
        "recenser_besoins" => "Recenser les besoins d'accueil du jeune enfant",
        "informer_accompagner" => "Informer et accompagner les familles",
        "planifier" => "Planifier le développement des modes d'accueil",
        "soutenir_qualite" => "Soutenir la qualité des modes d'accueil",
        "relais_petite_enfance" => "Disposer d'un relais petite enfance",
        _ => code,
    };

    public static string Percent(double share) => (share * 100).ToString("0", Ctg.Presentation.Formatting.French.Culture) + "\u00A0%";

    public static string Number(double value) => value.ToString("#,0.##", Ctg.Presentation.Formatting.French.Culture);
}
