using Ctg.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Ctg.Web.Pages;

/// <summary>The login page; a signed-in person goes straight to their space.</summary>
public sealed class IndexModel : PageModel
{
    public IActionResult OnGet()
    {
        var user = WebUser.From(User);
        return user.IsSignedIn ? Redirect(user.HomePath) : Page();
    }
}
