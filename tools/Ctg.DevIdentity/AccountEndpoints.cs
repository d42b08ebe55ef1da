using System.Security.Claims;
using Ctg.ServiceDefaults.Security;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace Ctg.DevIdentity;

/// <summary>The provider's own session: a cookie set by the login form, read by the authorization and
/// device verification endpoints.</summary>
public static class AccountEndpoints
{
    public static void MapAccount(this WebApplication app)
    {
        app.MapGet("/account/login", (HttpContext http, IAntiforgery antiforgery, string? returnUrl) =>
        {
            var tokens = antiforgery.GetAndStoreTokens(http);
            return Results.Content(LoginPage.Login(SafeReturnUrl(returnUrl), tokens.FormFieldName, tokens.RequestToken!, null, null), "text/html; charset=utf-8");
        });

        app.MapPost("/account/login", async (HttpContext http, IAntiforgery antiforgery, IdentityDirectory directory) =>
        {
            await antiforgery.ValidateRequestAsync(http);
            var form = await http.Request.ReadFormAsync();
            var login = form["login"].ToString();
            var returnUrl = SafeReturnUrl(form["returnUrl"]);
            var user = directory.FindUser(login);
            if (user is null || !FixedTime.Equal(user.Password, form["password"].ToString()))
            {
                var tokens = antiforgery.GetAndStoreTokens(http);
                return Results.Content(
                    LoginPage.Login(returnUrl, tokens.FormFieldName, tokens.RequestToken!, "Identifiant ou mot de passe incorrect.", login),
                    "text/html; charset=utf-8", statusCode: StatusCodes.Status401Unauthorized);
            }

            var identity = new ClaimsIdentity(CookieAuthenticationDefaults.AuthenticationScheme, CtgClaims.Name, CtgClaims.Role);
            identity.AddClaim(new Claim(CtgClaims.Subject, login));
            identity.AddClaim(new Claim(CtgClaims.Name, user.Name));
            await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, new ClaimsPrincipal(identity));
            return Results.Redirect(returnUrl);
        });
    }

    /// <summary>Only local paths: the login form must not become an open redirector.</summary>
    private static string SafeReturnUrl(string? url) =>
        !string.IsNullOrEmpty(url) && url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal)
            ? url
            : "/account/done";
}

internal static class FixedTime
{
    public static bool Equal(string expected, string actual) =>
        System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(
            System.Text.Encoding.UTF8.GetBytes(expected), System.Text.Encoding.UTF8.GetBytes(actual));
}
