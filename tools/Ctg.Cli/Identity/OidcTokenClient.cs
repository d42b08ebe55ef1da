using System.Net.Http.Json;
using System.Text.Json.Serialization;
using Ctg.Cli.Errors;

namespace Ctg.Cli.Identity;

/// <summary>The token endpoint of the identity provider, as ctg (a public client, <c>ctg-cli</c>) uses it:
/// password grant and device code (development provider), refresh.</summary>
public sealed class OidcTokenClient(Uri issuer) : IDisposable
{
    public const string ClientId = "ctg-cli";
    private const string Scopes = "openid profile roles offline_access";
    private readonly HttpClient _http = new() { BaseAddress = issuer, Timeout = TimeSpan.FromSeconds(15) };

    public Uri Issuer { get; } = issuer;

    public Task<StoredSession> PasswordAsync(string login, string password, CancellationToken cancellationToken) =>
        RequestAsync(login, new Dictionary<string, string>
        {
            ["grant_type"] = "password", ["client_id"] = ClientId, ["username"] = login, ["password"] = password, ["scope"] = Scopes,
        }, cancellationToken);

    public Task<StoredSession> RefreshAsync(StoredSession session, CancellationToken cancellationToken) =>
        RequestAsync(session.Login, new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token", ["client_id"] = ClientId, ["refresh_token"] = session.RefreshToken ?? "",
        }, cancellationToken);

    /// <summary>Device code: asks for a code, lets the caller show it, then polls until the person confirmed it.</summary>
    public async Task<StoredSession> DeviceAsync(Func<DeviceAuthorization, Task> show, CancellationToken cancellationToken)
    {
        using var response = await PostAsync("connect/device", new Dictionary<string, string> { ["client_id"] = ClientId, ["scope"] = Scopes }, cancellationToken);
        var device = await response.Content.ReadFromJsonAsync<DeviceAuthorization>(cancellationToken)
            ?? throw new CliException(ExitCodes.ServiceUnavailable, "Le fournisseur d'identité a envoyé une réponse vide.");
        await show(device);
        var interval = TimeSpan.FromSeconds(Math.Max(1, device.Interval));
        var until = DateTimeOffset.UtcNow.AddSeconds(device.ExpiresIn);
        while (DateTimeOffset.UtcNow < until)
        {
            await Task.Delay(interval, cancellationToken);
            var form = new Dictionary<string, string>
            {
                ["grant_type"] = "urn:ietf:params:oauth:grant-type:device_code", ["client_id"] = ClientId, ["device_code"] = device.DeviceCode,
            };
            using var poll = await _http.PostAsync("connect/token", new FormUrlEncodedContent(form), cancellationToken);
            var body = await poll.Content.ReadFromJsonAsync<TokenResponse>(cancellationToken);
            if (poll.IsSuccessStatusCode && body?.AccessToken is not null)
            {
                return ToSession(LoginOf(body.AccessToken), body);
            }

            if (body?.Error is "slow_down")
            {
                interval += TimeSpan.FromSeconds(5);
            }
            else if (body?.Error is not "authorization_pending")
            {
                throw new CliException(ExitCodes.PreconditionFailed, $"Connexion refusée par le fournisseur d'identité ({body?.Error ?? poll.StatusCode.ToString()}).");
            }
        }

        throw new CliException(ExitCodes.PreconditionFailed, "Le code a expiré avant d'être validé : relancez ctg login --appareil.");
    }

    private async Task<StoredSession> RequestAsync(string login, Dictionary<string, string> form, CancellationToken cancellationToken)
    {
        using var response = await PostAsync("connect/token", form, cancellationToken);
        var body = await response.Content.ReadFromJsonAsync<TokenResponse>(cancellationToken);
        if (!response.IsSuccessStatusCode || body?.AccessToken is null)
        {
            throw body?.Error == "invalid_grant" && form["grant_type"] == "password"
                ? new CliException(ExitCodes.Validation, "Identifiant ou mot de passe incorrect.")
                : body?.Error == "invalid_grant"
                    ? new CliException(ExitCodes.PreconditionFailed, "Session expirée : relancez ctg login.")
                    : new CliException(ExitCodes.ServiceUnavailable, $"Le fournisseur d'identité a refusé la demande ({body?.Error ?? response.StatusCode.ToString()}).");
        }

        return ToSession(login, body);
    }

    private async Task<HttpResponseMessage> PostAsync(string path, Dictionary<string, string> form, CancellationToken cancellationToken)
    {
        try
        {
            return await _http.PostAsync(path, new FormUrlEncodedContent(form), cancellationToken);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            throw new CliException(ExitCodes.ServiceUnavailable,
                $"Le fournisseur d'identité ne répond pas à {Issuer}. Vérifiez qu'il est démarré (make run) ou l'option --identity-url.");
        }
    }

    private StoredSession ToSession(string login, TokenResponse body) =>
        new(Issuer.ToString(), ClientId, login, body.AccessToken!, body.RefreshToken, DateTimeOffset.UtcNow.AddSeconds(body.ExpiresIn));

    private static string LoginOf(string accessToken) => AccessTokenClaims.Read(accessToken).Subject;

    public void Dispose() => _http.Dispose();

    private sealed record TokenResponse(
        [property: JsonPropertyName("access_token")] string? AccessToken,
        [property: JsonPropertyName("refresh_token")] string? RefreshToken,
        [property: JsonPropertyName("expires_in")] int ExpiresIn,
        [property: JsonPropertyName("error")] string? Error);
}

public sealed record DeviceAuthorization(
    [property: JsonPropertyName("device_code")] string DeviceCode,
    [property: JsonPropertyName("user_code")] string UserCode,
    [property: JsonPropertyName("verification_uri")] string VerificationUri,
    [property: JsonPropertyName("verification_uri_complete")] string? VerificationUriComplete,
    [property: JsonPropertyName("expires_in")] int ExpiresIn,
    [property: JsonPropertyName("interval")] int Interval);
