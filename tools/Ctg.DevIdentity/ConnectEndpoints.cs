using Ctg.ServiceDefaults.Security;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http.Extensions;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Ctg.DevIdentity;

/// <summary>The OpenIddict passthrough endpoints: OpenIddict validates each request (client, secret,
/// redirect URI, PKCE, grant permissions) before these run; these decide who the token is for.</summary>
public static class ConnectEndpoints
{
    private const string Scheme = OpenIddictServerAspNetCoreDefaults.AuthenticationScheme;

    public static void MapConnect(this WebApplication app)
    {
        app.MapMethods("/connect/authorize", [HttpMethods.Get, HttpMethods.Post], (Delegate)AuthorizeAsync);
        app.MapPost("/connect/token", (Delegate)TokenAsync);
        app.MapMethods("/connect/logout", [HttpMethods.Get, HttpMethods.Post], (Delegate)LogoutAsync);
        app.MapGet("/connect/verify", (Delegate)VerifyPage);
        app.MapPost("/connect/verify", (Delegate)VerifyAsync);
        app.MapMethods("/connect/userinfo", [HttpMethods.Get, HttpMethods.Post], (Delegate)UserInfoAsync);
        app.MapGet("/account/done", () => Results.Content(LoginPage.Done("Connexion réussie"), "text/html; charset=utf-8"));
    }

    /// <summary>Authorization code + PKCE: a person logged in with the cookie gets a code; consent is
    /// implicit (every client here is the platform's own).</summary>
    private static async Task<IResult> AuthorizeAsync(HttpContext http, IdentityDirectory directory)
    {
        var request = http.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("Not an OpenID Connect request.");
        var session = await http.AuthenticateAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        var login = session.Principal?.FindFirst(CtgClaims.Subject)?.Value;
        var user = directory.FindUser(login);
        if (!session.Succeeded || user is null || request.HasPromptValue(PromptValues.Login))
        {
            if (request.HasPromptValue(PromptValues.None))
            {
                return Refuse(Errors.LoginRequired, "The user is not logged in.");
            }

            var returnUrl = http.Request.PathBase + http.Request.Path + QueryString.Create(
                http.Request.HasFormContentType ? [.. http.Request.Form] : [.. http.Request.Query]);
            return Results.Redirect("/account/login?returnUrl=" + Uri.EscapeDataString(returnUrl.Replace("prompt=login", "prompt=", StringComparison.Ordinal)));
        }

        return Results.SignIn(TokenPrincipals.ForUser(login!, user, request.GetScopes()), authenticationScheme: Scheme);
    }

    private static async Task<IResult> TokenAsync(HttpContext http, IdentityDirectory directory)
    {
        var request = http.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("Not an OpenID Connect request.");
        if (request.IsPasswordGrantType())
        {
            // Development only (the ctg CLI and the tests): the resource-owner password grant.
            var user = directory.FindUser(request.Username);
            if (user is null || !FixedTime.Equal(user.Password, request.Password ?? ""))
            {
                return Refuse(Errors.InvalidGrant, "Invalid username or password.");
            }

            return Results.SignIn(TokenPrincipals.ForUser(request.Username!, user, request.GetScopes()), authenticationScheme: Scheme);
        }

        if (request.IsClientCredentialsGrantType())
        {
            // OpenIddict has already checked the client secret and that the requested scopes are permitted.
            if (request.ClientId is null || !directory.Clients.TryGetValue(request.ClientId, out var client))
            {
                return Refuse(Errors.InvalidClient, "Unknown client.");
            }

            return Results.SignIn(TokenPrincipals.ForClient(request.ClientId, client, [.. request.GetScopes()]), authenticationScheme: Scheme);
        }

        if (request.IsAuthorizationCodeGrantType() || request.IsRefreshTokenGrantType() || request.IsDeviceCodeGrantType())
        {
            // The code, refresh token or device code names the person; their claims are read again from the
            // directory, so a changed role takes effect at the next refresh.
            var result = await http.AuthenticateAsync(Scheme);
            var login = result.Principal?.GetClaim(Claims.Subject);
            var user = directory.FindUser(login);
            if (user is null)
            {
                return Refuse(Errors.InvalidGrant, "The user no longer exists.");
            }

            return Results.SignIn(TokenPrincipals.ForUser(login!, user, result.Principal!.GetScopes()), authenticationScheme: Scheme);
        }

        return Refuse(Errors.UnsupportedGrantType, "This grant type is not supported.");
    }

    private static async Task<IResult> LogoutAsync(HttpContext http)
    {
        await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return Results.SignOut(new AuthenticationProperties { RedirectUri = "/account/done" }, [Scheme]);
    }

    /// <summary>Device code: the person opens this page (logged in first), confirms the code ctg shows.</summary>
    private static async Task<IResult> VerifyPage(HttpContext http, IAntiforgery antiforgery)
    {
        var session = await http.AuthenticateAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        if (!session.Succeeded)
        {
            return Results.Redirect("/account/login?returnUrl=" + Uri.EscapeDataString(http.Request.GetEncodedPathAndQuery()));
        }

        var tokens = antiforgery.GetAndStoreTokens(http);
        return Results.Content(LoginPage.Verify(tokens.FormFieldName, tokens.RequestToken!, http.Request.Query["user_code"], null), "text/html; charset=utf-8");
    }

    private static async Task<IResult> VerifyAsync(HttpContext http, IAntiforgery antiforgery, IdentityDirectory directory)
    {
        await antiforgery.ValidateRequestAsync(http);
        var session = await http.AuthenticateAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        var login = session.Principal?.FindFirst(CtgClaims.Subject)?.Value;
        var user = directory.FindUser(login);
        if (user is null)
        {
            return Results.Redirect("/account/login?returnUrl=" + Uri.EscapeDataString("/connect/verify"));
        }

        // OpenIddict resolved the user_code of the form into the device authorization it belongs to.
        var result = await http.AuthenticateAsync(Scheme);
        if (result.Principal is not { } device)
        {
            var tokens = antiforgery.GetAndStoreTokens(http);
            return Results.Content(LoginPage.Verify(tokens.FormFieldName, tokens.RequestToken!, null, "Code inconnu ou expiré."), "text/html; charset=utf-8",
                statusCode: StatusCodes.Status400BadRequest);
        }

        var principal = TokenPrincipals.ForUser(login!, user, device.GetScopes());
        return Results.SignIn(principal, new AuthenticationProperties { RedirectUri = "/account/done" }, Scheme);
    }

    private static async Task<IResult> UserInfoAsync(HttpContext http, IdentityDirectory directory)
    {
        var result = await http.AuthenticateAsync(Scheme);
        var login = result.Principal?.GetClaim(Claims.Subject);
        var user = directory.FindUser(login);
        if (user is null)
        {
            return Results.Challenge(authenticationSchemes: [Scheme]);
        }

        return Results.Json(new Dictionary<string, object>
        {
            [CtgClaims.Subject] = login!,
            [CtgClaims.Name] = user.Name,
            [CtgClaims.Role] = user.Roles,
            [CtgClaims.Caf] = user.Cafs,
            [CtgClaims.Gestionnaire] = user.Gestionnaires,
        });
    }

    private static IResult Refuse(string error, string description) =>
        Results.Forbid(new AuthenticationProperties(new Dictionary<string, string?>
        {
            [OpenIddictServerAspNetCoreConstants.Properties.Error] = error,
            [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = description,
        }), [Scheme]);
}
