using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.Options;

namespace Ctg.Web.Security;

/// <summary>
/// Renews the access token with the refresh token shortly before it expires, server-side, so that a page
/// never calls a service with an expired token; when renewal fails the session ends and the user signs in
/// again (the page asks for it rather than showing service errors).
/// </summary>
public sealed class TokenRefresher(IOptionsMonitor<OpenIdConnectOptions> oidcOptions, IHttpClientFactory httpClientFactory, TimeProvider time, ILogger<TokenRefresher> logger)
{
    private static readonly TimeSpan Margin = TimeSpan.FromSeconds(60);

    public async Task RefreshIfNeededAsync(CookieValidatePrincipalContext context)
    {
        var expiresAt = context.Properties.GetTokenValue("expires_at");
        if (expiresAt is null || !DateTimeOffset.TryParse(expiresAt, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var expires)
            || expires - time.GetUtcNow() > Margin)
        {
            return;
        }

        var refreshToken = context.Properties.GetTokenValue("refresh_token");
        if (string.IsNullOrEmpty(refreshToken))
        {
            context.RejectPrincipal();
            return;
        }

        var options = oidcOptions.Get(OpenIdConnectDefaults.AuthenticationScheme);
        try
        {
            var configuration = await options.ConfigurationManager!.GetConfigurationAsync(context.HttpContext.RequestAborted);
            using var http = httpClientFactory.CreateClient();
            using var response = await http.PostAsync(configuration.TokenEndpoint, new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "refresh_token",
                ["refresh_token"] = refreshToken,
                ["client_id"] = options.ClientId!,
                ["client_secret"] = options.ClientSecret ?? "",
            }), context.HttpContext.RequestAborted);
            if (!response.IsSuccessStatusCode)
            {
                logger.LogInformation("Refresh token refused ({Status}); the session ends.", (int)response.StatusCode);
                context.RejectPrincipal();
                return;
            }

            using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(context.HttpContext.RequestAborted));
            var root = json.RootElement;
            context.Properties.UpdateTokenValue("access_token", root.GetProperty("access_token").GetString()!);
            if (root.TryGetProperty("refresh_token", out var newRefresh))
            {
                context.Properties.UpdateTokenValue("refresh_token", newRefresh.GetString()!);
            }
            var lifetime = root.TryGetProperty("expires_in", out var seconds) ? seconds.GetInt32() : 300;
            context.Properties.UpdateTokenValue("expires_at", time.GetUtcNow().AddSeconds(lifetime).ToString("o", CultureInfo.InvariantCulture));
            context.ShouldRenew = true;
        }
        catch (Exception e) when (e is HttpRequestException or InvalidOperationException or JsonException or KeyNotFoundException or TaskCanceledException)
        {
            logger.LogWarning(e, "Token refresh failed; the session ends.");
            context.RejectPrincipal();
        }
    }
}
