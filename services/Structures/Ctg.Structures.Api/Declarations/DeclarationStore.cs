using System.Data.Common;
using Ctg.Data;
using Ctg.Structures.Shared;
using Ctg.Structures.V1;
using Dapper;

namespace Ctg.Structures.Declarations;

/// <summary>Declarations are inserted, never updated: each revision is a row.</summary>
internal sealed class DeclarationStore(ISqlDialectSyntax syntax)
{
    public Task<int> LatestRevisionAsync(DbConnection connection, DbTransaction? transaction, string structureId, int year, DeclarationVersion version, CancellationToken ct) =>
        connection.ExecuteScalarAsync<int>(new CommandDefinition(
            "SELECT COALESCE(MAX(revision), 0) FROM declarations WHERE structure_id = @structureId AND year = @year AND version = @version",
            new { structureId, year, version = version.Code() }, transaction, cancellationToken: ct));

    public Task InsertAsync(DbConnection connection, DbTransaction transaction, Declaration declaration, CancellationToken ct) =>
        connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO declarations (declaration_id, structure_id, year, version, revision, recorded_at, data)
            VALUES (@DeclarationId, @StructureId, @Year, @Version, @Revision, @RecordedAt, @Data)
            """,
            new
            {
                declaration.DeclarationId,
                declaration.StructureId,
                declaration.Year,
                Version = declaration.Version.Code(),
                declaration.Revision,
                declaration.RecordedAt,
                Data = StructureStore.ToStored(declaration),
            },
            transaction, cancellationToken: ct));

    private static readonly string[] Columns = ["declaration_id", "structure_id", "year", "version", "revision", "recorded_at", "data"];

    /// <summary>Many first revisions at once (the bulk import).</summary>
    public static Task InsertManyAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<Declaration> declarations, CancellationToken ct) =>
        BatchInsert.ExecuteAsync(connection, transaction, "declarations", Columns,
            declarations.Select(d => new object?[]
            {
                d.DeclarationId, d.StructureId, d.Year, d.Version.Code(), d.Revision, d.RecordedAt, StructureStore.ToStored(d),
            }).ToList(), ct);

    public async Task<Declaration?> GetAsync(DbConnection connection, string structureId, int year, DeclarationVersion version, int revision, CancellationToken ct)
    {
        var json = await connection.QueryFirstOrDefaultAsync<string>(new CommandDefinition(
            revision > 0
                ? "SELECT data FROM declarations WHERE structure_id = @structureId AND year = @year AND version = @version AND revision = @revision"
                : $"SELECT data FROM declarations WHERE structure_id = @structureId AND year = @year AND version = @version ORDER BY revision DESC {syntax.Limit("1")}",
            new { structureId, year, version = version.Code(), revision }, cancellationToken: ct));
        return json is null ? null : StructureStore.FromStored<Declaration>(json);
    }

    public async Task<IReadOnlyList<Declaration>> ListAsync(DbConnection connection, string structureId, int year, CancellationToken ct)
    {
        var rows = await connection.QueryAsync<string>(new CommandDefinition(
            "SELECT data FROM declarations WHERE structure_id = @structureId AND (@year = 0 OR year = @year) ORDER BY year, version, revision",
            new { structureId, year }, cancellationToken: ct));
        // Order by the calendar (prévisionnel, juin, septembre, réel), not by the version code's spelling.
        return rows.Select(StructureStore.FromStored<Declaration>)
            .OrderBy(d => d.Year).ThenBy(d => (int)d.Version).ThenBy(d => d.Revision).ToList();
    }

    /// <summary>The latest revision of one year and version for every structure of a CTG, in structure_id
    /// order, read as the rows come (the national allocation streams tens of thousands).</summary>
    public async IAsyncEnumerable<Declaration> StreamLatestOfConventionAsync(
        DbConnection connection, string conventionId, int year, DeclarationVersion version, StructureScope scope,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        var parameters = new DynamicParameters(new { conventionId, year, version = version.Code() });
        var scoped = scope.Sql(connection, parameters, "s");
        await using var reader = await connection.ExecuteReaderAsync(new CommandDefinition(
            $"""
            SELECT d.data FROM declarations d
            JOIN structures s ON s.structure_id = d.structure_id
            WHERE s.convention_id = @conventionId AND d.year = @year AND d.version = @version{scoped}
              AND d.revision = (SELECT MAX(l.revision) FROM declarations l
                                WHERE l.structure_id = d.structure_id AND l.year = d.year AND l.version = d.version)
            ORDER BY d.structure_id
            """,
            parameters, cancellationToken: ct));
        while (await reader.ReadAsync(ct))
        {
            yield return StructureStore.FromStored<Declaration>(reader.GetString(0));
        }
    }
}
