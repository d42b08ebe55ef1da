using System.Data.Common;
using Ctg.Data;
using Ctg.Reporting.Shared;
using Dapper;

namespace Ctg.Reporting.StructureRegistry;

/// <summary>Structures by id and by manager (read models 2 and 3).</summary>
public sealed class StructureQueries(IDbConnectionFactory connections)
{
    internal const string Columns =
        """
        structure_id AS StructureId, version AS Version, kind AS Kind, name AS Name, commune_insee AS CommuneInsee,
        commune_name AS CommuneName, manager_name AS ManagerName, management_mode AS ManagementMode,
        supporting_collectivity_id AS SupportingCollectivityId, convention_id AS ConventionId, agreed_places AS AgreedPlaces,
        opening_date AS OpeningDate, closing_date AS ClosingDate, closed AS Closed
        """;

    public async Task<StructureRow?> FindAsync(string structureId, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<StructureRow>(new CommandDefinition(
            $"SELECT {Columns} FROM rm_structures WHERE structure_id = @StructureId", new { StructureId = structureId }, cancellationToken: cancellationToken));
    }

    /// <summary>A manager's structures after a structure id (keyset paging), and how many it has in all.</summary>
    /// <param name="cafs">The CAFs a CAF's staff member is restricted to (null: every CAF): only structures of
    /// their CTGs are listed and counted, filtered in the query so that pages and totals agree.</param>
    public async Task<(IReadOnlyList<StructureRow> Page, long Total)> ByManagerAsync(
        string managerName, IReadOnlyList<string>? cafs, string afterStructureId, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var cafFilter = cafs is null ? "" : $" AND convention_id IN ({ConventionsOfCafs(connection)})";
        var rows = await connection.QueryAsync<StructureRow>(new CommandDefinition(
            $"""
            SELECT {Columns} FROM rm_structures
            WHERE manager_name = @ManagerName AND structure_id > @After{cafFilter}
            ORDER BY structure_id {connections.Syntax.Limit("@Limit")}
            """,
            new { ManagerName = managerName, After = afterStructureId, Limit = limit, Cafs = cafs ?? [""] },
            cancellationToken: cancellationToken));
        var total = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            $"SELECT COUNT(*) FROM rm_structures WHERE manager_name = @ManagerName{cafFilter}",
            new { ManagerName = managerName, Cafs = cafs ?? [""] }, cancellationToken: cancellationToken));
        return (rows.AsList(), total);
    }

    /// <summary>The CTGs whose events named one of <c>@Cafs</c> as their CAF.</summary>
    internal static string ConventionsOfCafs(DbConnection connection) =>
        $"SELECT convention_id FROM rm_conventions WHERE {SqlLists.In(connection, "caf_departement", "Cafs")} " +
        $"UNION SELECT convention_id FROM rm_convention_documents WHERE {SqlLists.In(connection, "caf_departement", "Cafs")}";
}
