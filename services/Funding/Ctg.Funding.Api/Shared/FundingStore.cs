using System.Data.Common;
using Ctg.Data;
using Ctg.Application.Commands;
using Ctg.Domain;
using Ctg.Funding.Api.Events;
using Ctg.Funding.V1;
using Ctg.ServiceDefaults;
using Ctg.Structures.V1;
using Dapper;

namespace Ctg.Funding.Api.Shared;

/// <summary>
/// The funding database: computations with their payment lines, and immutable allocation runs.
/// Each command is one transaction that also writes its events to the outbox, so a failure leaves
/// neither rows nor events behind.
/// </summary>
public sealed class FundingStore(IDbConnectionFactory connections)
{
    /// <summary>Records a computation and its payment lines in the command's transaction and raises their events.</summary>
    public async Task SaveComputationAsync(ICommandContext ctx, StructureFundingResult result)
    {
        var (connection, transaction, ct) = (ctx.Connection, ctx.Transaction, ctx.CancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO funding_computations (computation_id, structure_id, convention_id, year, declaration_version, declaration_revision,
                total_cents, complete, parameter_set_hash, input_hash, computed_at, payload)
            VALUES (@ComputationId, @StructureId, @ConventionId, @Year, @DeclarationVersion, @DeclarationRevision,
                @TotalCents, @Complete, @ParameterSetHash, @InputHash, @ComputedAt, @Payload)
            """,
            new
            {
                result.ComputationId, result.StructureId, result.ConventionId, result.Year,
                DeclarationVersion = (int)result.DeclarationVersion, result.DeclarationRevision,
                TotalCents = result.Total.Cents, result.Complete, result.ParameterSetHash, result.InputHash, result.ComputedAt,
                Payload = Google.Protobuf.MessageExtensions.ToByteArray(result),
            }, transaction, cancellationToken: ct));

        foreach (var line in result.Payments)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO payment_lines (computation_id, structure_id, year, kind, sequence, due_on, amount_cents, payload)
                VALUES (@ComputationId, @StructureId, @Year, @Kind, @Sequence, @DueOn, @AmountCents, @Payload)
                """,
                new
                {
                    result.ComputationId, result.StructureId, result.Year, Kind = (int)line.Kind, line.Sequence,
                    DueOn = $"{line.DueOn.Year:D4}-{line.DueOn.Month:D2}-{line.DueOn.Day:D2}",
                    AmountCents = line.Amount.Cents,
                    Payload = Google.Protobuf.MessageExtensions.ToByteArray(line),
                }, transaction, cancellationToken: ct));
            ctx.Raise(FundingTopics.PaymentScheduled, EventFactory.Payment(result, line));
        }

        ctx.Raise(FundingTopics.FundingComputed, EventFactory.Computed(result));
        ctx.AddTarget(result.ComputationId);
    }

    /// <summary>The latest computation of a structure, year and declaration version, or null.</summary>
    public async Task<StructureFundingResult?> LatestComputationAsync(string structureId, int year, DeclarationVersion version, CancellationToken ct)
    {
        await using var connection = await connections.OpenAsync(ct);
        var payload = await connection.QueryFirstOrDefaultAsync<byte[]>(new CommandDefinition(
            $"""
            SELECT payload FROM funding_computations
            WHERE structure_id = @StructureId AND year = @Year AND declaration_version = @Version
            ORDER BY computed_at DESC, computation_id DESC {connections.Syntax.Limit("1")}
            """, new { StructureId = structureId, Year = year, Version = (int)version }, cancellationToken: ct));
        return payload is null ? null : StructureFundingResult.Parser.ParseFrom(payload);
    }

    /// <summary>
    /// One recorded computation as answered, or null. Without an id, the latest of the structure and year:
    /// the most advanced declaration version (the enum runs prévisionnel → réel), then the latest computed_at.
    /// </summary>
    public async Task<StructureFundingResult?> FindComputationAsync(string structureId, int year, string computationId, CancellationToken ct)
    {
        await using var connection = await connections.OpenAsync(ct);
        var payload = await connection.QueryFirstOrDefaultAsync<byte[]>(new CommandDefinition(
            $"""
            SELECT payload FROM funding_computations
            WHERE structure_id = @StructureId AND year = @Year AND (@ComputationId = '' OR computation_id = @ComputationId)
            ORDER BY declaration_version DESC, computed_at DESC, computation_id DESC {connections.Syntax.Limit("1")}
            """, new { StructureId = structureId, Year = year, ComputationId = computationId }, cancellationToken: ct));
        return payload is null ? null : StructureFundingResult.Parser.ParseFrom(payload);
    }

    /// <summary>
    /// One page of a structure's history: up to <see cref="HistoryPage.Size"/> computations after the page's
    /// computation cursor and as many bonus territoire shares after its share cursor, each oldest first.
    /// </summary>
    public async Task<FundingHistory> HistoryAsync(string structureId, int year, HistoryPage page, CancellationToken ct)
    {
        await using var connection = await connections.OpenAsync(ct);
        var history = new FundingHistory { StructureId = structureId };
        var computations = (await connection.QueryAsync<byte[]>(new CommandDefinition(
            $"""
            SELECT payload FROM funding_computations
            WHERE structure_id = @StructureId AND (@Year = 0 OR year = @Year)
              AND (computed_at > @AfterAt OR (computed_at = @AfterAt AND computation_id > @AfterId))
            ORDER BY computed_at, computation_id {connections.Syntax.Limit("@Limit")}
            """, new { StructureId = structureId, Year = year, AfterAt = page.After.ComputedAt, AfterId = page.After.ComputationId, Limit = page.Size + 1 },
            cancellationToken: ct))).Select(p => StructureFundingResult.Parser.ParseFrom(p)).ToList();
        foreach (var r in computations.Take(page.Size))
        {
            history.Computations.Add(new FundingHistoryEntry
            {
                ComputationId = r.ComputationId, Year = r.Year, DeclarationVersion = r.DeclarationVersion,
                DeclarationRevision = r.DeclarationRevision, Total = r.Total, Complete = r.Complete,
                ParameterSetHash = r.ParameterSetHash, ComputedAt = r.ComputedAt,
            });
        }

        var shares = (await connection.QueryAsync<ShareRow>(new CommandDefinition(
            $"""
            SELECT r.run_id AS RunId, r.year AS Year, r.status AS Status, s.amount_cents AS AmountCents,
                   s.reference_cents AS ReferenceCents, r.created_at AS CreatedAt
            FROM allocation_run_structures s JOIN allocation_runs r ON r.run_id = s.run_id
            WHERE s.structure_id = @StructureId AND (@Year = 0 OR r.year = @Year)
              AND (r.created_at > @AfterAt OR (r.created_at = @AfterAt AND r.run_id > @AfterId))
            ORDER BY r.created_at, r.run_id {connections.Syntax.Limit("@Limit")}
            """, new { StructureId = structureId, Year = year, AfterAt = page.After.RunCreatedAt, AfterId = page.After.RunId, Limit = page.Size + 1 },
            cancellationToken: ct))).ToList();
        foreach (var s in shares.Take(page.Size))
        {
            history.BonusTerritoire.Add(new BonusTerritoireShare
            {
                RunId = s.RunId, Year = (int)s.Year, RunStatus = (RunStatus)s.Status,
                Amount = new Ctg.Common.V1.Money { Cents = s.AmountCents },
                CejReference = new Ctg.Common.V1.Money { Cents = s.ReferenceCents }, CreatedAt = s.CreatedAt,
            });
        }

        if (computations.Count > page.Size || shares.Count > page.Size)
        {
            // A list already exhausted keeps its last position, so the next page reads nothing more of it.
            var lastComputation = history.Computations.Count > 0 ? history.Computations[^1] : null;
            var lastShare = history.BonusTerritoire.Count > 0 ? history.BonusTerritoire[^1] : null;
            history.NextPageToken = new HistoryCursor(
                lastComputation?.ComputedAt ?? page.After.ComputedAt, lastComputation?.ComputationId ?? page.After.ComputationId,
                lastShare?.CreatedAt ?? page.After.RunCreatedAt, lastShare?.RunId ?? page.After.RunId).Encode();
        }

        return history;
    }

    /// <summary>Records a run and its per-structure amounts in the command's transaction and raises its event.</summary>
    public Task SaveRunAsync(ICommandContext ctx, AllocationRun run) => SaveRunsAsync(ctx, [EncodedRun.Of(run)]);

    /// <summary>Structure rows per INSERT: 6 parameters a row stays under SQL Server's 2,100 parameters and 1,000 rows per
    /// VALUES list, and far under SQLite's and PostgreSQL's limits.</summary>
    public const int StructureRowsPerInsert = 300;

    /// <summary>Records runs and their per-structure amounts in the command's transaction and raises their events, in
    /// order: one INSERT per run (its payload, encoded beforehand by <see cref="RunPayload"/>) and the structure rows of all the runs
    /// by the dialect's fastest path: on PostgreSQL and SQL Server <see cref="StructureRowsPerInsert"/> to a multi-row
    /// INSERT (a national batch of 50 CTGs: about 2,200 rows in 8 statements instead of 2,200 round trips), on SQLite one
    /// prepared statement run per row.</summary>
    public async Task SaveRunsAsync(ICommandContext ctx, IReadOnlyList<EncodedRun> encoded)
    {
        var (connection, transaction, ct) = (ctx.Connection, ctx.Transaction, ctx.CancellationToken);
        var runs = encoded.Select(e => e.Run).ToList();
        foreach (var (run, payload) in encoded)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO allocation_runs (run_id, convention_id, year, declaration_version, status, input_hash, parameter_set_hash,
                    parameter_set_version, total_envelope_cents, total_paid_cents, created_at, requested_by, payload)
                VALUES (@RunId, @ConventionId, @Year, @DeclarationVersion, @Status, @InputHash, @ParameterSetHash,
                    @ParameterSetVersion, @TotalEnvelopeCents, @TotalPaidCents, @CreatedAt, @RequestedBy, @Payload)
                """,
                new
                {
                    run.RunId, run.ConventionId, run.Year, DeclarationVersion = (int)run.DeclarationVersion, Status = (int)RunStatus.Completed,
                    run.InputHash, run.ParameterSetHash, run.ParameterSetVersion, TotalEnvelopeCents = run.TotalEnvelope.Cents,
                    TotalPaidCents = run.TotalPaid.Cents, run.CreatedAt, run.RequestedBy,
                    Payload = payload,
                }, transaction, cancellationToken: ct));
        }

        var structureRows = runs.SelectMany(run => run.Structures.Select(s => (run.RunId, Structure: s))).ToArray();
        if (connection is Microsoft.Data.Sqlite.SqliteConnection)
        {
            await InsertStructureRowsOneByOneAsync(connection, transaction, structureRows, ct);
        }
        else
        {
            foreach (var rows in structureRows.Chunk(StructureRowsPerInsert))
            {
                await InsertStructureRowsAsync(connection, transaction, rows, ct);
            }
        }

        foreach (var run in runs)
        {
            ctx.Raise(FundingTopics.AllocationRunCompleted, EventFactory.Completed(run));
            ctx.AddTarget(run.RunId);
        }
    }

    /// <summary>SQLite's fastest path: one prepared single-row INSERT executed per row with new values, in-process and
    /// without a round trip. (Microsoft.Data.Sqlite matches each statement parameter to the command's by a linear search:
    /// a 300-row VALUES list with 1,800 parameters costs it about 70 µs a row, ten times this.)</summary>
    private static async Task InsertStructureRowsOneByOneAsync(DbConnection connection, DbTransaction transaction,
        (string RunId, StructureAllocation Structure)[] rows, CancellationToken ct)
    {
        if (rows.Length == 0) return;
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText =
            "INSERT INTO allocation_run_structures (run_id, structure_id, collectivity_id, kind, amount_cents, reference_cents) VALUES (@r0_0, @r0_1, @r0_2, @r0_3, @r0_4, @r0_5)";
        var values = Enumerable.Range(0, 6).Select(i => Add(command, $"@r0_{i}", DBNull.Value)).ToArray();
        await command.PrepareAsync(ct);
        foreach (var (runId, s) in rows)
        {
            (values[0].Value, values[1].Value, values[2].Value) = (runId, s.StructureId, s.CollectivityId);
            (values[3].Value, values[4].Value, values[5].Value) = ((int)s.Kind, s.Amount.Cents, s.CejReference.Cents);
            await command.ExecuteNonQueryAsync(ct);
        }
    }

    /// <summary>PostgreSQL's and SQL Server's path: one multi-row INSERT (one round trip), its parameters numbered by row (@r0_0 ... @r0_5, @r1_0 ...): the same text for every
    /// full chunk, so each provider prepares it once.</summary>
    private static async Task InsertStructureRowsAsync(DbConnection connection, DbTransaction transaction,
        (string RunId, StructureAllocation Structure)[] rows, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        var sql = new System.Text.StringBuilder(
            "INSERT INTO allocation_run_structures (run_id, structure_id, collectivity_id, kind, amount_cents, reference_cents) VALUES ",
            128 + (rows.Length * 48));
        for (var i = 0; i < rows.Length; i++)
        {
            var (runId, s) = rows[i];
            sql.Append(i == 0 ? "" : ", ").Append(System.Globalization.CultureInfo.InvariantCulture,
                $"(@r{i}_0, @r{i}_1, @r{i}_2, @r{i}_3, @r{i}_4, @r{i}_5)");
            Add(command, $"@r{i}_0", runId);
            Add(command, $"@r{i}_1", s.StructureId);
            Add(command, $"@r{i}_2", s.CollectivityId);
            Add(command, $"@r{i}_3", (int)s.Kind);
            Add(command, $"@r{i}_4", s.Amount.Cents);
            Add(command, $"@r{i}_5", s.CejReference.Cents);
        }

        command.CommandText = sql.ToString();
        await command.ExecuteNonQueryAsync(ct);
    }

    private static DbParameter Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
        return parameter;
    }

    public async Task<AllocationRun?> GetRunAsync(string runId, CancellationToken ct)
    {
        await using var connection = await connections.OpenAsync(ct);
        return await GetRunAsync(connection, null, runId, ct);
    }

    public async Task<IReadOnlyList<AllocationRun>> ListRunsAsync(string conventionId, int year, CancellationToken ct)
    {
        await using var connection = await connections.OpenAsync(ct);
        var rows = await connection.QueryAsync<RunRow>(new CommandDefinition(
            $"""
            SELECT {RunColumns} FROM allocation_runs
            WHERE convention_id = @ConventionId AND (@Year = 0 OR year = @Year)
            ORDER BY created_at DESC, run_id DESC
            """, new { ConventionId = conventionId, Year = year }, cancellationToken: ct));
        return rows.Select(r => r.ToRun()).ToList();
    }

    /// <summary>Approves a completed run once, if <paramref name="decide"/> allows it on the run as read in the
    /// command's (serializable) transaction; it records which approved run it supersedes ('' for the first one).
    /// A unique index on (CTG, year, version, superseded run) refuses a second approval superseding the same run.</summary>
    public async Task<AllocationRun> ApproveAsync(ICommandContext ctx, string runId, string approvedBy, Func<AllocationRun, Allocation.ApprovalDecision> decide)
    {
        var (connection, transaction, ct) = (ctx.Connection, ctx.Transaction, ctx.CancellationToken);
        ctx.AddTarget(runId);
        var run = await GetRunAsync(connection, transaction, runId, ct) ?? throw new NotFoundError($"Allocation run '{runId}' is unknown.");
        ctx.AddTarget(run.ConventionId);
        var decision = decide(run);
        if (!decision.IsAllowed)
        {
            throw decision.Refusal == Allocation.ApprovalRefusal.RequesterCannotApprove
                ? new AccessDeniedError(decision.Message)
                : new PreconditionFailedError(decision.Message, decision.Violations.Select(v => new FieldViolation(v.Field, v.Description)));
        }

        var supersedes = await connection.QueryFirstOrDefaultAsync<string>(new CommandDefinition(
            $"""
            SELECT run_id FROM allocation_runs
            WHERE convention_id = @ConventionId AND year = @Year AND declaration_version = @Version AND approved_at IS NOT NULL
            ORDER BY approved_at DESC, run_id DESC {connections.Syntax.Limit("1")}
            """, new { run.ConventionId, run.Year, Version = (int)run.DeclarationVersion }, transaction, cancellationToken: ct));
        var approvedAt = ctx.Now.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", System.Globalization.CultureInfo.InvariantCulture);
        int updated;
        try
        {
            updated = await connection.ExecuteAsync(new CommandDefinition(
                """
                UPDATE allocation_runs SET status = @Status, approved_at = @ApprovedAt, approved_by = @ApprovedBy, supersedes_run_id = @Supersedes
                WHERE run_id = @RunId AND approved_at IS NULL
                """, new { Status = (int)RunStatus.Approved, ApprovedAt = approvedAt, ApprovedBy = approvedBy, Supersedes = supersedes ?? "", RunId = runId },
                transaction, cancellationToken: ct));
        }
        catch (DbException e) when (UniqueKeyViolations.IsUniqueViolation(e))
        {
            throw new ConflictError($"Another run of '{run.ConventionId}' {run.Year} was approved at the same time: read the runs again and approve the latest.");
        }

        if (updated != 1)
        {
            throw new ConflictError($"Allocation run '{runId}' was approved concurrently.");
        }

        run.Status = RunStatus.Approved;
        run.ApprovedAt = approvedAt;
        run.ApprovedBy = approvedBy;
        run.SupersedesRunId = supersedes ?? "";
        ctx.Raise(FundingTopics.AllocationApproved, EventFactory.Approved(run));
        return run;
    }

    private const string RunColumns =
        "run_id AS RunId, convention_id AS ConventionId, year AS Year, declaration_version AS DeclarationVersion, status AS Status, " +
        "input_hash AS InputHash, parameter_set_hash AS ParameterSetHash, parameter_set_version AS ParameterSetVersion, " +
        "total_envelope_cents AS TotalEnvelopeCents, total_paid_cents AS TotalPaidCents, created_at AS CreatedAt, requested_by AS RequestedBy, " +
        "approved_at AS ApprovedAt, approved_by AS ApprovedBy, supersedes_run_id AS SupersedesRunId";

    private static async Task<AllocationRun?> GetRunAsync(DbConnection connection, DbTransaction? transaction, string runId, CancellationToken ct)
    {
        var row = await connection.QueryFirstOrDefaultAsync<RunRow>(new CommandDefinition(
            $"SELECT {RunColumns}, payload AS Payload FROM allocation_runs WHERE run_id = @RunId",
            new { RunId = runId }, transaction, cancellationToken: ct));
        if (row is null)
        {
            return null;
        }

        // The payload is the run as computed; the approval columns are the only state written later.
        var run = RunPayload.Decode(row.Payload!);
        run.Status = (RunStatus)row.Status;
        run.ApprovedAt = row.ApprovedAt ?? "";
        run.ApprovedBy = row.ApprovedBy ?? "";
        run.SupersedesRunId = row.SupersedesRunId ?? "";
        return run;
    }

    private sealed class ShareRow
    {
        public string RunId { get; set; } = "";
        public long Year { get; set; }
        public long Status { get; set; }
        public long AmountCents { get; set; }
        public long ReferenceCents { get; set; }
        public string CreatedAt { get; set; } = "";
    }

    private sealed class RunRow
    {
        public string RunId { get; set; } = "";
        public string ConventionId { get; set; } = "";
        public long Year { get; set; }
        public long DeclarationVersion { get; set; }
        public long Status { get; set; }
        public string InputHash { get; set; } = "";
        public string ParameterSetHash { get; set; } = "";
        public string ParameterSetVersion { get; set; } = "";
        public long TotalEnvelopeCents { get; set; }
        public long TotalPaidCents { get; set; }
        public string CreatedAt { get; set; } = "";
        public string RequestedBy { get; set; } = "";
        public string? ApprovedAt { get; set; }
        public string? ApprovedBy { get; set; }
        public string? SupersedesRunId { get; set; }
        public byte[]? Payload { get; set; }

        public AllocationRun ToRun() => new()
        {
            RunId = RunId, ConventionId = ConventionId, Year = (int)Year, DeclarationVersion = (DeclarationVersion)DeclarationVersion,
            Status = (RunStatus)Status, InputHash = InputHash, ParameterSetHash = ParameterSetHash, ParameterSetVersion = ParameterSetVersion,
            TotalEnvelope = new Ctg.Common.V1.Money { Cents = TotalEnvelopeCents }, TotalPaid = new Ctg.Common.V1.Money { Cents = TotalPaidCents },
            CreatedAt = CreatedAt, RequestedBy = RequestedBy, ApprovedAt = ApprovedAt ?? "", ApprovedBy = ApprovedBy ?? "",
            SupersedesRunId = SupersedesRunId ?? "",
        };
    }
}
