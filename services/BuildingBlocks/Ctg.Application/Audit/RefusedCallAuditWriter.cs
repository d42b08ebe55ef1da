using Ctg.Data;
using Ctg.ServiceDefaults.Security;
using Grpc.Core;

namespace Ctg.Application.Audit;

/// <summary>Writes a call refused by authentication or authorization into the service's audit log, in its
/// own short transaction: outcome <c>unauthenticated</c> or <c>access_denied</c>, the RPC as command,
/// the caller from the token (anonymous without one), the refusal as detail. Nothing else is written.</summary>
public sealed class RefusedCallAuditWriter(IDbConnectionFactory connections, AuditWriter audit, TimeProvider clock) : IRefusedCallAudit
{
    public const string Unauthenticated = "unauthenticated";

    /// <summary>The same outcome as an AccessDeniedError refused by a handler.</summary>
    public const string AccessDenied = "access_denied";

    public async Task RecordAsync(RefusedCall call, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await audit.AppendAsync(transaction, new AuditEntry(
            Guid.NewGuid().ToString("N"),
            clock.GetUtcNow(),
            call.Caller.Subject,
            call.Caller.DisplayName,
            call.Caller.Roles,
            call.Caller.ClientId,
            call.Rpc,
            [],
            "", // the request was never read: no hash
            call.Status == StatusCode.Unauthenticated ? Unauthenticated : AccessDenied,
            call.Reason), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }
}
