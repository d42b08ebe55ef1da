using Grpc.Core;

namespace Ctg.ServiceDefaults.Security;

/// <summary>A call refused before it reached its handler: no token (UNAUTHENTICATED) or a policy that does
/// not admit the caller (PERMISSION_DENIED).</summary>
public sealed record RefusedCall(string Rpc, StatusCode Status, string Reason, CallerIdentity Caller);

/// <summary>Where refused calls are recorded beyond the log: the service's audit log when it has one
/// (Ctg.Application registers it with the command pipeline).</summary>
public interface IRefusedCallAudit
{
    Task RecordAsync(RefusedCall call, CancellationToken cancellationToken);
}
