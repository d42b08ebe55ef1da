using Ctg.ServiceDefaults.Security;
using Microsoft.AspNetCore.Authorization;

namespace Ctg.Web.Security;

/// <summary>Which space a signed-in person may open. These only choose what the web shows: every service
/// checks the token again and scopes the data itself.</summary>
public static class WebPolicies
{
    public const string StructureManager = "web.structure_manager";
    public const string CafStaff = "web.caf_staff";
    public const string Approver = "web.approver";
    public const string Auditor = "web.auditor";
    public const string Administrator = "web.admin";

    public static void Configure(AuthorizationOptions options)
    {
        options.AddPolicy(StructureManager, p => p.RequireClaim(CtgClaims.Role, CtgRoles.StructureManager));
        options.AddPolicy(CafStaff, p => p.RequireClaim(CtgClaims.Role, CtgRoles.FinanceOfficer, CtgRoles.Approver, CtgRoles.Auditor, CtgRoles.Administrator));
        options.AddPolicy(Approver, p => p.RequireClaim(CtgClaims.Role, CtgRoles.Approver));
        options.AddPolicy(Auditor, p => p.RequireClaim(CtgClaims.Role, CtgRoles.Auditor, CtgRoles.Administrator));
        options.AddPolicy(Administrator, p => p.RequireClaim(CtgClaims.Role, CtgRoles.Administrator));
    }
}
