using Grpc.Core.Interceptors;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Ctg.ServiceDefaults.Security;

public static class SecurityExtensions
{
    /// <summary>JwtBearer validation against the configured OIDC provider and the policy catalog.</summary>
    public static WebApplicationBuilder AddCtgSecurity(this WebApplicationBuilder builder, string serviceName)
    {
        var options = builder.Configuration.GetSection(CtgAuthenticationOptions.SectionName).Get<CtgAuthenticationOptions>()
            ?? new CtgAuthenticationOptions();
        options.Validate();
        options.Audience ??= "ctg-" + serviceName;
        builder.Services.AddSingleton(options);

        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer(jwt =>
        {
            jwt.Authority = string.IsNullOrEmpty(options.Authority) ? null : options.Authority;
            jwt.Audience = options.Audience;
            jwt.RequireHttpsMetadata = options.RequireHttpsMetadata;
            // Keep the token's own claim names (sub, role, scope, ctg_caf) instead of WS-Federation URIs.
            jwt.MapInboundClaims = false;
            jwt.AutomaticRefreshInterval = TimeSpan.FromMinutes(options.KeyRefreshMinutes);
            jwt.RefreshInterval = TimeSpan.FromSeconds(30); // an unknown key id re-reads the JWKS at most this often
            jwt.TokenValidationParameters.NameClaimType = CtgClaims.Name;
            jwt.TokenValidationParameters.RoleClaimType = CtgClaims.Role;
            jwt.TokenValidationParameters.ClockSkew = TimeSpan.FromSeconds(options.ClockSkewSeconds);
            jwt.TokenValidationParameters.ValidateIssuer = true;
            jwt.TokenValidationParameters.ValidateAudience = true;
            jwt.TokenValidationParameters.ValidateLifetime = true;
            jwt.TokenValidationParameters.RequireExpirationTime = true;
            jwt.TokenValidationParameters.RequireSignedTokens = true;
        });
        builder.Services.AddAuthorization(PolicyCatalog.AddTo);
        builder.Services.AddSingleton<IAuthorizationHandler, RoleOrScopeHandler>();
        builder.Services.AddSingleton<IAuthorizationHandler, DevelopmentEnvironmentHandler>();
        builder.Services.AddSingleton<IAuthorizationHandler, AuthenticatedOrAppChannelHandler>();
        builder.Services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationMiddlewareResultHandler, GrpcAuthorizationResultHandler>();
        builder.Services.AddHttpContextAccessor();
        builder.Services.TryAddSingleton<BearerTokenForwarding>();
        return builder;
    }

    /// <summary>A call invoker over <paramref name="channel"/> that forwards the served call's bearer token.</summary>
    public static Grpc.Core.CallInvoker ForwardingCallerToken(this GrpcChannel channel, IServiceProvider services) =>
        channel.Intercept(services.GetRequiredService<BearerTokenForwarding>());
}
