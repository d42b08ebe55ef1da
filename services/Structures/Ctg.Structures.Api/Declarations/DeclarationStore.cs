using System.Data.Common;
using Ctg.Structures.Persistence;
using Ctg.Structures.V1;
using Ctg.Data;
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
}
