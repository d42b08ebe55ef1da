namespace Ctg.Web.Security;

/// <summary>The OIDC provider and this application's client registration (section <c>Authentication</c>).</summary>
public sealed class OidcSettings
{
    public const string SectionName = "Authentication";

    public string Authority { get; set; } = "";
    public string ClientId { get; set; } = "ctg-web";
    public string ClientSecret { get; set; } = "";
    public bool RequireHttpsMetadata { get; set; } = true;

    /// <summary>Space-separated scopes asked for at sign-in.</summary>
    public string Scopes { get; set; } = "openid profile roles offline_access";

    public void Validate()
    {
        if (!Uri.TryCreate(Authority, UriKind.Absolute, out _))
        {
            throw new InvalidOperationException($"Authentication:Authority must be an absolute URL, got '{Authority}'.");
        }
        if (string.IsNullOrWhiteSpace(ClientId))
        {
            throw new InvalidOperationException("Authentication:ClientId is required.");
        }
    }
}
