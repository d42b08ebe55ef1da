namespace Ctg.ServiceDefaults.Security;

/// <summary>The claim types the platform reads from a token. Standard OIDC/JWT names where one exists,
/// so that any provider (Keycloak, ProConnect, a CAF's own) can be mapped onto them.</summary>
public static class CtgClaims
{
    public const string Subject = "sub";
    public const string Name = "name";
    public const string Role = "role";
    public const string Scope = "scope";
    public const string ClientId = "client_id";

    /// <summary>The CAF a member of staff works for, as its département code ("39" = CAF du Jura).
    /// Several values for staff of several CAFs; absent for national roles (auditor, administrator).</summary>
    public const string Caf = "ctg_caf";

    /// <summary>For a structure manager: the gestionnaire whose structures they see, exactly as the
    /// registry names it (<c>Manager.name</c>, compared case-insensitively). Several values allowed.</summary>
    public const string Gestionnaire = "ctg_gestionnaire";
}
