using Ctg.Funding.V1;
using Ctg.Web.Platform;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Ctg.Web.Pages.Financier;

/// <summary>Two runs side by side: per group and per structure, what the other run pays more or less.</summary>
public sealed class ComparerModel(CtgClients clients) : PageModel
{
    public RunComparison Comparison { get; private set; } = new();
    public AllocationRun Base { get; private set; } = new();
    public AllocationRun Other { get; private set; } = new();

    public async Task<IActionResult> OnGetAsync(string? @base, string? autre)
    {
        if (string.IsNullOrEmpty(@base) || string.IsNullOrEmpty(autre)) return Redirect("/Erreur/400");
        var comparison = clients.Runs.CompareRunsAsync(new CompareRunsRequest { BaseRunId = @base, OtherRunId = autre }).ResponseAsync;
        var baseRun = clients.Runs.GetRunAsync(new GetRunRequest { RunId = @base }).ResponseAsync;
        var otherRun = clients.Runs.GetRunAsync(new GetRunRequest { RunId = autre }).ResponseAsync;
        (Comparison, Base, Other) = (await comparison, await baseRun, await otherRun);
        return Page();
    }

    public string StructureName(string id) =>
        Other.Structures.Concat(Base.Structures).FirstOrDefault(s => s.StructureId == id)?.StructureName ?? id;

    public string GroupName(string collectivityId) =>
        Other.Groups.Concat(Base.Groups).FirstOrDefault(g => g.CollectivityId == collectivityId)?.CollectivityName ?? collectivityId;
}
