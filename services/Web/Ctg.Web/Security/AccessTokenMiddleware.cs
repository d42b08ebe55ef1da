using Microsoft.AspNetCore.Authentication;

namespace Ctg.Web.Security;

/// <summary>Reads the signed-in user's access token from the server-side session once per request, for the
/// gRPC calls the page makes on their behalf (<see cref="Platform.BearerTokenInterceptor"/>).</summary>
public sealed class AccessTokenMiddleware(RequestDelegate next)
{
    public const string ItemKey = "ctg.access_token";

    public async Task InvokeAsync(HttpContext context)
    {
        if (context.User.Identity?.IsAuthenticated == true)
        {
            var token = await context.GetTokenAsync("access_token");
            if (!string.IsNullOrEmpty(token)) context.Items[ItemKey] = token;
        }
        await next(context);
    }
}
