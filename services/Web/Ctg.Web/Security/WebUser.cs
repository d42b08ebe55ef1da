using System.Security.Claims;
using Ctg.ServiceDefaults.Security;

namespace Ctg.Web.Security;

/// <summary>The signed-in person as the pages need them: which space, which gestionnaire or CAF, a name.
/// Read with <see cref="CallerIdentity"/>, the same reading the services make of the same claims.</summary>
public sealed record WebUser(CallerIdentity Caller)
{
    public static WebUser From(ClaimsPrincipal principal) => new(CallerIdentity.FromPrincipal(principal));

    public bool IsSignedIn => Caller.IsAuthenticated;
    public string DisplayName => Caller.DisplayName;
    public bool IsStructureManager => Caller.IsInRole(CtgRoles.StructureManager);
    public bool IsFinanceOfficer => Caller.IsInRole(CtgRoles.FinanceOfficer);
    public bool IsApprover => Caller.IsInRole(CtgRoles.Approver);
    public bool IsAuditor => Caller.IsInRole(CtgRoles.Auditor) || Caller.IsInRole(CtgRoles.Administrator);
    public bool IsAdministrator => Caller.IsInRole(CtgRoles.Administrator);
    public bool IsCafStaff => IsFinanceOfficer || IsApprover || IsAuditor;

    /// <summary>The gestionnaire whose structures a manager sees (first of the token's values).</summary>
    public string? Gestionnaire => Caller.Gestionnaires.FirstOrDefault();

    /// <summary>The CAF whose conventions a staff member sees by default; null for national roles.</summary>
    public string? Caf => Caller.IsRestrictedToCafs ? Caller.Cafs.FirstOrDefault() : null;

    public string RolesText => Caller.Roles.Count == 0 ? "aucun rôle" : string.Join(", ", Caller.Roles.Select(CtgRoles.FrenchLabel));

    /// <summary>Where the home page sends a signed-in person.</summary>
    public string HomePath => IsCafStaff ? "/financier" : IsStructureManager ? "/gestionnaire" : "/Erreur/403";
}
