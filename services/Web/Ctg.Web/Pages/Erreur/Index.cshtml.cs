using Ctg.Web.Errors;
using Grpc.Core;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Ctg.Web.Pages.Erreur;

/// <summary>Every failure ends here as a French page with the right status: a service that fails or is down
/// (the exception handler re-executes this page), a page refused or not found, a sign-in that failed.
/// Never a stack trace.</summary>
[IgnoreAntiforgeryToken]
public sealed class ErreurModel : PageModel
{
    public string Title { get; private set; } = "Erreur";
    public string Message { get; private set; } = "Une erreur inattendue s'est produite. Réessayez plus tard.";
    public string? ServiceMessage { get; private set; }

    public Task<IActionResult> OnGetAsync(string? code) => HandleAsync(code);

    public Task<IActionResult> OnPostAsync(string? code) => HandleAsync(code);

    private async Task<IActionResult> HandleAsync(string? code)
    {
        var status = 500;
        if (HttpContext.Features.Get<IExceptionHandlerFeature>()?.Error is RpcException rpc)
        {
            if (rpc.StatusCode == Grpc.Core.StatusCode.Unauthenticated)
            {
                // The services no longer accept the session's token: end it and sign in again.
                await HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
                return Redirect("/connexion");
            }
            var error = ServiceErrors.Describe(rpc);
            (status, Title, Message, ServiceMessage) = (error.StatusCode, error.Title, error.Message, error.ServiceMessage);
        }
        else
        {
            switch (code)
            {
                case "403":
                    (status, Title, Message) = (403, "Accès refusé", "Votre compte n'a pas accès à cette page. Si vous pensez que c'est une erreur, contactez votre CAF.");
                    break;
                case "404":
                    (status, Title, Message) = (404, "Page introuvable", "Cette page n'existe pas ou n'existe plus.");
                    break;
                case "400":
                    (status, Title, Message) = (400, "Demande refusée", "La demande est incomplète ou mal formée (par exemple un formulaire expiré) : rechargez la page et recommencez.");
                    break;
                case "connexion":
                    (status, Title, Message) = (502, "Connexion impossible", "Le service d'identification n'a pas pu vous connecter. Réessayez ; si cela dure, prévenez l'équipe d'exploitation.");
                    break;
                case { } other when int.TryParse(other, out var parsed) && parsed is >= 400 and < 600:
                    status = parsed;
                    break;
            }
        }
        Response.StatusCode = status;
        return Page();
    }
}
