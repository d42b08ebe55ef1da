namespace Ctg.DevIdentity;

/// <summary>Configuration section <c>DevIdentity</c>: who may log in and which clients may ask for tokens.
/// The demo entries live in appsettings.Development.json; tests add their own through configuration.</summary>
public sealed class IdentityDirectory
{
    public const string SectionName = "DevIdentity";

    /// <summary>The issuer URL, which is also where the provider listens (http://127.0.0.1:5400/ under make run).</summary>
    public string Issuer { get; set; } = "http://127.0.0.1:5400/";

    /// <summary>Where the token store (SQLite) lives; a fresh temporary directory when empty.</summary>
    public string? DataDirectory { get; set; }

    /// <summary>A PEM file holding the RSA signing key, created when missing; empty = a key generated at
    /// each start (tokens of a previous run then fail validation, which is what a developer expects).</summary>
    public string? SigningKeyFile { get; set; }

    /// <summary>Lets the provider start outside the Development environment. Never set it in production:
    /// this provider holds demo passwords in configuration.</summary>
    public bool AllowOutsideDevelopment { get; set; }

    public int AccessTokenMinutes { get; set; } = 60;

    public Dictionary<string, DirectoryUser> Users { get; set; } = new(StringComparer.Ordinal);

    public Dictionary<string, DirectoryClient> Clients { get; set; } = new(StringComparer.Ordinal);

    public DirectoryUser? FindUser(string? login) =>
        login is not null && Users.TryGetValue(login, out var user) ? user : null;
}

public sealed class DirectoryUser
{
    public string Password { get; set; } = "";

    public string Name { get; set; } = "";

    public List<string> Roles { get; set; } = [];

    /// <summary>CAF département codes (claim ctg_caf).</summary>
    public List<string> Cafs { get; set; } = [];

    /// <summary>Manager names as the registry spells them (claim ctg_gestionnaire).</summary>
    public List<string> Gestionnaires { get; set; } = [];
}

public sealed class DirectoryClient
{
    public string DisplayName { get; set; } = "";

    /// <summary>Empty for a public client (the CLI).</summary>
    public string? Secret { get; set; }

    /// <summary>OAuth2 grant types: authorization_code, refresh_token, client_credentials, password,
    /// urn:ietf:params:oauth:grant-type:device_code.</summary>
    public List<string> GrantTypes { get; set; } = [];

    /// <summary>Scopes the client may ask for, beyond openid (always allowed for interactive grants).</summary>
    public List<string> Scopes { get; set; } = [];

    public List<string> RedirectUris { get; set; } = [];

    public List<string> PostLogoutRedirectUris { get; set; } = [];
}
