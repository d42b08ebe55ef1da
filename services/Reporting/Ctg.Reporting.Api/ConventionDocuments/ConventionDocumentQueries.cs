using System.Text.Json;
using Ctg.Data;
using Ctg.Domain;
using Ctg.Reporting.Shared;
using Ctg.Reporting.StructureRegistry;
using Dapper;

namespace Ctg.Reporting.ConventionDocuments;

/// <summary>The documents signatories' state events left (governance, annexes, action plan), the CAF of a
/// CTG for CAF scoping, and the registry and engine figures the annex reports put beside them.</summary>
public sealed class ConventionDocumentQueries(IDbConnectionFactory connections)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The CAF of a CTG as its events named it (convention-signed or a state event); null when none did.</summary>
    public async Task<string?> CafOfAsync(string conventionId, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<string?>(new CommandDefinition(
            """
            SELECT caf_departement FROM rm_conventions WHERE convention_id = @ConventionId AND caf_departement IS NOT NULL
            UNION SELECT caf_departement FROM rm_convention_documents WHERE convention_id = @ConventionId
            """,
            new { ConventionId = conventionId }, cancellationToken: cancellationToken));
    }

    /// <summary>NOT_FOUND unless the caller's CAFs include the CTG's: another CAF's CTG is answered as unknown.</summary>
    public async Task EnsureVisibleAsync(string conventionId, ReportingScope scope, CancellationToken cancellationToken)
    {
        if (scope.Cafs is not null && !scope.AllowsCaf(await CafOfAsync(conventionId, cancellationToken)))
        {
            throw new NotFoundError($"Nothing about convention {conventionId} was received.");
        }
    }

    /// <summary>The document of <paramref name="kind"/> of a CTG the caller may see, with its version; NOT_FOUND otherwise.</summary>
    public async Task<(T Document, long Version)> DocumentAsync<T>(string conventionId, string kind, ReportingScope scope, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<DocumentRow>(new CommandDefinition(
            """
            SELECT caf_departement AS CafDepartement, version AS Version, document AS Document
            FROM rm_convention_documents WHERE convention_id = @ConventionId AND kind = @Kind
            """,
            new { ConventionId = conventionId, Kind = kind }, cancellationToken: cancellationToken));
        if (row is null || !scope.AllowsCaf(row.CafDepartement))
        {
            throw new NotFoundError($"No {kind.Replace('_', ' ')} of convention {conventionId} was received.");
        }

        return (JsonSerializer.Deserialize<T>(row.Document, Json)!, row.Version);
    }

    /// <summary>The registry's structures of a CTG, by id.</summary>
    public async Task<IReadOnlyDictionary<string, StructureRow>> StructuresOfAsync(string conventionId, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<StructureRow>(new CommandDefinition(
            $"SELECT {StructureQueries.Columns} FROM rm_structures WHERE convention_id = @ConventionId",
            new { ConventionId = conventionId }, cancellationToken: cancellationToken));
        return rows.ToDictionary(r => r.StructureId, StringComparer.Ordinal);
    }

    /// <summary>The latest computation ("latest" = position in funding's outbox) of each structure for a year.</summary>
    public async Task<IReadOnlyDictionary<string, LatestComputationRow>> LatestComputationsAsync(
        IReadOnlyCollection<string> structureIds, int year, CancellationToken cancellationToken)
    {
        if (structureIds.Count == 0)
        {
            return new Dictionary<string, LatestComputationRow>();
        }

        await using var connection = await connections.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<LatestComputationRow>(new CommandDefinition(
            $"""
            SELECT structure_id AS StructureId, computation_id AS ComputationId, total_cents AS TotalCents, ps_cents AS PsCents
            FROM rm_structure_computations WHERE {SqlLists.In(connection, "structure_id", "StructureIds")} AND year = @Year
            ORDER BY source_sequence DESC, computation_id DESC
            """,
            new { StructureIds = structureIds, Year = (long)year }, cancellationToken: cancellationToken));
        return rows.GroupBy(r => r.StructureId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
    }

    private sealed record DocumentRow(string CafDepartement, long Version, string Document);
}

public sealed record LatestComputationRow(string StructureId, string ComputationId, long TotalCents, long? PsCents);
