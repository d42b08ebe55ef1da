namespace Ctg.Web.Security;

/// <summary>Headers every answer carries: no framing, no sniffing, no third-party resources (all CSS and SVG
/// are served by this application, there is no script), no referrer leaking identifiers to other sites.</summary>
public static class SecurityHeaders
{
    public static Task AddAsync(HttpContext context, Func<Task> next)
    {
        var headers = context.Response.Headers;
        headers["X-Content-Type-Options"] = "nosniff";
        headers["X-Frame-Options"] = "DENY";
        headers["Referrer-Policy"] = "same-origin";
        headers["Content-Security-Policy"] = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'; form-action 'self' " + FormActionOrigins(context);
        return next();
    }

    // Signing out posts to this application, which redirects to the provider's end-session endpoint.
    private static string FormActionOrigins(HttpContext context)
    {
        var authority = context.RequestServices.GetService<OidcSettings>()?.Authority;
        return Uri.TryCreate(authority, UriKind.Absolute, out var uri) ? uri.GetLeftPart(UriPartial.Authority) : "";
    }
}
