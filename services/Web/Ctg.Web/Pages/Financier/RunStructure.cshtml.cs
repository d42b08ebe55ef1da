using Ctg.Funding.V1;
using Ctg.Web.Platform;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Ctg.Web.Pages.Financier;

/// <summary>The explanation of one structure's amount in a run, and of its group's unit rate.</summary>
public sealed class RunStructureModel(CtgClients clients) : PageModel
{
    public AllocationRun Run { get; private set; } = new();
    public StructureAllocation Structure { get; private set; } = new();
    public GroupResult? Group { get; private set; }

    public async Task<IActionResult> OnGetAsync(string id, string structureId)
    {
        Run = await clients.Runs.GetRunAsync(new GetRunRequest { RunId = id, IncludeExplanations = true });
        if (Run.Structures.FirstOrDefault(s => s.StructureId == structureId) is not { } structure) return NotFound();
        Structure = structure;
        Group = Run.Groups.FirstOrDefault(g => g.CollectivityId == structure.CollectivityId && g.Kind == structure.Kind);
        return Page();
    }
}
