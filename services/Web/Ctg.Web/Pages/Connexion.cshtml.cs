using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Ctg.Web.Pages;

/// <summary>Sign-in starts at the provider (authorization code + PKCE); sign-out ends the server-side session
/// and the provider's.</summary>
public sealed class ConnexionModel : PageModel
{
    public IActionResult OnGet(string? retour) =>
        Challenge(new AuthenticationProperties { RedirectUri = LocalOrHome(retour) }, OpenIdConnectDefaults.AuthenticationScheme);

    private string LocalOrHome(string? path) => !string.IsNullOrEmpty(path) && Url.IsLocalUrl(path) ? path : "/";
}
