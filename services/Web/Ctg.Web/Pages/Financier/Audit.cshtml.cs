using Ctg.Web.Auditing;
using Ctg.Web.Platform;
using Ctg.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Ctg.Web.Pages.Financier;

/// <summary>The audit trail of a convention, a structure or a run (auditors and administrators): one timeline,
/// oldest first, merged from the four services' logs (each keeps its own ctg.audit.v1.AuditLog), 50 records a
/// page, the next page given by one cursor over the four logs.</summary>
public sealed class AuditModel(CtgClients clients) : PageModel
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true, Name = "cible")] public string Target { get; set; } = "";
    [BindProperty(SupportsGet = true, Name = "suite")] public string? NextToken { get; set; }

    public IReadOnlyList<TimelineEntry> Entries { get; private set; } = [];
    public int Total { get; private set; }
    public string NextPage { get; private set; } = "";
    public bool Searched { get; private set; }
    public bool IsLaterPage { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!WebUser.From(User).IsAuditor) return Forbid();
        Target = Target.Trim();
        if (Target.Length == 0) return Page();
        if (AuditTimeline.Decode(NextToken) is null) return BadRequest();
        var page = await new AuditTimeline(clients.Audit).PageAsync(Target, NextToken, PageSize, cancellationToken);
        Searched = true;
        Entries = page.Entries;
        Total = page.Total;
        NextPage = page.NextPageToken;
        IsLaterPage = !string.IsNullOrEmpty(NextToken);
        return Page();
    }
}
