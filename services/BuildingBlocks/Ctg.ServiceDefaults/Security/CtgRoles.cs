namespace Ctg.ServiceDefaults.Security;

/// <summary>The roles a person's token carries (claim <see cref="CtgClaims.Role"/>). Code names are
/// English; <see cref="FrenchLabel"/> is what a person reads.</summary>
public static class CtgRoles
{
    /// <summary>Gestionnaire financier de la CAF: import, declarations, compute, simulate, run allocations, export, for their CAF.</summary>
    public const string FinanceOfficer = "ctg.finance_officer";

    /// <summary>Responsable / ordonnateur: approves allocation runs, never one they requested (four-eyes).</summary>
    public const string Approver = "ctg.approver";

    /// <summary>Gestionnaire de structure: reads and declares for the structures of the gestionnaires named in the token.</summary>
    public const string StructureManager = "ctg.structure_manager";

    /// <summary>Auditeur: reads everything, audit logs included; writes nothing.</summary>
    public const string Auditor = "ctg.auditor";

    /// <summary>Administrateur: parameters (barèmes), replay, read-model rebuild, parked events.</summary>
    public const string Administrator = "ctg.admin";

    public static readonly IReadOnlyList<string> All = [FinanceOfficer, Approver, StructureManager, Auditor, Administrator];

    public static string FrenchLabel(string role) => role switch
    {
        FinanceOfficer => "gestionnaire financier de la CAF",
        Approver => "ordonnateur",
        StructureManager => "gestionnaire de structure",
        Auditor => "auditeur",
        Administrator => "administrateur",
        _ => role,
    };
}
