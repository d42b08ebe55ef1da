using Ctg.Application.Commands;
using Ctg.Data;
using Dapper;

namespace Ctg.Funding.Api.Territory;

/// <summary>Table territory_communes: the territory data of each commune from a year on.</summary>
public sealed class TerritoryStore(IDbConnectionFactory connections)
{
    /// <summary>Stores every row in one transaction; a row for a commune and year already loaded replaces it.</summary>
    public static async Task SaveAsync(ICommandContext ctx, IReadOnlyList<CommuneTerritoryRow> rows, string sourceNote, string loadedBy, string loadedAt)
    {
        var (connection, transaction, ct) = (ctx.Connection, ctx.Transaction, ctx.CancellationToken);
        var parameters = rows.Select(r => new
        {
            r.CommuneInsee, r.FromYear, r.Stratum, Qpv = r.Qpv ? 1 : 0, Zrr = r.Zrr ? 1 : 0, SourceNote = sourceNote, LoadedBy = loadedBy, LoadedAt = loadedAt,
        }).ToList();
        await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM territory_communes WHERE commune_insee = @CommuneInsee AND from_year = @FromYear", parameters, transaction, cancellationToken: ct));
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO territory_communes (commune_insee, from_year, stratum, qpv, zrr, source_note, loaded_by, loaded_at)
            VALUES (@CommuneInsee, @FromYear, @Stratum, @Qpv, @Zrr, @SourceNote, @LoadedBy, @LoadedAt)
            """, parameters, transaction, cancellationToken: ct));
        ctx.AddTarget("territory-data");
    }

    /// <summary>For each commune asked, the row in force for the year (latest from_year not after it); communes without data are absent.</summary>
    public async Task<IReadOnlyDictionary<string, StoredCommuneTerritory>> InForceAsync(IReadOnlyCollection<string> communes, int year, CancellationToken ct)
    {
        var result = new Dictionary<string, StoredCommuneTerritory>(StringComparer.Ordinal);
        if (communes.Count == 0) return result;
        await using var connection = await connections.OpenAsync(ct);
        // A few hundred communes per query (a national allocation asks for tens of thousands: one query each cost more
        // than the allocation itself); the latest row of each commune from the year back wins.
        foreach (var chunk in communes.Distinct(StringComparer.Ordinal).Chunk(500))
        {
            var rows = await connection.QueryAsync<Row>(new CommandDefinition(
                $"""
                SELECT commune_insee AS CommuneInsee, from_year AS FromYear, stratum AS Stratum, qpv AS Qpv, zrr AS Zrr,
                       source_note AS SourceNote, loaded_by AS LoadedBy
                FROM territory_communes WHERE {SqlLists.In(connection, "commune_insee", "Communes")} AND from_year <= @Year
                """, new { Communes = chunk, Year = year }, cancellationToken: ct));
            foreach (var r in rows)
            {
                if (!result.TryGetValue(r.CommuneInsee, out var known) || known.FromYear < r.FromYear)
                {
                    result[r.CommuneInsee] = new StoredCommuneTerritory(r.CommuneInsee, (int)r.FromYear, (int)r.Stratum, r.Qpv != 0, r.Zrr != 0, r.SourceNote, r.LoadedBy);
                }
            }
        }

        return result;
    }

    private sealed class Row
    {
        public string CommuneInsee { get; set; } = "";
        public long FromYear { get; set; }
        public long Stratum { get; set; }
        public long Qpv { get; set; }
        public long Zrr { get; set; }
        public string SourceNote { get; set; } = "";
        public string LoadedBy { get; set; } = "";
    }
}

public sealed record StoredCommuneTerritory(string CommuneInsee, int FromYear, int Stratum, bool Qpv, bool Zrr, string SourceNote, string LoadedBy);
