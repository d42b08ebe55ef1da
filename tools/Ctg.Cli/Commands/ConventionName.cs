using Ctg.Cli.Platform;
using Ctg.Funding.V1;
using Ctg.Signatories.V1;
using Grpc.Core;

namespace Ctg.Cli.Commands;

/// <summary>The name a person knows a CTG by: from the run's inputs when the funding service sent them,
/// else from the signatories service; the id alone when neither answers (a title is not worth a failure).</summary>
public static class ConventionName
{
    public static async Task<string?> OfAsync(ServiceClients clients, AllocationRun run, CancellationToken cancellationToken)
    {
        if (!string.IsNullOrEmpty(run.Inputs?.ConventionName)) return run.Inputs.ConventionName;
        try
        {
            var convention = await new Conventions.ConventionsClient(clients.Signatories).GetConventionAsync(
                new GetConventionRequest { ConventionId = run.ConventionId }, deadline: ServiceClients.Deadline(5), cancellationToken: cancellationToken);
            return convention.Name;
        }
        catch (RpcException)
        {
            return null;
        }
    }
}
