using Grpc.Core;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Ctg.ServiceDefaults.Security;

/// <summary>Records who was refused what: a warning log line with the caller (when the token was valid)
/// and the RPC. The audit log of the write path records the same once it lands.</summary>
public static partial class RefusedCalls
{
    public static void Record(HttpContext context, StatusCode status)
    {
        var logger = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Ctg.Security");
        var caller = CallerIdentity.FromPrincipal(context.User);
        LogRefused(logger, context.Request.Path.Value ?? "", status, caller.Subject, caller.ClientId ?? "", string.Join(' ', caller.Roles));
    }

    [LoggerMessage(EventId = 4030, Level = LogLevel.Warning, Message = "Refused {Rpc} with {Status}: subject {Subject}, client {ClientId}, roles {Roles}")]
    private static partial void LogRefused(ILogger logger, string rpc, StatusCode status, string subject, string clientId, string roles);
}
