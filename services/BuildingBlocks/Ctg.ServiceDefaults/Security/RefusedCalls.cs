using Grpc.Core;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Ctg.ServiceDefaults.Security;

/// <summary>Records who was refused what: a warning log line with the caller (when the token was valid)
/// and the RPC, and a row in the service's audit log when it has one (<see cref="IRefusedCallAudit"/>).</summary>
public static partial class RefusedCalls
{
    public static async Task RecordAsync(HttpContext context, StatusCode status, string reason)
    {
        var logger = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Ctg.Security");
        var caller = CallerIdentity.FromPrincipal(context.User);
        var rpc = context.Request.Path.Value ?? "";
        LogRefused(logger, rpc, status, caller.Subject, caller.ClientId ?? "", string.Join(' ', caller.Roles));
        if (context.RequestServices.GetService<IRefusedCallAudit>() is not { } audit)
        {
            return;
        }

        try
        {
            // Not the request's token: the refusal is recorded even if the client has already gone.
            await audit.RecordAsync(new RefusedCall(rpc.TrimStart('/'), status, reason, caller), CancellationToken.None);
        }
        catch (Exception exception) when (exception is System.Data.Common.DbException or InvalidOperationException)
        {
            // The caller still gets its status; the lost audit row is logged.
            LogNotAudited(logger, exception, rpc, status);
        }
    }

    [LoggerMessage(EventId = 4030, Level = LogLevel.Warning, Message = "Refused {Rpc} with {Status}: subject {Subject}, client {ClientId}, roles {Roles}")]
    private static partial void LogRefused(ILogger logger, string rpc, StatusCode status, string subject, string clientId, string roles);

    [LoggerMessage(EventId = 4031, Level = LogLevel.Error, Message = "Could not audit the refused call {Rpc} ({Status})")]
    private static partial void LogNotAudited(ILogger logger, Exception exception, string rpc, StatusCode status);
}
