using Ctg.Data;
using Dapper;

namespace Ctg.Reporting.Queries;

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
    public async Task<(IReadOnlyList<StructureRow> Page, long Total)> ByManagerAsync(
        string managerName, string afterStructureId, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<StructureRow>(new CommandDefinition(
            $"""
            SELECT {Columns} FROM rm_structures
            WHERE manager_name = @ManagerName AND structure_id > @After
            ORDER BY structure_id {connections.Syntax.Limit("@Limit")}
            """,
            new { ManagerName = managerName, After = afterStructureId, Limit = limit },
            cancellationToken: cancellationToken));
        var total = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COUNT(*) FROM rm_structures WHERE manager_name = @ManagerName", new { ManagerName = managerName }, cancellationToken: cancellationToken));
        return (rows.AsList(), total);
    }
}
