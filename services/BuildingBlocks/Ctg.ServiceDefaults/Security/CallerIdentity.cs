using System.Security.Claims;
using Grpc.Core;

namespace Ctg.ServiceDefaults.Security;

/// <summary>Who is calling, as the validated token says: what audit records, four-eyes checks and
/// row-level scoping use. Never built from a request field.</summary>
public sealed record CallerIdentity(
    string Subject,
    string DisplayName,
    IReadOnlyList<string> Roles,
    string? ClientId,
    IReadOnlyList<string> Cafs,
    IReadOnlyList<string> Gestionnaires,
    IReadOnlyList<string> Scopes,
    bool IsAuthenticated)
{
    /// <summary>A call that carried no token (health, reflection in development, refused calls).</summary>
    public static readonly CallerIdentity Anonymous = new("anonymous", "anonyme", [], null, [], [], [], false);

    public bool IsInRole(string role) => Roles.Contains(role, StringComparer.Ordinal);

    public bool HasScope(string scope) => Scopes.Contains(scope, StringComparer.Ordinal);

    /// <summary>True when the caller sees only the structures of their gestionnaires: a structure
    /// manager holding no staff role and no partner scope that would widen it.</summary>
    public bool IsRestrictedToGestionnaires =>
        IsInRole(CtgRoles.StructureManager)
        && !Roles.Any(r => r is CtgRoles.FinanceOfficer or CtgRoles.Approver or CtgRoles.Auditor or CtgRoles.Administrator);

    /// <summary>True when the caller sees only the conventions and structures of the CAFs in
    /// <see cref="Cafs"/> (finance officers and approvers of a CAF). Auditors, administrators and
    /// partner systems without a CAF claim see every CAF.</summary>
    public bool IsRestrictedToCafs => Cafs.Count > 0 && !IsInRole(CtgRoles.Auditor) && !IsInRole(CtgRoles.Administrator);

    public static CallerIdentity FromPrincipal(ClaimsPrincipal? principal)
    {
        if (principal?.Identity is not { IsAuthenticated: true })
        {
            return Anonymous;
        }

        string[] Values(string type) => principal.FindAll(type).Select(c => c.Value).Where(v => v.Length > 0).Distinct(StringComparer.Ordinal).ToArray();
        var subject = principal.FindFirst(CtgClaims.Subject)?.Value
            ?? principal.FindFirst(ClaimTypes.NameIdentifier)?.Value
            ?? principal.FindFirst(CtgClaims.ClientId)?.Value
            ?? "unknown";
        var roles = Values(CtgClaims.Role).Concat(Values(ClaimTypes.Role)).Distinct(StringComparer.Ordinal).ToArray();
        var scopes = Values(CtgClaims.Scope).SelectMany(s => s.Split(' ', StringSplitOptions.RemoveEmptyEntries)).Distinct(StringComparer.Ordinal).ToArray();
        return new CallerIdentity(
            subject,
            principal.FindFirst(CtgClaims.Name)?.Value ?? principal.FindFirst(ClaimTypes.Name)?.Value ?? subject,
            roles,
            principal.FindFirst(CtgClaims.ClientId)?.Value ?? principal.FindFirst("azp")?.Value,
            Values(CtgClaims.Caf),
            Values(CtgClaims.Gestionnaire),
            scopes,
            true);
    }
}

public static class CallerIdentityExtensions
{
    /// <summary>The caller of a gRPC call, from the principal the authentication middleware validated.</summary>
    public static CallerIdentity GetCaller(this ServerCallContext context) =>
        CallerIdentity.FromPrincipal(context.GetHttpContext().User);
}
