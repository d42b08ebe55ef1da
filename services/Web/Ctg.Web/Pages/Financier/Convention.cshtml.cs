using Ctg.Common.V1;
using Ctg.Funding.V1;
using Ctg.Signatories.V1;
using Ctg.Structures.V1;
using Ctg.Web.Errors;
using Ctg.Web.Platform;
using Ctg.Web.Security;
using Grpc.Core;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Ctg.Web.Pages.Financier;

/// <summary>A convention: signatories, structures (paged), CEJ references, allocation runs, and running a new
/// allocation (finance officers).</summary>
public sealed class ConventionModel(CtgClients clients) : PageModel
{
    public Convention Convention { get; private set; } = new();
    public IReadOnlyList<Structure> Structures { get; private set; } = [];
    public int StructureTotal { get; private set; }
    public string NextPage { get; private set; } = "";
    public IReadOnlyList<Ctg.Structures.V1.CejReference> References { get; private set; } = [];
    public IReadOnlyList<AllocationRun> Runs { get; private set; } = [];
    public string? RunError { get; private set; }

    [BindProperty(Name = "annee")] public int Year { get; set; }
    [BindProperty(Name = "version")] public DeclarationVersion Version { get; set; } = DeclarationVersion.Reel;

    public IEnumerable<int> Years => Convention.Period is { Start: { } s, End: { } e } && s.Year > 0 ? Enumerable.Range(s.Year, Math.Max(1, e.Year - s.Year + 1)) : [];

    public async Task OnGetAsync(string id, string? suite) => await LoadAsync(id, suite);

    public async Task<IActionResult> OnPostAsync(string id)
    {
        if (!WebUser.From(User).IsFinanceOfficer) return Redirect("/Erreur/403");
        try
        {
            var run = await clients.Runs.RunAllocationAsync(new RunAllocationRequest
            {
                ConventionId = id, Year = Year, DeclarationVersion = Version, RequestedBy = WebUser.From(User).DisplayName,
            });
            return Redirect($"/financier/calculs/{Uri.EscapeDataString(run.RunId)}");
        }
        catch (RpcException e) when (e.StatusCode is Grpc.Core.StatusCode.FailedPrecondition or Grpc.Core.StatusCode.InvalidArgument or Grpc.Core.StatusCode.PermissionDenied)
        {
            var error = ServiceErrors.Describe(e);
            RunError = error.Message + (error.ServiceMessage is null ? "" : $" Motif : {error.ServiceMessage}");
            await LoadAsync(id, null);
            return Page();
        }
    }

    private async Task LoadAsync(string id, string? suite)
    {
        var conventionCall = clients.Conventions.GetConventionAsync(new GetConventionRequest { ConventionId = id }).ResponseAsync;
        var structuresCall = clients.Structures.ListStructuresAsync(new ListStructuresRequest
        {
            Filter = new StructureFilter { ConventionId = id },
            Page = new PageRequest { PageSize = 50, PageToken = suite ?? "" },
        }).ResponseAsync;
        var referencesCall = clients.References.ListReferencesAsync(new ListReferencesRequest { ConventionId = id }).ResponseAsync;
        var runsCall = clients.Runs.ListRunsAsync(new ListRunsRequest { ConventionId = id }).ResponseAsync;
        Convention = await conventionCall;
        var structures = await structuresCall;
        Structures = structures.Structures;
        StructureTotal = structures.Page?.TotalSize ?? Structures.Count;
        NextPage = structures.Page?.NextPageToken ?? "";
        References = (await referencesCall).References;
        Runs = (await runsCall).Runs;
        if (Year == 0) Year = Runs.Count > 0 ? Runs[0].Year : Years.DefaultIfEmpty(DateTime.UtcNow.Year).First();
    }

    public string StructureName(string structureId) =>
        Structures.FirstOrDefault(s => s.StructureId == structureId)?.Details.Name ?? structureId;
}
