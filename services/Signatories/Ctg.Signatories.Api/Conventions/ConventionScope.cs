using System.Data.Common;
using Ctg.Data;
using Ctg.ServiceDefaults.Security;

namespace Ctg.Signatories.Conventions;

/// <summary>Which conventions a caller may see and change, from the token only: a CAF's finance officer or
/// approver those of the CAFs their token names; auditors, administrators, structure managers and partner
/// systems without a CAF claim see every convention. The store filters in its SQL (never after paging), and
/// a convention outside the scope is answered as if it did not exist (NOT_FOUND), so that the answer does
/// not reveal another CAF's conventions.</summary>
public sealed record ConventionScope(IReadOnlyList<string>? Cafs)
{
    /// <summary>No restriction: demo data loading at start-up and the store's own checks.</summary>
    public static readonly ConventionScope Everything = new((IReadOnlyList<string>?)null);

    public static ConventionScope Of(CallerIdentity caller) => new(caller.IsRestrictedToCafs ? caller.Cafs : null);

    public bool Allows(string cafDepartement) => Cafs is null || Cafs.Contains(cafDepartement, StringComparer.Ordinal);

    /// <summary>The SQL predicate on the <c>caf_departement</c> column of a <c>conventions</c> row, to follow an
    /// <c>AND</c> (a list condition in the connection's dialect); <c>1 = 1</c> when the caller sees every CAF.</summary>
    public string Predicate(DbConnection connection) => Cafs is null ? "1 = 1" : SqlLists.In(connection, "caf_departement", "scopeCafs");

    /// <summary>The parameter of <see cref="Predicate"/>: never empty, so the expansion is valid SQL in every dialect.</summary>
    public IReadOnlyList<string> Parameter => Cafs is { Count: > 0 } cafs ? cafs : [string.Empty];
}
