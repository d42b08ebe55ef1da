using System.Security.Claims;
using Ctg.ServiceDefaults.Security;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Ctg.DevIdentity;

/// <summary>Builds the principals OpenIddict turns into tokens: the claims of CONTRACTS.md, in the access
/// token (JWT) for the services and, for people, in the identity token for the web application.</summary>
public static class TokenPrincipals
{
    /// <summary>A person's token is valid at every service: the policies and the queries narrow what it may do.</summary>
    public static readonly string[] AllAudiences = ["ctg-signatories", "ctg-structures", "ctg-funding", "ctg-reporting"];

    /// <summary>Scopes a person may be granted (never a partner scope: people get rights from roles).</summary>
    private static readonly string[] UserScopes = [Scopes.OpenId, Scopes.Profile, Scopes.Roles, Scopes.OfflineAccess];

    public static ClaimsPrincipal ForUser(string login, DirectoryUser user, IEnumerable<string> requestedScopes)
    {
        var identity = new ClaimsIdentity(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme, CtgClaims.Name, CtgClaims.Role);
        identity.SetClaim(CtgClaims.Subject, login);
        identity.SetClaim(CtgClaims.Name, user.Name);
        identity.SetClaims(CtgClaims.Role, [.. user.Roles]);
        identity.SetClaims(CtgClaims.Caf, [.. user.Cafs]);
        identity.SetClaims(CtgClaims.Gestionnaire, [.. user.Gestionnaires]);
        var principal = new ClaimsPrincipal(identity);
        principal.SetScopes(requestedScopes.Where(UserScopes.Contains));
        principal.SetResources(AllAudiences);
        principal.SetDestinations(claim => claim.Type switch
        {
            CtgClaims.Name or CtgClaims.Role or CtgClaims.Caf or CtgClaims.Gestionnaire => [Destinations.AccessToken, Destinations.IdentityToken],
            _ => [Destinations.AccessToken],
        });
        return principal;
    }

    /// <summary>A partner system (client credentials): its subject is its client id, its rights are its
    /// scopes, and it is audience only of the services its scopes name.</summary>
    public static ClaimsPrincipal ForClient(string clientId, DirectoryClient client, IReadOnlyCollection<string> requestedScopes)
    {
        var granted = requestedScopes.Count == 0 ? client.Scopes : requestedScopes.Where(client.Scopes.Contains).ToList();
        var identity = new ClaimsIdentity(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme, CtgClaims.Name, CtgClaims.Role);
        identity.SetClaim(CtgClaims.Subject, clientId);
        identity.SetClaim(CtgClaims.Name, string.IsNullOrEmpty(client.DisplayName) ? clientId : client.DisplayName);
        var principal = new ClaimsPrincipal(identity);
        principal.SetScopes(granted);
        principal.SetResources(granted.Select(AudienceOfScope).OfType<string>().Distinct());
        principal.SetDestinations(_ => [Destinations.AccessToken]);
        return principal;
    }

    /// <summary>ctg.funding.read → ctg-funding: the service a partner scope is about.</summary>
    public static string? AudienceOfScope(string scope)
    {
        var parts = scope.Split('.');
        return parts.Length == 3 && parts[0] == "ctg" ? "ctg-" + parts[1] : null;
    }
}
