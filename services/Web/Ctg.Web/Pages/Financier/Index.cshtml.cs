using Ctg.Common.V1;
using Ctg.Signatories.V1;
using Ctg.Web.Platform;
using Ctg.Web.Security;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Ctg.Web.Pages.Financier;

/// <summary>The conventions of the staff member's CAF (every CAF for national roles), paged.</summary>
public sealed class IndexModel(CtgClients clients) : PageModel
{
    public IReadOnlyList<Convention> Conventions { get; private set; } = [];
    public int Total { get; private set; }
    public string NextPage { get; private set; } = "";
    public string? Caf { get; private set; }

    public async Task OnGetAsync(string? suite)
    {
        Caf = WebUser.From(User).Caf;
        var response = await clients.Conventions.ListConventionsAsync(new ListConventionsRequest
        {
            CafDepartement = Caf ?? "",
            Page = new PageRequest { PageSize = 50, PageToken = suite ?? "" },
        });
        Conventions = response.Conventions;
        Total = response.Page?.TotalSize ?? Conventions.Count;
        NextPage = response.Page?.NextPageToken ?? "";
    }
}
