using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.Options;

namespace Ctg.Web.Security;

/// <summary>
/// The readiness check (<c>/readyz</c>): the web is ready once it holds the provider's discovery document and
/// signing keys. Without this the first person to sign in after a start pays for the discovery fetch (and the
/// code it runs for the first time) inside their sign-in, which on a busy machine ran past a browser's wait.
/// <c>/healthz</c> stays the liveness check: a provider that is down must not get the web restarted.
/// </summary>
public static class ProviderReadiness
{
    public static async Task<IResult> CheckAsync(IOptionsMonitor<OpenIdConnectOptions> options, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var oidc = options.Get(OpenIdConnectDefaults.AuthenticationScheme);
        if (oidc.ConfigurationManager is null)
        {
            return Results.Text("the sign-in is not configured", statusCode: StatusCodes.Status503ServiceUnavailable);
        }

        try
        {
            // Cached by the handler's configuration manager: the first call fetches, the next ones are free.
            var configuration = await oidc.ConfigurationManager.GetConfigurationAsync(cancellationToken);
            return configuration.SigningKeys.Count > 0
                ? Results.Text("ready")
                : Results.Text("the provider published no signing key", statusCode: StatusCodes.Status503ServiceUnavailable);
        }
        catch (Exception e) when (e is InvalidOperationException or HttpRequestException or IOException or TaskCanceledException)
        {
            loggers.CreateLogger(typeof(ProviderReadiness)).LogWarning("Not ready: the provider's discovery document could not be read ({Reason}).", e.Message);
            return Results.Text("the sign-in provider does not answer", statusCode: StatusCodes.Status503ServiceUnavailable);
        }
    }
}
