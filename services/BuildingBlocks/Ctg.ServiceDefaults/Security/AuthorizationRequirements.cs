using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;

namespace Ctg.ServiceDefaults.Security;

/// <summary>The caller holds one of the roles or partner scopes <see cref="PolicyCatalog"/> lists for the policy.</summary>
public sealed record RoleOrScopeRequirement(string Policy) : IAuthorizationRequirement;

/// <summary>The host runs in the Development environment (demo data loading).</summary>
public sealed record DevelopmentEnvironmentRequirement : IAuthorizationRequirement;

/// <summary>The fallback: an authenticated caller, or a request on the HTTP/1.1 app-channel port (Dapr
/// deliveries, /healthz), which carries no user token and is guarded by the Dapr app API token, or a gRPC
/// call to a method no service implements (it answers UNIMPLEMENTED, as gRPC clients expect; there is
/// nothing behind it to protect).</summary>
public sealed record AuthenticatedOrAppChannelRequirement : IAuthorizationRequirement;

public sealed class RoleOrScopeHandler : AuthorizationHandler<RoleOrScopeRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, RoleOrScopeRequirement requirement)
    {
        if (PolicyCatalog.Admits(requirement.Policy, CallerIdentity.FromPrincipal(context.User)))
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}

public sealed class DevelopmentEnvironmentHandler(IHostEnvironment environment) : AuthorizationHandler<DevelopmentEnvironmentRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, DevelopmentEnvironmentRequirement requirement)
    {
        if (environment.IsDevelopment() && context.User.Identity?.IsAuthenticated == true)
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}

public sealed class AuthenticatedOrAppChannelHandler(ServiceEndpointOptions endpoints) : AuthorizationHandler<AuthenticatedOrAppChannelRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, AuthenticatedOrAppChannelRequirement requirement)
    {
        var http = context.Resource as HttpContext;
        var onAppChannel = endpoints.HttpPort > 0 && http?.Connection.LocalPort == endpoints.HttpPort;
        if (context.User.Identity?.IsAuthenticated == true || onAppChannel || IsUnimplementedGrpcMethod(http))
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }

    private static bool IsUnimplementedGrpcMethod(HttpContext? http)
    {
        var endpoint = http?.GetEndpoint();
        return endpoint is not null
            && http!.Request.ContentType?.StartsWith("application/grpc", StringComparison.Ordinal) == true
            && (endpoint.Metadata.GetMetadata<Grpc.AspNetCore.Server.GrpcMethodMetadata>() is null
                || endpoint.DisplayName?.Contains("Unimplemented", StringComparison.Ordinal) == true);
    }
}
