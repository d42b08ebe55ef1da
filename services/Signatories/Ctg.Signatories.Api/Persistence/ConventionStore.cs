using System.Data.Common;
using Ctg.Data;
using Ctg.Eventing;
using Ctg.ServiceDefaults;
using Ctg.Signatories.Domain;
using Ctg.Signatories.Storage;
using Dapper;
using Google.Protobuf;

namespace Ctg.Signatories.Persistence;

/// <summary>
/// Conventions in the service's database. A change is one transaction: the record with its new
/// version (guarded by the version it was read at, so a concurrent writer gets ABORTED), a copy of that
/// version in <c>convention_versions</c>, the new signatory ids and the events in the outbox.
/// </summary>
public sealed class ConventionStore(IDbConnectionFactory connections, OutboxWriter outbox, IOutboxSignal outboxSignal, TimeProvider clock)
{
    private static readonly JsonFormatter Formatter = new(JsonFormatter.Settings.Default);
    private static readonly JsonParser Parser = new(JsonParser.Settings.Default.WithIgnoreUnknownFields(true));

    public async Task<ConventionAggregate> GetAsync(string conventionId, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return await FindAsync(connection, null, conventionId, cancellationToken)
            ?? throw RpcErrors.NotFound($"Convention '{conventionId}' does not exist.");
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
        string? cafDepartement, ConventionListCursor? after, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<ConventionRow>(new CommandDefinition(
            $"""
            SELECT version, record FROM conventions
            WHERE (@cafDepartement = '' OR caf_departement = @cafDepartement)
              AND (@afterConventionId = ''
                   OR caf_departement > @afterCafDepartement
                   OR (caf_departement = @afterCafDepartement AND convention_id > @afterConventionId))
            ORDER BY caf_departement, convention_id
            {connections.Syntax.Limit("@limit")}
            """,
            new
            {
                cafDepartement = cafDepartement ?? string.Empty,
                afterCafDepartement = after?.CafDepartement ?? string.Empty,
                afterConventionId = after?.ConventionId ?? string.Empty,
                limit,
            },
            cancellationToken: cancellationToken));
        return rows.Select(r => ConventionAggregate.Load(Parser.Parse<ConventionRecord>(r.Record), r.Version)).ToList();
    }

