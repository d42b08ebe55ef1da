using Ctg.Structures.V1;
using Grpc.Core;

namespace Ctg.Presentation.Importing;

/// <summary>What an ImportCsvWithProgress call ended with: every bad row the service streamed, the report of a
/// committed import, the last phase ("committed", "checked", "rejected"…).</summary>
public sealed record ImportOutcome(IReadOnlyList<ImportError> Errors, ImportReport? Report, string LastPhase)
{
    public bool Rejected => Errors.Count > 0 || LastPhase == "rejected";
}

/// <summary>Reads an import's progress stream to its end. The service streams the bad rows and then ends the
/// call with INVALID_ARGUMENT: that final status only confirms what was streamed, so it is not an error here.
/// Any other failure (a file refused as a whole, a service down) is the caller's to translate.</summary>
public static class ImportStream
{
    public static async Task<ImportOutcome> ReadAsync(AsyncServerStreamingCall<ImportProgress> call, Action<ImportProgress>? onStep, CancellationToken cancellationToken)
    {
        var errors = new List<ImportError>();
        ImportReport? report = null;
        var lastPhase = "";
        try
        {
            await foreach (var step in call.ResponseStream.ReadAllAsync(cancellationToken))
            {
                lastPhase = step.Phase;
                errors.AddRange(step.Errors);
                if (step.Report is not null) report = step.Report;
                onStep?.Invoke(step);
            }
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.InvalidArgument && errors.Count > 0)
        {
            // The rejected rows were streamed already.
        }
        return new ImportOutcome(errors, report, lastPhase);
    }
}
