using System.Globalization;
using Ctg.Data;
using Dapper;

namespace Ctg.Funding.Api.Parameters;

/// <summary>The loaded parameter sets and their files (tables parameter_sets, parameter_set_files). Rows are
/// only ever inserted: the database refuses updates and deletes.</summary>
public sealed class ParameterSetStore(IDbConnectionFactory connections)
{
    /// <summary>The number of the set in force on <paramref name="day"/>: the highest whose effective date has come, 0 when none.</summary>
    public async Task<int> NumberInForceAsync(DateOnly day, CancellationToken ct)
    {
        await using var connection = await connections.OpenAsync(ct);
        return await connection.ExecuteScalarAsync<int?>(new CommandDefinition(
            "SELECT MAX(number) FROM parameter_sets WHERE effective_from <= @Day",
            new { Day = Iso(day) }, cancellationToken: ct)) ?? 0;
    }

    public async Task<int> LatestNumberAsync(CancellationToken ct)
    {
        await using var connection = await connections.OpenAsync(ct);
        return await connection.ExecuteScalarAsync<int?>(new CommandDefinition("SELECT MAX(number) FROM parameter_sets", cancellationToken: ct)) ?? 0;
    }

    public async Task<IReadOnlyList<StoredParameterSet>> ListAsync(CancellationToken ct)
    {
        await using var connection = await connections.OpenAsync(ct);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition($"SELECT {Columns} FROM parameter_sets ORDER BY number DESC", cancellationToken: ct));
        return rows.Select(r => r.ToSet()).ToList();
    }

    public async Task<StoredParameterSet?> FindAsync(int number, CancellationToken ct)
    {
        await using var connection = await connections.OpenAsync(ct);
        var row = await connection.QueryFirstOrDefaultAsync<Row>(new CommandDefinition(
            $"SELECT {Columns} FROM parameter_sets WHERE number = @Number", new { Number = number }, cancellationToken: ct));
        return row?.ToSet();
    }

    public async Task<IReadOnlyList<(string RelativePath, string Yaml)>> FilesAsync(int number, CancellationToken ct)
    {
        await using var connection = await connections.OpenAsync(ct);
        var rows = await connection.QueryAsync<(string, string)>(new CommandDefinition(
            "SELECT path, yaml FROM parameter_set_files WHERE number = @Number ORDER BY path", new { Number = number }, cancellationToken: ct));
        return rows.OrderBy(r => r.Item1, StringComparer.Ordinal).ToList();
    }

    /// <summary>Inserts the set as number latest + 1 in one transaction. Two concurrent loads compute the same
    /// number: the primary key refuses the second, which the caller reports as ABORTED (load again).</summary>
    public async Task<bool> TryInsertAsync(StoredParameterSet set, IReadOnlyList<(string RelativePath, string Yaml)> files, CancellationToken ct)
    {
        await using var connection = await connections.OpenAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        var latest = await connection.ExecuteScalarAsync<int?>(new CommandDefinition("SELECT MAX(number) FROM parameter_sets", transaction: transaction, cancellationToken: ct)) ?? 0;
        if (latest != set.Number - 1)
        {
            return false;
        }

        try
        {
            await connection.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO parameter_sets (number, base_number, author_subject, author_name, source_note, effective_from, content_hash,
                    loaded_at, parameter_count, changed_keys)
                VALUES (@Number, @BaseNumber, @AuthorSubject, @AuthorName, @SourceNote, @EffectiveFrom, @ContentHash,
                    @LoadedAt, @ParameterCount, @ChangedKeys)
                """,
                new
                {
                    set.Number, set.BaseNumber, set.AuthorSubject, set.AuthorName, set.SourceNote, EffectiveFrom = Iso(set.EffectiveFrom),
                    set.ContentHash, set.LoadedAt, set.ParameterCount, ChangedKeys = string.Join('\n', set.ChangedKeys),
                }, transaction, cancellationToken: ct));
            await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO parameter_set_files (number, path, yaml) VALUES (@Number, @Path, @Yaml)",
                files.Select(f => new { set.Number, Path = f.RelativePath, Yaml = f.Yaml }), transaction, cancellationToken: ct));
            await transaction.CommitAsync(ct);
            return true;
        }
        catch (System.Data.Common.DbException)
        {
            // Another load took the number between our read and our insert (primary key): the caller loads again.
            if (await FindAsync(set.Number, ct) is not null) return false;
            throw;
        }
    }

    private static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private const string Columns =
        "number AS Number, base_number AS BaseNumber, author_subject AS AuthorSubject, author_name AS AuthorName, source_note AS SourceNote, " +
        "effective_from AS EffectiveFrom, content_hash AS ContentHash, loaded_at AS LoadedAt, parameter_count AS ParameterCount, changed_keys AS ChangedKeys";

    private sealed class Row
    {
        public long Number { get; set; }
        public long BaseNumber { get; set; }
        public string AuthorSubject { get; set; } = "";
        public string AuthorName { get; set; } = "";
        public string SourceNote { get; set; } = "";
        public string EffectiveFrom { get; set; } = "";
        public string ContentHash { get; set; } = "";
        public string LoadedAt { get; set; } = "";
        public long ParameterCount { get; set; }
        public string ChangedKeys { get; set; } = "";

        public StoredParameterSet ToSet() => new((int)Number, (int)BaseNumber, AuthorSubject, AuthorName, SourceNote,
            DateOnly.ParseExact(EffectiveFrom, "yyyy-MM-dd", CultureInfo.InvariantCulture), ContentHash, LoadedAt, (int)ParameterCount,
            ChangedKeys.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }
}
