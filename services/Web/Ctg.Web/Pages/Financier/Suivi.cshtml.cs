using Ctg.Reporting.V1;
using Ctg.Web.Platform;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Ctg.Web.Pages.Financier;

/// <summary>The follow-up of a convention from the reporting service: the communes whose obligations as
/// autorité organisatrice are not met today, and the action plan's progress axis by axis. The reporting
/// service answers whole lists: the page shows them 50 communes at a time.</summary>
public sealed class SuiviModel(CtgClients clients) : PageModel
{
    public const int PageSize = 50;

    public string ConventionId { get; private set; } = "";
    public ListAoComplianceAlertsResponse Alerts { get; private set; } = new();
    public IReadOnlyList<CommuneCompliance> Communes { get; private set; } = [];
    public ActionPlanProgress Plan { get; private set; } = new();
    public int PageNumber { get; private set; } = 1;
    public int PageCount { get; private set; } = 1;

    public async Task OnGetAsync(string id, int page = 1)
    {
        ConventionId = id;
        var alertsCall = clients.Reporting.ListAoComplianceAlertsAsync(new ListAoComplianceAlertsRequest { ConventionId = id }).ResponseAsync;
        var planCall = clients.Reporting.GetActionPlanProgressAsync(new GetActionPlanProgressRequest { ConventionId = id }).ResponseAsync;
        Alerts = await alertsCall;
        Plan = await planCall;
        PageCount = Math.Max(1, (Alerts.Communes.Count + PageSize - 1) / PageSize);
        PageNumber = Math.Clamp(page, 1, PageCount);
        Communes = Alerts.Communes.Skip((PageNumber - 1) * PageSize).Take(PageSize).ToList();
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
