using Ctg.ServiceDefaults.Security;
using Ctg.Structures.V1;

namespace Ctg.Structures.Shared;

/// <summary>Which structures a caller may see, from the token only: a structure manager those of the
/// gestionnaires the token names, a CAF's finance officer those of their CAF; staff with a national
/// view, auditors and partner systems without a CAF claim see every structure. The queries filter with
/// it (never after paging), and a structure outside it is answered as if it did not exist.</summary>
internal sealed record StructureScope(IReadOnlyList<string>? ManagerKeys, IReadOnlyList<string>? Cafs)
{
    public static readonly StructureScope Everything = new(null, null);

    public static StructureScope Of(CallerIdentity caller) => new(
        caller.IsRestrictedToGestionnaires ? caller.Gestionnaires.Select(StructureStore.NameKey).Distinct(StringComparer.Ordinal).ToArray() : null,
        caller.IsRestrictedToCafs ? caller.Cafs : null);

    public bool IsEverything => ManagerKeys is null && Cafs is null;

    public bool Allows(Structure structure) =>
        (ManagerKeys is null || ManagerKeys.Contains(StructureStore.NameKey(structure.Details.Manager?.Name ?? ""), StringComparer.Ordinal))
        && (Cafs is null || Cafs.Contains(structure.CafDepartement, StringComparer.Ordinal));

    /// <summary>The SQL condition on a <c>structures</c> row aliased <paramref name="alias"/> (empty: no alias),
    /// with its parameters added to <paramref name="parameters"/>.</summary>
    public string Sql(System.Data.Common.DbConnection connection, Dapper.DynamicParameters parameters, string alias = "")
    {
        var prefix = alias.Length > 0 ? alias + "." : "";
        var sql = "";
        if (ManagerKeys is not null)
        {
            sql += " AND " + Ctg.Data.SqlLists.In(connection, prefix + "manager_key", "scopeManagerKeys");
            parameters.Add("scopeManagerKeys", ManagerKeys);
        }

        if (Cafs is not null)
        {
            sql += " AND " + Ctg.Data.SqlLists.In(connection, prefix + "caf_departement", "scopeCafs");
            parameters.Add("scopeCafs", Cafs);
        }

        return sql;
    }
}