    public async Task<int> CountAsync(string? cafDepartement, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return (int)await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COUNT(*) FROM conventions WHERE @cafDepartement = '' OR caf_departement = @cafDepartement",
            new { cafDepartement = cafDepartement ?? string.Empty }, cancellationToken: cancellationToken));
    }

    public async Task<string?> ConventionIdOfSignatoryAsync(string signatoryId, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<string?>(new CommandDefinition(
            "SELECT convention_id FROM signatories WHERE signatory_id = @signatoryId", new { signatoryId }, cancellationToken: cancellationToken));
    }

    /// <summary>Inserts a new convention (a draft, or a whole demo convention with its signatures).</summary>
    public async Task CreateAsync(ConventionAggregate aggregate, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (await FindAsync(connection, transaction, aggregate.Record.ConventionId, cancellationToken) is not null)
        {
            throw RpcErrors.AlreadyExists($"Convention '{aggregate.Record.ConventionId}' already exists.", ("convention_id", "is already used"));
        }

        var now = clock.GetUtcNow().ToString("O");
        try
        {
            await InsertAsync(connection, transaction, aggregate, now, cancellationToken);
            await WriteChangeAsync(connection, transaction, aggregate, now, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            outboxSignal.Notify();
        }
        catch (DbException exception) when (UniqueViolation.Is(exception))
        {
            // A concurrent writer inserted the same convention (or signatory) id first.
            throw RpcErrors.AlreadyExists($"Convention '{aggregate.Record.ConventionId}' or one of its signatory ids already exists.",
                ("convention_id", "is already used"));
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

    /// <summary>Runs <paramref name="command"/> on the convention read inside the transaction and
    /// saves the result; nothing is written if the command throws.</summary>
    public async Task<(ConventionAggregate Aggregate, T Result)> ChangeWithResultAsync<T>(
        string conventionId, long expectedVersion, Func<ConventionAggregate, T> command, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var aggregate = await FindAsync(connection, transaction, conventionId, cancellationToken)
            ?? throw RpcErrors.NotFound($"Convention '{conventionId}' does not exist.");
        aggregate.CheckExpectedVersion(expectedVersion);
        var result = command(aggregate);

        var now = clock.GetUtcNow().ToString("O");
        var updated = await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE conventions SET version = @NextVersion, name = @Name, record = @Record, updated_at = @Now
            WHERE convention_id = @ConventionId AND version = @Version
            """,
            new
            {
                aggregate.NextVersion, aggregate.Record.Name, Record = Formatter.Format(aggregate.Record), Now = now,
                aggregate.Record.ConventionId, aggregate.Version,
            },
            transaction, cancellationToken: cancellationToken));
        if (updated != 1)
        {
            throw RpcErrors.Aborted($"Convention {conventionId} was changed concurrently: reload it and retry.");
        }

        try
        {
            await WriteChangeAsync(connection, transaction, aggregate, now, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            outboxSignal.Notify();
        }
        catch (DbException exception) when (UniqueViolation.Is(exception))
        {
            // Two conventions took the same new signatory id at the same time; this one lost.
            throw RpcErrors.AlreadyExists("A signatory id of this change was taken concurrently.", ("signatory.signatory_id", "is already used"));
        }

        return (aggregate, result);
    }

    public async Task<ConventionAggregate> ChangeAsync(
        string conventionId, long expectedVersion, Action<ConventionAggregate> command, CancellationToken cancellationToken)
    {
        var (aggregate, _) = await ChangeWithResultAsync(conventionId, expectedVersion, aggregate =>
        {
            command(aggregate);
            return true;
        }, cancellationToken);
        return aggregate;
    }

    private async Task WriteChangeAsync(DbConnection connection, DbTransaction transaction, ConventionAggregate aggregate, string now, CancellationToken cancellationToken)
    {
        foreach (var signatoryId in aggregate.NewSignatoryIds)
        {
            var owner = await connection.ExecuteScalarAsync<string?>(new CommandDefinition(
                "SELECT convention_id FROM signatories WHERE signatory_id = @signatoryId", new { signatoryId }, transaction, cancellationToken: cancellationToken));
            if (owner is not null)
            {
                throw RpcErrors.AlreadyExists($"Signatory id '{signatoryId}' is already used by convention {owner}.",
                    ("signatory.signatory_id", "is already used"));
            }

            await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO signatories (signatory_id, convention_id) VALUES (@signatoryId, @ConventionId)",
                new { signatoryId, aggregate.Record.ConventionId }, transaction, cancellationToken: cancellationToken));
        }

        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO convention_versions (convention_id, version, change_kind, recorded_at, record)
            VALUES (@ConventionId, @NextVersion, @ChangeKind, @Now, @Record)
            """,
            new { aggregate.Record.ConventionId, aggregate.NextVersion, aggregate.ChangeKind, Now = now, Record = Formatter.Format(aggregate.Record) },
            transaction, cancellationToken: cancellationToken));

        foreach (var pending in aggregate.Events)
        {
            await pending.WriteAsync(outbox, transaction, cancellationToken);
        }
    }

    internal static async Task<ConventionAggregate?> FindAsync(DbConnection connection, DbTransaction? transaction, string conventionId, CancellationToken cancellationToken)
    {
        var row = await connection.QuerySingleOrDefaultAsync<ConventionRow>(new CommandDefinition(
            "SELECT version, record FROM conventions WHERE convention_id = @conventionId",
            new { conventionId }, transaction, cancellationToken: cancellationToken));
        return row is null ? null : ConventionAggregate.Load(Parser.Parse<ConventionRecord>(row.Record), row.Version);
    }

    private sealed class ConventionRow
    {
        public long Version { get; set; }

        public string Record { get; set; } = string.Empty;
    }
}
