namespace Ctg.ServiceDefaults.Security;

/// <summary>Configuration section <c>Authentication</c>: which OIDC provider issues the tokens a service
/// accepts. Any standard provider works (Keycloak, ProConnect, a CAF's own, Ctg.DevIdentity in development).</summary>
public sealed class CtgAuthenticationOptions
{
    public const string SectionName = "Authentication";

    /// <summary>The issuer URL; discovery (<c>/.well-known/openid-configuration</c>) and the JWKS are read from it.
    /// Without it no token validates, so every RPC but health (and reflection in development) is refused.</summary>
    public string? Authority { get; set; }

    /// <summary>The audience this service requires (<c>ctg-funding</c>…); defaults to <c>ctg-</c> + the service name.</summary>
    public string? Audience { get; set; }

    /// <summary>False only in development, where the provider listens on plain HTTP on loopback.</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    /// <summary>Tolerated clock difference with the provider; bounded so an expired token stops working quickly.</summary>
    public int ClockSkewSeconds { get; set; } = 30;

    /// <summary>How often signing keys are re-read from the JWKS even if no unknown key id shows up.</summary>
    public int KeyRefreshMinutes { get; set; } = 60;

    public void Validate()
    {
        if (ClockSkewSeconds is < 0 or > 300)
        {
            throw new InvalidOperationException($"{SectionName}:{nameof(ClockSkewSeconds)} must be between 0 and 300, got {ClockSkewSeconds}.");
        }

        if (KeyRefreshMinutes <= 0)
        {
            throw new InvalidOperationException($"{SectionName}:{nameof(KeyRefreshMinutes)} must be positive, got {KeyRefreshMinutes}.");
        }
    }
}
