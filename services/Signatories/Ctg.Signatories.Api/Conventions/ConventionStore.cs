using System.Data.Common;
using Ctg.Application.Commands;
using Ctg.Data;
using Ctg.Domain;
using Ctg.ServiceDefaults;
using Ctg.Signatories.Shared;
using Ctg.Signatories.Storage;
using Dapper;
using Google.Protobuf;

namespace Ctg.Signatories.Conventions;

/// <summary>
/// Conventions in the service's database. A change runs in the command pipeline's transaction: the
/// record with its new version (guarded by the version it was read at, so a concurrent writer gets
/// ABORTED), a copy of that version in <c>convention_versions</c>, the new signatory ids, and the events
/// raised on the command context (the pipeline writes them to the outbox with the audit record).
/// </summary>
public sealed class ConventionStore(IDbConnectionFactory connections)
{
    internal static readonly JsonFormatter Formatter = new(JsonFormatter.Settings.Default);
    private static readonly JsonParser Parser = new(JsonParser.Settings.Default.WithIgnoreUnknownFields(true));

    /// <summary>The convention, if <paramref name="scope"/> lets the caller see it: another CAF's convention
    /// is NOT_FOUND, as an unknown one.</summary>
    public async Task<ConventionAggregate> GetAsync(string conventionId, ConventionScope scope, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return await FindAsync(connection, null, conventionId, scope, cancellationToken)
            ?? throw NotFound(conventionId);
    }

    /// <summary>The convention when the caller may see it; null when unknown or outside <paramref name="scope"/>.</summary>
    public async Task<ConventionAggregate?> FindVisibleAsync(string conventionId, ConventionScope scope, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return await FindAsync(connection, null, conventionId, scope, cancellationToken);
    }

    /// <summary>The conventions of <paramref name="conventionIds"/> the caller may see, in one query, by id; an id unknown
    /// or outside <paramref name="scope"/> has no entry.</summary>
    public async Task<IReadOnlyDictionary<string, ConventionAggregate>> FindVisibleAsync(
        IReadOnlyCollection<string> conventionIds, ConventionScope scope, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<ConventionRow>(new CommandDefinition(
            $"SELECT version, record FROM conventions WHERE {SqlLists.In(connection, "convention_id", "conventionIds")} AND {scope.Predicate(connection)}",
            new { conventionIds = conventionIds.Distinct(StringComparer.Ordinal).ToArray(), scopeCafs = scope.Parameter }, cancellationToken: cancellationToken));
        return rows.Select(r => ConventionAggregate.Load(Parser.Parse<ConventionRecord>(r.Record), r.Version))
            .ToDictionary(a => a.Record.ConventionId, StringComparer.Ordinal);
    }

    public async Task<bool> ExistsAsync(string conventionId, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COUNT(*) FROM conventions WHERE convention_id = @conventionId", new { conventionId }, cancellationToken: cancellationToken)) > 0;
    }

    /// <summary>At most <paramref name="limit"/> conventions of the filter, ordered by CAF département
    /// then convention id, strictly after <paramref name="after"/> when given (keyset paging: a page
    /// does not shift when conventions are added before it).</summary>
    public async Task<IReadOnlyList<ConventionAggregate>> ListAsync(
        string? cafDepartement, ConventionScope scope, (string CafDepartement, string ConventionId)? after, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<ConventionRow>(new CommandDefinition(
            $"""
            SELECT version, record FROM conventions
            WHERE (@cafDepartement = '' OR caf_departement = @cafDepartement)
              AND (@afterConventionId = ''
                   OR caf_departement > @afterCafDepartement
                   OR (caf_departement = @afterCafDepartement AND convention_id > @afterConventionId))
              AND {scope.Predicate(connection)}
            ORDER BY caf_departement, convention_id
            {connections.Syntax.Limit("@limit")}
            """,
            new
            {
                cafDepartement = cafDepartement ?? string.Empty,
                afterCafDepartement = after?.CafDepartement ?? string.Empty,
                afterConventionId = after?.ConventionId ?? string.Empty,
                limit,
                scopeCafs = scope.Parameter,
            },
            cancellationToken: cancellationToken));
        return rows.Select(r => ConventionAggregate.Load(Parser.Parse<ConventionRecord>(r.Record), r.Version)).ToList();
    }

