using Ctg.Funding.V1;

namespace Ctg.Funding.Api.Shared;

/// <summary>A run with its stored payload already encoded (<see cref="RunPayload"/>): the batch encodes each run on the
/// worker that computed it, so the one transaction recording a batch only writes bytes, and the run can shed the explanation
/// trees and the inputs snapshot its answer does not carry while it waits to be recorded.</summary>
public sealed record EncodedRun(AllocationRun Run, byte[] Payload)
{
    public static EncodedRun Of(AllocationRun run) => new(run, RunPayload.Encode(run));
}
