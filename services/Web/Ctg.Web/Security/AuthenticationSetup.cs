using Ctg.ServiceDefaults.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace Ctg.Web.Security;

/// <summary>
/// Backend-for-frontend sign-in: OIDC authorization code with PKCE against the configured provider, then an
/// HTTP-only, SameSite cookie that carries only a session key. The tokens stay on the server in
/// <see cref="ServerSideTicketStore"/>; the browser never sees one.
/// </summary>
public static class AuthenticationSetup
{
    public static IServiceCollection AddCtgAuthentication(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var oidc = configuration.GetSection(OidcSettings.SectionName).Get<OidcSettings>() ?? new OidcSettings();
        oidc.Validate();
        services.AddSingleton(oidc);
        services.AddHttpContextAccessor();
        services.AddDistributedMemoryCache();
        services.AddSingleton<ServerSideTicketStore>();
        services.AddHttpClient();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<TokenRefresher>();

        services.AddAuthentication(o =>
            {
                o.DefaultScheme = CookieAuthenticationDefaults.AuthenticationScheme;
                o.DefaultChallengeScheme = OpenIdConnectDefaults.AuthenticationScheme;
            })
            .AddCookie(cookie =>
            {
                cookie.Cookie.Name = "ctg.session";
                cookie.Cookie.HttpOnly = true;
                cookie.Cookie.SameSite = SameSiteMode.Lax; // Lax: the provider's redirect back must carry it.
                cookie.Cookie.SecurePolicy = environment.IsDevelopment() ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
                cookie.ExpireTimeSpan = TimeSpan.FromHours(8);
                cookie.SlidingExpiration = true;
                cookie.AccessDeniedPath = "/Erreur/403";
                cookie.Events.OnValidatePrincipal = context => context.HttpContext.RequestServices.GetRequiredService<TokenRefresher>().RefreshIfNeededAsync(context);
            })
            .AddOpenIdConnect(o =>
            {
                o.Authority = oidc.Authority;
                o.ClientId = oidc.ClientId;
                o.ClientSecret = oidc.ClientSecret;
                o.RequireHttpsMetadata = oidc.RequireHttpsMetadata;
                o.ResponseType = OpenIdConnectResponseType.Code;
                o.UsePkce = true;
                o.SaveTokens = true;
                // The ID token carries the platform's claims (name, role, ctg_caf, ctg_gestionnaire); one round trip less.
                o.GetClaimsFromUserInfoEndpoint = false;
                o.MapInboundClaims = false;
                o.CallbackPath = "/signin-oidc";
                o.SignedOutCallbackPath = "/signout-callback-oidc";
                o.SignedOutRedirectUri = "/";
                o.Scope.Clear();
                foreach (var scope in oidc.Scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries)) o.Scope.Add(scope);
                o.TokenValidationParameters.NameClaimType = CtgClaims.Name;
                o.TokenValidationParameters.RoleClaimType = CtgClaims.Role;
                o.Events.OnRemoteFailure = context =>
                {
                    // A refused or broken sign-in gives a French page, not the middleware's exception.
                    context.Response.Redirect("/Erreur/connexion");
                    context.HandleResponse();
                    return Task.CompletedTask;
                };
            });
        services.AddOptions<CookieAuthenticationOptions>(CookieAuthenticationDefaults.AuthenticationScheme)
            .Configure<ServerSideTicketStore>((cookie, store) => cookie.SessionStore = store);

        services.AddAuthorization(WebPolicies.Configure);
        return services;
    }
}