    public async Task<int> CountAsync(string? cafDepartement, ConventionScope scope, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return (int)await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            $"SELECT COUNT(*) FROM conventions WHERE (@cafDepartement = '' OR caf_departement = @cafDepartement) AND {scope.Predicate(connection)}",
            new { cafDepartement = cafDepartement ?? string.Empty, scopeCafs = scope.Parameter }, cancellationToken: cancellationToken));
    }

    public async Task<string?> ConventionIdOfSignatoryAsync(string signatoryId, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<string?>(new CommandDefinition(
            "SELECT convention_id FROM signatories WHERE signatory_id = @signatoryId", new { signatoryId }, cancellationToken: cancellationToken));
    }

    /// <summary>Inserts a new convention (a draft, or a whole demo convention with its signatures) in
    /// the command's transaction; the pipeline commits it with the outbox rows and the audit record.</summary>
    public async Task CreateAsync(ICommandContext ctx, ConventionAggregate aggregate)
    {
        if (!ConventionScope.Of(ctx.Caller).Allows(aggregate.Record.CafDepartement))
        {
            throw new AccessDeniedError($"Convention '{aggregate.Record.ConventionId}' belongs to CAF {aggregate.Record.CafDepartement}, not to a CAF of the caller.");
        }

        if (await FindAsync(ctx.Connection, ctx.Transaction, aggregate.Record.ConventionId, ConventionScope.Everything, ctx.CancellationToken) is not null)
        {
            throw new AlreadyExistsError($"Convention '{aggregate.Record.ConventionId}' already exists.", new FieldViolation("convention_id", "is already used"));
        }

        var now = ctx.Now.ToString("O");
        try
        {
            await InsertAsync(ctx.Connection, ctx.Transaction, aggregate, now, ctx.CancellationToken);
            await WriteChangeAsync(ctx, aggregate, now);
        }
        catch (DbException exception) when (UniqueViolation.Is(exception))
        {
            // A concurrent writer inserted the same convention (or signatory) id first.
            throw new AlreadyExistsError($"Convention '{aggregate.Record.ConventionId}' or one of its signatory ids already exists.",
                new FieldViolation("convention_id", "is already used"));
        }
    }

    private static Task InsertAsync(DbConnection connection, DbTransaction transaction, ConventionAggregate aggregate, string now, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO conventions (convention_id, caf_departement, name, version, record, created_at, updated_at)
            VALUES (@ConventionId, @CafDepartement, @Name, @Version, @Record, @Now, @Now)
            """,
            new
            {
                aggregate.Record.ConventionId, aggregate.Record.CafDepartement, aggregate.Record.Name,
                Version = aggregate.NextVersion, Record = Formatter.Format(aggregate.Record), Now = now,
            },
            transaction, cancellationToken: cancellationToken));

    /// <summary>Runs <paramref name="command"/> on the convention read inside the command's transaction
    /// and saves the result guarded by the version read (a concurrent writer gets ABORTED); nothing is
    /// written if the command throws.</summary>
    public async Task<(ConventionAggregate Aggregate, T Result)> ChangeWithResultAsync<T>(
        ICommandContext ctx, string conventionId, long expectedVersion, Func<ConventionAggregate, T> command)
    {
        // The caller's CAFs come from the token of the command: another CAF's convention is NOT_FOUND.
        var aggregate = await FindAsync(ctx.Connection, ctx.Transaction, conventionId, ConventionScope.Of(ctx.Caller), ctx.CancellationToken)
            ?? throw NotFound(conventionId);
        aggregate.CheckExpectedVersion(expectedVersion);
        var result = command(aggregate);

        var now = ctx.Now.ToString("O");
        var updated = await ctx.Connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE conventions SET version = @NextVersion, name = @Name, record = @Record, updated_at = @Now
            WHERE convention_id = @ConventionId AND version = @Version
            """,
            new
            {
                aggregate.NextVersion, aggregate.Record.Name, Record = Formatter.Format(aggregate.Record), Now = now,
                aggregate.Record.ConventionId, aggregate.Version,
            },
            ctx.Transaction, cancellationToken: ctx.CancellationToken));
        if (updated != 1)
        {
            throw new ConflictError($"Convention {conventionId} was changed concurrently: reload it and retry.");
        }

        try
        {
            await WriteChangeAsync(ctx, aggregate, now);
        }
        catch (DbException exception) when (UniqueViolation.Is(exception))
        {
            // Two conventions took the same new signatory id at the same time; this one lost.
            throw new AlreadyExistsError("A signatory id of this change was taken concurrently.", new FieldViolation("signatory.signatory_id", "is already used"));
        }

        return (aggregate, result);
    }

    public async Task<ConventionAggregate> ChangeAsync(ICommandContext ctx, string conventionId, long expectedVersion, Action<ConventionAggregate> command)
    {
        var (aggregate, _) = await ChangeWithResultAsync(ctx, conventionId, expectedVersion, aggregate =>
        {
            command(aggregate);
            return true;
        });
        return aggregate;
    }

    private static async Task WriteChangeAsync(ICommandContext ctx, ConventionAggregate aggregate, string now)
    {
        foreach (var signatoryId in aggregate.NewSignatoryIds)
        {
            var owner = await ctx.Connection.ExecuteScalarAsync<string?>(new CommandDefinition(
                "SELECT convention_id FROM signatories WHERE signatory_id = @signatoryId", new { signatoryId }, ctx.Transaction, cancellationToken: ctx.CancellationToken));
            if (owner is not null)
            {
                throw new AlreadyExistsError($"Signatory id '{signatoryId}' is already used by convention {owner}.",
                    new FieldViolation("signatory.signatory_id", "is already used"));
            }

            await ctx.Connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO signatories (signatory_id, convention_id) VALUES (@signatoryId, @ConventionId)",
                new { signatoryId, aggregate.Record.ConventionId }, ctx.Transaction, cancellationToken: ctx.CancellationToken));
        }

        await ctx.Connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO convention_versions (convention_id, version, change_kind, recorded_at, record)
            VALUES (@ConventionId, @NextVersion, @ChangeKind, @Now, @Record)
            """,
            new { aggregate.Record.ConventionId, aggregate.NextVersion, aggregate.ChangeKind, Now = now, Record = Formatter.Format(aggregate.Record) },
            ctx.Transaction, cancellationToken: ctx.CancellationToken));

        ctx.AddTarget(aggregate.Record.ConventionId);
        foreach (var pending in aggregate.Events)
        {
            pending.Raise(ctx);
        }
    }

    internal static NotFoundError NotFound(string conventionId) => new($"Convention '{conventionId}' does not exist.");

    internal static async Task<ConventionAggregate?> FindAsync(
        DbConnection connection, DbTransaction? transaction, string conventionId, ConventionScope scope, CancellationToken cancellationToken)
    {
        var row = await connection.QuerySingleOrDefaultAsync<ConventionRow>(new CommandDefinition(
            $"SELECT version, record FROM conventions WHERE convention_id = @conventionId AND {scope.Predicate(connection)}",
            new { conventionId, scopeCafs = scope.Parameter }, transaction, cancellationToken: cancellationToken));
        return row is null ? null : ConventionAggregate.Load(Parser.Parse<ConventionRecord>(row.Record), row.Version);
    }

    private sealed class ConventionRow
    {
        public long Version { get; set; }

        public string Record { get; set; } = string.Empty;
    }
}
