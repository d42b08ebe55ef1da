using Ctg.Audit.V1;
using Ctg.Common.V1;
using Ctg.Web.Formatting;
using Ctg.Web.Platform;
using Ctg.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Ctg.Web.Pages.Financier;

/// <summary>The audit trail of a convention, a structure or a run (auditors and administrators): each service
/// keeps its own log (ctg.audit.v1.AuditLog), so the page reads the one chosen, 50 records a page.</summary>
public sealed class AuditModel(CtgClients clients) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "cible")] public string Target { get; set; } = "";
    [BindProperty(SupportsGet = true, Name = "service")] public string Service { get; set; } = "signatories";
    [BindProperty(SupportsGet = true, Name = "suite")] public string? NextToken { get; set; }

    public IReadOnlyList<AuditRecord> Records { get; private set; } = [];
    public int Total { get; private set; }
    public string NextPage { get; private set; } = "";
    public bool Searched { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (!WebUser.From(User).IsAuditor) return Forbid();
        if (AuditText.Services.All(s => s.Value != Service)) Service = "signatories";
        Target = Target.Trim();
        if (Target.Length == 0) return Page();
        var response = await clients.Audit(Service).QueryAuditAsync(new QueryAuditRequest
        {
            TargetId = Target,
            Page = new PageRequest { PageSize = 50, PageToken = NextToken ?? "" },
        });
        Searched = true;
        Records = response.Records;
        Total = response.Page?.TotalSize ?? Records.Count;
        NextPage = response.Page?.NextPageToken ?? "";
        return Page();
    }
}
