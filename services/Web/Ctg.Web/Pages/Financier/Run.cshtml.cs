using Ctg.Funding.V1;
using Ctg.Web.Errors;
using Ctg.Web.Platform;
using Ctg.Web.Security;
using Grpc.Core;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Ctg.Web.Pages.Financier;

/// <summary>An allocation run: groups per collectivity and kind, each structure's share against its CEJ
/// reference, a chart of gains and losses, and approval for approvers (four-eyes decided by the service,
/// its refusal shown on the page).</summary>
public sealed class RunModel(CtgClients clients) : PageModel
{
    public AllocationRun Run { get; private set; } = new();
    public string? ApprovalError { get; private set; }
    public string? ApprovalMessage { get; private set; }

    [BindProperty(Name = "confirme")] public bool Confirmed { get; set; }

    public async Task OnGetAsync(string id) =>
        Run = await clients.Runs.GetRunAsync(new GetRunRequest { RunId = id });

    public async Task<IActionResult> OnPostApproveAsync(string id)
    {
        if (!WebUser.From(User).IsApprover) return Redirect("/Erreur/403");
        if (!Confirmed)
        {
            ApprovalError = "Cochez la confirmation pour valider ce calcul.";
        }
        else
        {
            try
            {
                Run = await clients.Runs.ApproveRunAsync(new ApproveRunRequest { RunId = id, ApprovedBy = WebUser.From(User).DisplayName });
                TempData["message"] = "Calcul validé.";
                return Redirect($"/financier/calculs/{Uri.EscapeDataString(id)}");
            }
            catch (RpcException e) when (e.StatusCode is Grpc.Core.StatusCode.PermissionDenied or Grpc.Core.StatusCode.FailedPrecondition)
            {
                var error = ServiceErrors.Describe(e);
                ApprovalError = (e.StatusCode == Grpc.Core.StatusCode.PermissionDenied
                    ? "Validation refusée par le service des financements : vous ne pouvez pas valider ce calcul (un calcul est validé par un autre ordonnateur que celui qui l'a demandé)."
                    : "Validation impossible : " + error.Message) + (error.ServiceMessage is null ? "" : $" Motif : {error.ServiceMessage}");
            }
        }
        Run = await clients.Runs.GetRunAsync(new GetRunRequest { RunId = id });
        return Page();
    }

    public string CollectivityName(string id) =>
        Run.Groups.FirstOrDefault(g => g.CollectivityId == id)?.CollectivityName is { Length: > 0 } name ? name : id;
}
