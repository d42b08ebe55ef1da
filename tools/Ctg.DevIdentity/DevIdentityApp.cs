using Ctg.ServiceDefaults.Security;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.EntityFrameworkCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Ctg.DevIdentity;

/// <summary>The development OpenID Connect provider, built the same way by Program.cs and by the tests
/// (which start it in-process on a free port with users of their own).</summary>
public static class DevIdentityApp
{
    public static WebApplication Build(string[] args)
    {
        // The content root is the program's folder, where appsettings.Development.json (the demo users) is copied.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        var directory = builder.Configuration.GetSection(IdentityDirectory.SectionName).Get<IdentityDirectory>() ?? new IdentityDirectory();
        if (!builder.Environment.IsDevelopment() && !directory.AllowOutsideDevelopment)
        {
            throw new InvalidOperationException(
                $"Ctg.DevIdentity is a development identity provider with demo passwords; it refuses to start in the " +
                $"'{builder.Environment.EnvironmentName}' environment. Use a real OIDC provider, or run with --environment Development.");
        }

        var issuer = new Uri(directory.Issuer.EndsWith('/') ? directory.Issuer : directory.Issuer + "/");
        builder.WebHost.UseUrls(issuer.GetLeftPart(UriPartial.Authority));
        builder.Services.AddSingleton(directory);
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.EntityFrameworkCore", LogLevel.Warning);
        builder.Logging.AddFilter("OpenIddict", LogLevel.Warning);

        var dataDirectory = string.IsNullOrEmpty(directory.DataDirectory)
            ? Path.Combine(Path.GetTempPath(), "ctg-identity-" + Guid.NewGuid().ToString("N"))
            : directory.DataDirectory;
        Directory.CreateDirectory(dataDirectory);
        var database = Path.Combine(dataDirectory, "identity.db");
        // Codes, refresh tokens and device codes of a previous run are worthless (new encryption key): start empty.
        File.Delete(database);
        builder.Services.AddDbContext<IdentityDbContext>(options =>
        {
            options.UseSqlite($"Data Source={database}");
            options.UseOpenIddict();
        });

        builder.Services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(cookie =>
            {
                cookie.LoginPath = "/account/login";
                cookie.Cookie.Name = "ctg-identity";
                cookie.Cookie.HttpOnly = true;
                cookie.Cookie.SameSite = SameSiteMode.Lax;
                cookie.ExpireTimeSpan = TimeSpan.FromHours(8);
            });
        builder.Services.AddAuthorization();
        builder.Services.AddAntiforgery();

        builder.Services.AddOpenIddict()
            .AddCore(core => core.UseEntityFrameworkCore().UseDbContext<IdentityDbContext>())
            .AddServer(server =>
            {
                server.SetIssuer(issuer);
                server.SetAuthorizationEndpointUris("connect/authorize")
                    .SetTokenEndpointUris("connect/token")
                    .SetEndSessionEndpointUris("connect/logout")
                    .SetDeviceAuthorizationEndpointUris("connect/device")
                    .SetEndUserVerificationEndpointUris("connect/verify")
                    .SetUserInfoEndpointUris("connect/userinfo");
                server.AllowAuthorizationCodeFlow()
                    .AllowRefreshTokenFlow()
                    .AllowClientCredentialsFlow()
                    .AllowPasswordFlow()
                    .AllowDeviceAuthorizationFlow();
                server.RequireProofKeyForCodeExchange();
                server.RegisterScopes([Scopes.OpenId, Scopes.Profile, Scopes.Roles, Scopes.OfflineAccess, .. CtgScopes.All]);
                server.RegisterClaims([CtgClaims.Subject, CtgClaims.Name, CtgClaims.Role, CtgClaims.Caf, CtgClaims.Gestionnaire]);
                server.SetAccessTokenLifetime(TimeSpan.FromMinutes(directory.AccessTokenMinutes));
                server.AddSigningKey(SigningKey.Load(directory.SigningKeyFile));
                // Codes and refresh tokens are encrypted (only this provider reads them); access tokens are plain
                // signed JWTs, so that any service (and any standard JwtBearer setup) validates them with the JWKS.
                server.AddEphemeralEncryptionKey();
                server.DisableAccessTokenEncryption();
                server.UseAspNetCore()
                    .EnableAuthorizationEndpointPassthrough()
                    .EnableTokenEndpointPassthrough()
                    .EnableEndSessionEndpointPassthrough()
                    .EnableEndUserVerificationEndpointPassthrough()
                    .EnableUserInfoEndpointPassthrough()
                    .DisableTransportSecurityRequirement(); // plain HTTP on loopback: development only
            });
        builder.Services.AddHostedService<ClientRegistration>();

        var app = builder.Build();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();
        app.MapGet("/healthz", () => Results.Text("ok"));
        app.MapAccount();
        app.MapConnect();
        return app;
    }
}
