using Ctg.Cli.Errors;
using Ctg.Cli.Platform;
using Ctg.Funding.V1;

namespace Ctg.Cli.Commands;

/// <summary>Finds the allocation run a command reads: the one named, else the approved run of the CTG
/// and year, else its latest run.</summary>
public static class RunLookup
{
    public static async Task<AllocationRun> FindAsync(ServiceClients clients, string conventionId, int year, string? runId,
        bool includeInputs, bool includeExplanations, CancellationToken cancellationToken, bool preferApproved = true)
    {
        var runs = new AllocationRuns.AllocationRunsClient(clients.Funding);
        if (string.IsNullOrEmpty(runId))
        {
            var list = await ServiceCall.RunAsync(ServiceCall.Funding,
                () => runs.ListRunsAsync(new ListRunsRequest { ConventionId = conventionId, Year = year },
                    deadline: ServiceClients.Deadline(), cancellationToken: cancellationToken));
            var chosen = (preferApproved ? list.Runs.FirstOrDefault(r => r.Status == RunStatus.Approved) : null)
                ?? list.Runs.FirstOrDefault()
                ?? throw new CliException(ExitCodes.NotFound,
                    $"Aucun calcul du bonus territoire {year} n'a été enregistré pour la CTG « {conventionId} » : lancez d'abord « ctg allocate {conventionId} {year} ».");
            runId = chosen.RunId;
        }
        return await ServiceCall.RunAsync(ServiceCall.Funding,
            () => runs.GetRunAsync(new GetRunRequest { RunId = runId, IncludeInputs = includeInputs, IncludeExplanations = includeExplanations },
                deadline: ServiceClients.Deadline(), cancellationToken: cancellationToken));
    }
}
