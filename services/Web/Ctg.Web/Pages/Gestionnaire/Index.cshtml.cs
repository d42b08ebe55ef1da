using Ctg.Common.V1;
using Ctg.Structures.V1;
using Ctg.Web.Platform;
using Ctg.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Ctg.Web.Pages.Gestionnaire;

/// <summary>A manager's structures, paged. The filter names the token's gestionnaire for a useful list;
/// the structures service enforces it whatever the web asks.</summary>
public sealed class IndexModel(CtgClients clients) : PageModel
{
    public const int PageSize = 50;

    public string Gestionnaire { get; private set; } = "";
    public IReadOnlyList<Structure> Structures { get; private set; } = [];
    public int Total { get; private set; }
    public string NextPage { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(string? suite)
    {
        Gestionnaire = WebUser.From(User).Gestionnaire ?? "";
        if (Gestionnaire.Length == 0) return Redirect("/Erreur/403");
        var response = await clients.Structures.ListStructuresAsync(new ListStructuresRequest
        {
            Filter = new StructureFilter { ManagerName = Gestionnaire },
            Page = new PageRequest { PageSize = PageSize, PageToken = suite ?? "" },
        });
        Structures = response.Structures;
        Total = response.Page?.TotalSize ?? response.Structures.Count;
        NextPage = response.Page?.NextPageToken ?? "";
        return Page();
    }
}
