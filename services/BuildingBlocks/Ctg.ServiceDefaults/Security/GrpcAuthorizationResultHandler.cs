using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Http;

namespace Ctg.ServiceDefaults.Security;

/// <summary>A refused gRPC call ends as a gRPC status (trailers-only response), not as an HTTP 401/403
/// that each client library would have to translate: UNAUTHENTICATED without a valid token,
/// PERMISSION_DENIED with a valid token that the policy does not admit.</summary>
public sealed class GrpcAuthorizationResultHandler(CtgAuthenticationOptions options) : IAuthorizationMiddlewareResultHandler
{
    /// <summary>The refusal messages name the audience, so a status relayed from an upstream service is
    /// never mistaken for this service's own refusal.</summary>
    public static string PermissionDeniedMessage(string audience) => $"The caller's roles or scopes do not allow this call at {audience}.";

    public static string UnauthenticatedMessage(string audience) =>
        $"A valid bearer token for {audience} is required (missing, expired, wrong audience or unknown signing key).";

    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        var isGrpc = context.Request.ContentType?.StartsWith("application/grpc", StringComparison.Ordinal) == true;
        if (!isGrpc || authorizeResult.Succeeded || !(authorizeResult.Challenged || authorizeResult.Forbidden))
        {
            await _default.HandleAsync(next, context, policy, authorizeResult);
            return;
        }

        var (status, message) = authorizeResult.Forbidden
            ? (StatusCode.PermissionDenied, PermissionDeniedMessage(options.Audience!))
            : (StatusCode.Unauthenticated, UnauthenticatedMessage(options.Audience!));
        await RefusedCalls.RecordAsync(context, status, message);
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "application/grpc";
        context.Response.Headers["grpc-status"] = ((int)status).ToString(System.Globalization.CultureInfo.InvariantCulture);
        context.Response.Headers["grpc-message"] = message;
    }
}
