using Microsoft.AspNetCore.Authorization;

namespace Ctg.ServiceDefaults.Security;

/// <summary>Who each <see cref="CtgPolicies"/> name admits: a caller holding one of the roles OR one of the
/// partner scopes. The one definition the services, the matrix test and the web application share.</summary>
public static class PolicyCatalog
{
    public sealed record Rule(IReadOnlyList<string> Roles, IReadOnlyList<string> Scopes, bool DevelopmentOnly = false);

    /// <summary>Every staff role: reads are open to them (row-level scoping is the queries' job).</summary>
    private static readonly string[] Staff = [CtgRoles.FinanceOfficer, CtgRoles.Approver, CtgRoles.Auditor, CtgRoles.Administrator];

    private static readonly string[] StaffAndManagers = [.. Staff, CtgRoles.StructureManager];

    public static readonly IReadOnlyDictionary<string, Rule> Rules = new Dictionary<string, Rule>(StringComparer.Ordinal)
    {
        [CtgPolicies.SignatoriesRead] = new(StaffAndManagers, [CtgScopes.SignatoriesRead]),
        [CtgPolicies.SignatoriesWrite] = new([CtgRoles.FinanceOfficer], [CtgScopes.SignatoriesWrite]),
        [CtgPolicies.StructuresRead] = new(StaffAndManagers, [CtgScopes.StructuresRead]),
        [CtgPolicies.StructuresWrite] = new([CtgRoles.FinanceOfficer], [CtgScopes.StructuresWrite]),
        [CtgPolicies.DeclarationsWrite] = new([CtgRoles.FinanceOfficer, CtgRoles.StructureManager], [CtgScopes.StructuresWrite]),
        [CtgPolicies.FundingRead] = new(StaffAndManagers, [CtgScopes.FundingRead]),
        [CtgPolicies.FundingCompute] = new([CtgRoles.FinanceOfficer], [CtgScopes.FundingWrite]),
        [CtgPolicies.FundingApprove] = new([CtgRoles.Approver], []),
        [CtgPolicies.ReportingRead] = new(StaffAndManagers, [CtgScopes.ReportingRead]),
        [CtgPolicies.Administration] = new([CtgRoles.Administrator], []),
        [CtgPolicies.AuditRead] = new([CtgRoles.Auditor, CtgRoles.Administrator], []),
        [CtgPolicies.DevelopmentOnly] = new([], [], DevelopmentOnly: true),
    };

    /// <summary>True when <paramref name="caller"/> passes <paramref name="policy"/> (outside the environment check).</summary>
    public static bool Admits(string policy, CallerIdentity caller)
    {
        var rule = Rules[policy];
        if (!caller.IsAuthenticated)
        {
            return false;
        }

        return rule.DevelopmentOnly || rule.Roles.Any(caller.IsInRole) || rule.Scopes.Any(caller.HasScope);
    }

    public static void AddTo(AuthorizationOptions options)
    {
        foreach (var (name, rule) in Rules)
        {
            options.AddPolicy(name, policy =>
            {
                policy.RequireAuthenticatedUser();
                policy.AddRequirements(rule.DevelopmentOnly ? new DevelopmentEnvironmentRequirement() : new RoleOrScopeRequirement(name));
            });
        }

        // Nothing is open by accident: an endpoint that declares no policy still needs a valid token
        // (the Dapr app channel on the HTTP port is protected by the app API token instead).
        options.FallbackPolicy = new AuthorizationPolicyBuilder().AddRequirements(new AuthenticatedOrAppChannelRequirement()).Build();
    }
}
