using Ctg.Funding.V1;
using Ctg.Structures.V1;
using Ctg.Web.Platform;
using Grpc.Core;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Ctg.Web.Pages.Structures;

/// <summary>
/// One structure's funding for a year: prestations and bonuses line by line with their explanation, its bonus
/// territoire share against its CEJ reference, the payment schedule, its declarations and the history of
/// every year with a chart. A manager sees only their structures: the services answer NOT_FOUND otherwise.
/// </summary>
public sealed class DetailModel(CtgClients clients, TimeProvider time) : PageModel
{
    public Structure Structure { get; private set; } = new();
    public int Year { get; private set; }
    public IReadOnlyList<int> Years { get; private set; } = [];
    public FundingHistory History { get; private set; } = new();
    public PaymentSchedule Payments { get; private set; } = new();
    public IReadOnlyList<Declaration> Declarations { get; private set; } = [];

    /// <summary>The year's latest recorded computation, line by line; null with <see cref="LinesUnavailable"/> saying why.</summary>
    public StructureFundingResult? Lines { get; private set; }
    public string? LinesUnavailable { get; private set; }

    public BonusTerritoireShare? Share { get; private set; }
    public StructureAllocation? ShareDetail { get; private set; }

    public async Task<IActionResult> OnGetAsync(string id, int? annee)
    {
        var structureCall = clients.Structures.GetStructureAsync(new GetStructureRequest { StructureId = id }).ResponseAsync;
        var historyCall = clients.Computations.GetFundingHistoryAsync(new GetFundingHistoryRequest { StructureId = id }).ResponseAsync;
        var declarationsCall = clients.Declarations.ListDeclarationsAsync(new ListDeclarationsRequest { StructureId = id }).ResponseAsync;
        Structure = await structureCall;
        History = await historyCall;
        var declarations = (await declarationsCall).Declarations;

        // The years something happened: funding computed, a bonus territoire share, or a declaration.
        Years = History.Computations.Select(c => c.Year).Concat(History.BonusTerritoire.Select(b => b.Year))
            .Concat(declarations.Select(d => d.Year)).Distinct().Order().ToList();
        Year = annee is >= 2000 and <= 2100 ? annee.Value : Years.Count > 0 ? Years[^1] : time.GetUtcNow().Year - 1;
        Declarations = declarations.Where(d => d.Year == Year).OrderBy(d => d.Version).ThenBy(d => d.Revision).ToList();
        Payments = await clients.Computations.GetPaymentScheduleAsync(new GetPaymentScheduleRequest { StructureId = id, Year = Year });

        await LoadLinesAsync(id);
        await LoadShareAsync(id);
        return Page();
    }

    private async Task LoadLinesAsync(string id)
    {
        try
        {
            // The computation the CAF recorded (funding.read, open to the structure's manager): the latest of the
            // year, from the most advanced declaration version.
            Lines = await clients.Computations.GetComputationAsync(new GetComputationRequest { StructureId = id, Year = Year });
        }
        catch (RpcException e) when (e.StatusCode == Grpc.Core.StatusCode.NotFound)
        {
            LinesUnavailable = Declarations.Count == 0
                ? $"Aucune déclaration d'activité n'est enregistrée pour {Year} : les prestations ne peuvent pas être calculées."
                : $"La CAF n'a pas encore calculé le financement {Year} de cette structure : le détail ligne à ligne paraîtra ici dès qu'il sera enregistré.";
        }
    }

    private async Task LoadShareAsync(string id)
    {
        Share = History.BonusTerritoire.Where(b => b.Year == Year)
            .OrderByDescending(b => b.RunStatus == RunStatus.Approved).ThenByDescending(b => b.CreatedAt, StringComparer.Ordinal).FirstOrDefault();
        if (Share is null) return;
        var run = await clients.Runs.GetRunAsync(new GetRunRequest { RunId = Share.RunId, IncludeExplanations = true });
        ShareDetail = run.Structures.FirstOrDefault(s => s.StructureId == id);
        ViewData["CollectivityNames"] = Ctg.Presentation.Exports.AllocationGroups.CollectivityNames(run);
    }

    /// <summary>Per year: the latest computation's total and the bonus territoire share (approved run first).</summary>
    public IReadOnlyList<(int Year, long? Funding, long? Territoire)> HistoryByYear() =>
        Years.Where(y => History.Computations.Any(c => c.Year == y) || History.BonusTerritoire.Any(b => b.Year == y)).Select(y => (y,
            History.Computations.Where(c => c.Year == y).OrderBy(c => c.ComputedAt, StringComparer.Ordinal).LastOrDefault()?.Total?.Cents,
            History.BonusTerritoire.Where(b => b.Year == y).OrderByDescending(b => b.RunStatus == RunStatus.Approved)
                .ThenByDescending(b => b.CreatedAt, StringComparer.Ordinal).FirstOrDefault()?.Amount?.Cents)).ToList();
}
