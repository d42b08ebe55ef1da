using System.Data.Common;
using Ctg.Data;
using Ctg.Structures.Shared;
using Ctg.Structures.V1;
using Dapper;

namespace Ctg.Structures.Allocation;

/// <summary>The rows an allocation reads, for a set of CTGs in three queries (structures, references, declarations)
/// instead of three per CTG: the same conditions as StreamStructures (closed included), ListReferences and
/// StreamConventionDeclarations, with the caller's scope.</summary>
internal sealed class AllocationInputsStore
{
    /// <summary>Every structure of the CTGs (closed ones included), in (convention, structure id) order, as stored (protobuf bytes).</summary>
    public async Task<List<(string ConventionId, byte[] Structure)>> StructuresAsync(DbConnection connection, IReadOnlyCollection<string> conventionIds, StructureScope scope, CancellationToken ct)
    {
        var parameters = new DynamicParameters(new { conventionIds });
        var rows = await connection.QueryAsync<(string ConventionId, string Data)>(new CommandDefinition(
            $"""
            SELECT convention_id, data FROM structures
            WHERE {SqlLists.In(connection, "convention_id", "conventionIds")} AND {Predicate(connection, scope, parameters, "")}
            ORDER BY convention_id, structure_id
            """,
            parameters, cancellationToken: ct));
        return rows.Select(r => (r.ConventionId, Convert.FromBase64String(r.Data))).ToList();
    }

    /// <summary>The CEJ references recorded for the CTGs, by convention, in (structure id, reference year) order, as stored.</summary>
    public async Task<List<(string ConventionId, byte[] Reference)>> ReferencesAsync(
        DbConnection connection, IReadOnlyCollection<string> conventionIds, StructureScope scope, CancellationToken ct)
    {
        var parameters = new DynamicParameters(new { conventionIds });
        // Scoped through the structure's current row, as ListReferences.
        var scoped = scope.IsEverything ? "1 = 1" : "EXISTS (SELECT 1 FROM structures s WHERE s.structure_id = r.structure_id" + scope.Sql(connection, parameters, "s") + ")";
        var rows = await connection.QueryAsync<(string ConventionId, string Data)>(new CommandDefinition(
            $"""
            SELECT r.convention_id, r.data FROM cej_references r
            WHERE {SqlLists.In(connection, "r.convention_id", "conventionIds")} AND {scoped}
            ORDER BY r.convention_id, r.structure_id, r.reference_year
            """,
            parameters, cancellationToken: ct));
        return rows.Select(r => (r.ConventionId, Convert.FromBase64String(r.Data))).ToList();
    }

    /// <summary>The caller's scope as one condition (the scope's own SQL is a list of "AND ..." conditions).</summary>
    private static string Predicate(DbConnection connection, StructureScope scope, DynamicParameters parameters, string alias) =>
        "1 = 1" + scope.Sql(connection, parameters, alias);

    /// <summary>The latest revision of one year and version of every declaring structure of the CTGs, by convention, as stored.</summary>
    public async Task<List<(string ConventionId, byte[] Declaration)>> DeclarationsAsync(
        DbConnection connection, IReadOnlyCollection<string> conventionIds, int year, DeclarationVersion version, StructureScope scope, CancellationToken ct)
    {
        var parameters = new DynamicParameters(new { conventionIds, year, version = version.Code() });
        var rows = await connection.QueryAsync<(string ConventionId, string Data)>(new CommandDefinition(
            $"""
            SELECT s.convention_id, d.data FROM declarations d
            JOIN structures s ON s.structure_id = d.structure_id
            WHERE {SqlLists.In(connection, "s.convention_id", "conventionIds")} AND d.year = @year AND d.version = @version AND {Predicate(connection, scope, parameters, "s")}
              AND d.revision = (SELECT MAX(l.revision) FROM declarations l
                                WHERE l.structure_id = d.structure_id AND l.year = d.year AND l.version = d.version)
            ORDER BY s.convention_id, d.structure_id
            """,
            parameters, cancellationToken: ct));
        return rows.Select(r => (r.ConventionId, Convert.FromBase64String(r.Data))).ToList();
    }
}
