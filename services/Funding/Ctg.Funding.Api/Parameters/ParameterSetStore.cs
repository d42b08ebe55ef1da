using System.Globalization;
using Ctg.Data;
using Ctg.Application.Commands;
using Ctg.Domain;
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

    /// <summary>Up to <paramref name="limit"/> loaded sets, newest first, whose number is below
    /// <paramref name="beforeNumber"/> (all when null), and how many sets were loaded in all.</summary>
    public async Task<(IReadOnlyList<StoredParameterSet> Sets, int Total)> PageAsync(int? beforeNumber, int limit, CancellationToken ct)
    {
        await using var connection = await connections.OpenAsync(ct);
        // The first page is "below the largest number": one statement, and no parameter that is only ever null
        // (PostgreSQL cannot type one).
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(
            $"SELECT {Columns} FROM parameter_sets WHERE number < @Before ORDER BY number DESC {connections.Syntax.Limit("@Limit")}",
            new { Before = beforeNumber ?? int.MaxValue, Limit = limit }, cancellationToken: ct));
        var total = await connection.ExecuteScalarAsync<int>(new CommandDefinition("SELECT COUNT(*) FROM parameter_sets", cancellationToken: ct));
        return (rows.Select(r => r.ToSet()).ToList(), total);
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

    /// <summary>The latest set number, read in the command's transaction.</summary>
    public static async Task<int> LatestNumberAsync(ICommandContext ctx) =>
        await ctx.Connection.ExecuteScalarAsync<int?>(new CommandDefinition("SELECT MAX(number) FROM parameter_sets",
            transaction: ctx.Transaction, cancellationToken: ctx.CancellationToken)) ?? 0;

    /// <summary>The files of a stored set, read in the command's transaction.</summary>
    public static async Task<IReadOnlyList<(string RelativePath, string Yaml)>> FilesAsync(ICommandContext ctx, int number)
    {
        var rows = await ctx.Connection.QueryAsync<(string, string)>(new CommandDefinition(
            "SELECT path, yaml FROM parameter_set_files WHERE number = @Number", new { Number = number }, ctx.Transaction, cancellationToken: ctx.CancellationToken));
        return rows.OrderBy(r => r.Item1, StringComparer.Ordinal).ToList();
    }

    /// <summary>Inserts the set and its files in the command's transaction. Two concurrent loads compute the same
    /// number: the primary key refuses the second, reported as ABORTED (load again).</summary>
    public static async Task InsertAsync(ICommandContext ctx, StoredParameterSet set, IReadOnlyList<(string RelativePath, string Yaml)> files)
    {
        var (connection, transaction, ct) = (ctx.Connection, ctx.Transaction, ctx.CancellationToken);
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
        }
        catch (System.Data.Common.DbException e) when (UniqueKeyViolations.IsUniqueViolation(e))
        {
            throw new ConflictError("Another parameter set was loaded at the same time: load again.");
        }

        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO parameter_set_files (number, path, yaml) VALUES (@Number, @Path, @Yaml)",
            files.Select(f => new { set.Number, Path = f.RelativePath, Yaml = f.Yaml }), transaction, cancellationToken: ct));
        ctx.AddTarget("parameter-set-" + set.Number);
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
