using Ctg.Funding.V1;
using Ctg.Presentation.Exports;
using Ctg.Web.Platform;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Ctg.Web.Pages.Financier;

/// <summary>A run downloaded as ctg exports it (the same builders): the CSV for a French Excel (';', UTF-8 with a
/// byte-order mark, formulas neutralised) or the COPIL report, one self-contained HTML page.</summary>
public sealed class ExportModel(CtgClients clients, TimeProvider time) : PageModel
{
    public async Task<IActionResult> OnGetAsync(string id, string format)
    {
        if (format is not ("csv" or "copil")) return NotFound();
        var run = await clients.Runs.GetRunAsync(new GetRunRequest { RunId = id });
        var name = $"bonus-territoire-{run.Year}-{run.ConventionId}-{run.RunId}";
        return format == "csv"
            ? File(AllocationCsv.Build(run), "text/csv; charset=utf-8", name + ".csv")
            : File(new System.Text.UTF8Encoding(false).GetBytes(AllocationHtml.Build(run, DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime))), "text/html; charset=utf-8", $"copil-{name}.html");
    }
}
