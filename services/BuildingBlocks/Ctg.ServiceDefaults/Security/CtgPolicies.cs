namespace Ctg.ServiceDefaults.Security;

/// <summary>The authorization policies RPCs declare (<c>[Authorize(Policy = CtgPolicies.X)]</c> on the
/// endpoint method). Who each admits is defined once, in <c>PolicyCatalog</c> (identity); row-level
/// scoping (a CAF's conventions, a manager's structures) is done by the queries themselves.</summary>
public static class CtgPolicies
{
    /// <summary>Conventions, signatories, compétences, AO obligations, action plans: every staff role,
    /// structure managers (conventions are public deliberations), partners with ctg.signatories.read.</summary>
    public const string SignatoriesRead = "signatories.read";

    /// <summary>Creating and changing conventions: finance officers of the convention's CAF, partners with ctg.signatories.write.</summary>
    public const string SignatoriesWrite = "signatories.write";

    /// <summary>Registry, declarations, references: staff, structure managers (their structures only), partners with ctg.structures.read.</summary>
    public const string StructuresRead = "structures.read";

    /// <summary>Registering and changing structures, references, imports: finance officers, partners with ctg.structures.write.</summary>
    public const string StructuresWrite = "structures.write";

    /// <summary>Submitting and correcting declarations: finance officers, structure managers (their structures), partners with ctg.structures.write.</summary>
    public const string DeclarationsWrite = "structures.declarations.write";

    /// <summary>Funding results, runs, history, payments, explanations: staff, structure managers (their structures), partners with ctg.funding.read.</summary>
    public const string FundingRead = "funding.read";

    /// <summary>Computing, simulating, running allocations: finance officers, partners with ctg.funding.write.</summary>
    public const string FundingCompute = "funding.compute";

    /// <summary>Approving an allocation run: approvers only (and never the run's requester, checked by the handler).</summary>
    public const string FundingApprove = "funding.approve";

    /// <summary>Read models and reports: staff, structure managers (their structures), partners with ctg.reporting.read.</summary>
    public const string ReportingRead = "reporting.read";

    /// <summary>Parameters (barèmes), replay, read-model rebuild, parked events: administrators.</summary>
    public const string Administration = "administration";

    /// <summary>Every service's audit log: auditors and administrators.</summary>
    public const string AuditRead = "audit.read";

    /// <summary>Demo data loading: any authenticated caller, and only when the host runs in the
    /// Development environment (the endpoint answers PERMISSION_DENIED otherwise).</summary>
    public const string DevelopmentOnly = "development";
}
