using Ctg.ServiceDefaults.Security;

namespace Ctg.Reporting.Shared;

/// <summary>What a caller may read, from the token only: a structure manager the structures of the
/// gestionnaires their token names (lower case), CAF staff the CTGs of their CAFs. Null = no restriction
/// (auditors, administrators, staff and partners without a CAF claim). Whatever lies outside is answered
/// as unknown (NOT_FOUND), so the answer never reveals that it exists.</summary>
public sealed record ReportingScope(IReadOnlyList<string>? Managers, IReadOnlyList<string>? Cafs)
{
    public static ReportingScope Of(CallerIdentity caller) => new(
        caller.IsRestrictedToGestionnaires ? caller.Gestionnaires.Select(Key).Distinct(StringComparer.Ordinal).ToArray() : null,
        caller.IsRestrictedToCafs ? caller.Cafs : null);

    /// <summary>Managers' names compare case-insensitively and without surrounding spaces.</summary>
    public static string Key(string managerName) => managerName.Trim().ToLowerInvariant();

    public bool AllowsManager(string? managerName) => Managers is null || (managerName is not null && Managers.Contains(Key(managerName), StringComparer.Ordinal));

    /// <summary>A CTG whose CAF is unknown to reporting is outside every CAF's scope.</summary>
    public bool AllowsCaf(string? cafDepartement) => Cafs is null || (cafDepartement is not null && Cafs.Contains(cafDepartement, StringComparer.Ordinal));
}
