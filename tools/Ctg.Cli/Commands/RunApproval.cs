using Ctg.Cli.Errors;
using Ctg.Presentation.Formatting;
using Ctg.Cli.Platform;
using Ctg.Funding.V1;
using Grpc.Core;
using Spectre.Console;

namespace Ctg.Cli.Commands;

/// <summary>Approving a run, for ctg allocate --approve and ctg approve: the funding service decides from
/// the token who may (approvers, never the run's requester); ctg says in French when it refuses.</summary>
public static class RunApproval
{
    public static async Task<AllocationRun> ApproveAsync(CliContext context, AllocationRuns.AllocationRunsClient runs, string runId, string approvedBy, CancellationToken cancellationToken)
    {
        var approved = await ServiceCall.RunAsync(ServiceCall.Funding, async () =>
        {
            try
            {
                return await runs.ApproveRunAsync(new ApproveRunRequest { RunId = runId, ApprovedBy = approvedBy },
                    deadline: ServiceClients.Deadline(), cancellationToken: cancellationToken);
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.PermissionDenied)
            {
                throw new CliException(ExitCodes.PreconditionFailed,
                    $"Droits insuffisants pour valider un calcul : le calcul {runId} reste enregistré sans validation (message du service : {e.Status.Detail}).");
            }
        });
        context.Console.MarkupLineInterpolated(
            $"[green]Calcul {approved.RunId} validé[/] le {Labels.Timestamp(approved.ApprovedAt)}{(string.IsNullOrEmpty(approved.ApprovedBy) ? "" : " par " + approved.ApprovedBy)} : {French.Euros(approved.TotalPaid?.Cents ?? 0)} à verser.");
        if (!string.IsNullOrEmpty(approved.SupersedesRunId))
        {
            context.Console.MarkupLineInterpolated($"Il remplace le calcul validé précédemment ({approved.SupersedesRunId}).");
        }

        return approved;
    }
}
