using System.Text.Json;
using Ctg.Data;
using Ctg.Reporting.Shared;
using Ctg.Reporting.V1;
using Dapper;
using static Ctg.Reporting.Shared.ProtoMapping;

namespace Ctg.Reporting.Funding;

/// <summary>The allocation summary (read model 1) and the funding side of a structure (read model 2).</summary>
public sealed class FundingQueries(IDbConnectionFactory connections)
{
    private const string RunColumns =
        """
        r.run_id AS RunId, r.convention_id AS ConventionId, r.year AS Year, r.declaration_version AS DeclarationVersion,
        r.computed_at AS ComputedAt, r.total_envelope_cents AS TotalEnvelopeCents, r.total_allocated_cents AS TotalAllocatedCents,
        a.approved_at AS ApprovedAt, a.source_sequence AS ApprovalSequence
        """;

    /// <summary>A payment counts only when it belongs to the latest computation of its structure, year and
    /// declaration version: computing a prévisionnel again replaces its advances, it does not add to them.
    /// "Latest" is the position in funding's outbox (the CloudEvent's ctgsequence), never a time from the
    /// event body, which whoever posts the event writes. A payment whose computation has not arrived yet
    /// is not counted until it does.</summary>
    private const string CountedPayments =
        """
        JOIN rm_structure_computations c ON c.computation_id = p.run_id
        WHERE NOT EXISTS (
            SELECT 1 FROM rm_structure_computations n
            WHERE n.structure_id = c.structure_id AND n.year = c.year AND n.declaration_version = c.declaration_version
              AND (n.source_sequence > c.source_sequence OR (n.source_sequence = c.source_sequence AND n.computation_id > c.computation_id)))
        """;

    /// <summary>Null when no run of the CTG and year was seen.</summary>
    public async Task<AllocationSummary?> AllocationSummaryAsync(string conventionId, int year, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var runs = (await connection.QueryAsync<RunRow>(new CommandDefinition(
            $"""
            SELECT {RunColumns} FROM rm_funding_runs r LEFT JOIN rm_allocation_approvals a ON a.run_id = r.run_id
            WHERE r.convention_id = @ConventionId AND r.year = @Year
            ORDER BY r.source_sequence DESC, r.run_id DESC
            """,
            new { ConventionId = conventionId, Year = (long)year },
            cancellationToken: cancellationToken))).AsList();
        if (runs.Count == 0)
        {
            return null;
        }

        var latest = runs[0];
        var approved = runs.Where(r => r.ApprovedAt is not null).MaxBy(r => (r.ApprovalSequence, r.RunId));
        var summary = new AllocationSummary
        {
            ConventionId = conventionId,
            Year = year,
            LatestRun = await RunAsync(connection, latest, cancellationToken),
        };
        if (approved is not null)
        {
            summary.ApprovedRun = approved.RunId == latest.RunId ? summary.LatestRun : await RunAsync(connection, approved, cancellationToken);
            var approvedGroups = summary.ApprovedRun.Groups.ToDictionary(g => (g.SupportingCollectivityId, g.Kind));
            var latestGroups = summary.LatestRun.Groups.ToDictionary(g => (g.SupportingCollectivityId, g.Kind));
            foreach (var key in approvedGroups.Keys.Union(latestGroups.Keys).Order())
            {
                var approvedCents = approvedGroups.TryGetValue(key, out var a) ? a.Allocated.Cents : 0;
                var latestCents = latestGroups.TryGetValue(key, out var l) ? l.Allocated.Cents : 0;
                summary.ApprovedVsLatest.Add(new AllocationComparison
                {
                    SupportingCollectivityId = key.SupportingCollectivityId,
                    Kind = key.Kind,
                    ApprovedAllocated = Cents(approvedCents),
                    LatestAllocated = Cents(latestCents),
                    Change = Cents(latestCents - approvedCents),
                });
            }
        }

        return summary;
    }

    private static async Task<AllocationRun> RunAsync(System.Data.Common.DbConnection connection, RunRow row, CancellationToken cancellationToken)
    {
        var run = new AllocationRun
        {
            RunId = row.RunId,
            DeclarationVersion = row.DeclarationVersion,
            ComputedAt = row.ComputedAt,
            Approved = row.ApprovedAt is not null,
            ApprovedAt = row.ApprovedAt ?? "",
            TotalEnvelope = Cents(row.TotalEnvelopeCents),
            TotalAllocated = Cents(row.TotalAllocatedCents),
        };
        var groups = await connection.QueryAsync<GroupRow>(new CommandDefinition(
            """
            SELECT run_id AS RunId, supporting_collectivity_id AS SupportingCollectivityId, kind AS Kind, envelope_cents AS EnvelopeCents,
                allocated_cents AS AllocatedCents, difference_cents AS DifferenceCents, causes AS Causes
            FROM rm_funding_groups WHERE run_id = @RunId ORDER BY supporting_collectivity_id, kind
            """,
            new { row.RunId },
            cancellationToken: cancellationToken));
        foreach (var group in groups)
        {
            var proto = new AllocationGroup
            {
                SupportingCollectivityId = group.SupportingCollectivityId,
                Kind = group.Kind,
                Envelope = Cents(group.EnvelopeCents),
                Allocated = Cents(group.AllocatedCents),
                Difference = Cents(group.DifferenceCents),
            };
            foreach (var cause in JsonSerializer.Deserialize<List<StoredCause>>(group.Causes) ?? [])
            {
                proto.Causes.Add(new DifferenceCause { Cause = cause.Cause, Amount = Cents(cause.AmountCents) });
            }

            run.Groups.Add(proto);
        }

        return run;
    }

    /// <summary>The structure's funding for years N and N-1 (the approved run when there is one, else the
    /// latest), its latest CEJ reference and its payments of both years.</summary>
    public async Task<StructureFunding> StructureFundingAsync(StructureRow structure, int year, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var runs = (await connection.QueryAsync<StructureRunRow>(new CommandDefinition(
            """
            SELECT s.run_id AS RunId, r.year AS Year, r.computed_at AS ComputedAt, s.total_cents AS TotalCents,
                s.bonus_territoire_cents AS BonusTerritoireCents, s.reference_cents AS ReferenceCents, a.approved_at AS ApprovedAt,
                a.source_sequence AS ApprovalSequence
            FROM rm_funding_structures s
            JOIN rm_funding_runs r ON r.run_id = s.run_id
            LEFT JOIN rm_allocation_approvals a ON a.run_id = s.run_id
            WHERE s.structure_id = @StructureId AND r.year IN (@Year, @PreviousYear)
            ORDER BY r.source_sequence DESC, r.run_id DESC
            """,
            new { structure.StructureId, Year = (long)year, PreviousYear = (long)(year - 1) },
            cancellationToken: cancellationToken))).AsList();
        var computations = (await connection.QueryAsync<ComputationRow>(new CommandDefinition(
            """
            SELECT computation_id AS ComputationId, year AS Year, declaration_version AS DeclarationVersion, total_cents AS TotalCents, complete AS Complete
            FROM rm_structure_computations WHERE structure_id = @StructureId AND year IN (@Year, @PreviousYear)
            ORDER BY source_sequence DESC, computation_id DESC
            """,
            new { structure.StructureId, Year = (long)year, PreviousYear = (long)(year - 1) },
            cancellationToken: cancellationToken))).AsList();
        var reference = await connection.QueryFirstOrDefaultAsync<ReferenceRow>(new CommandDefinition(
            $"""
            SELECT reference_year AS ReferenceYear, amount_cents AS AmountCents, unit AS Unit, reference_units AS ReferenceUnits
            FROM rm_cej_references WHERE structure_id = @StructureId ORDER BY reference_year DESC {connections.Syntax.Limit("1")}
            """,
            new { structure.StructureId },
            cancellationToken: cancellationToken));
        var payments = (await connection.QueryAsync<PaymentRow>(new CommandDefinition(
            $"""
            SELECT p.payment_id AS PaymentId, p.structure_id AS StructureId, p.year AS Year, p.kind AS Kind, p.amount_cents AS AmountCents, p.due_on AS DueOn
            FROM rm_payments p
            {CountedPayments}
              AND p.structure_id = @StructureId AND p.year IN (@Year, @PreviousYear)
            ORDER BY p.year, p.due_on, p.payment_id
            """,
            new { structure.StructureId, Year = (long)year, PreviousYear = (long)(year - 1) },
            cancellationToken: cancellationToken))).AsList();

        var result = new StructureFunding
        {
            Structure = structure.ToProto(),
            YearN = YearFunding(year, runs, computations),
            YearNMinus1 = YearFunding(year - 1, runs, computations),
            CejReference = reference is null
                ? new CejReference { Recorded = false }
                : new CejReference
                {
                    Recorded = true,
                    ReferenceYear = (int)reference.ReferenceYear,
                    Amount = Cents(reference.AmountCents),
                    Unit = reference.Unit,
                    ReferenceUnits = reference.ReferenceUnits,
                },
            AdvancesN = Cents(payments.Where(p => p.Year == year && p.Kind == "advance").Sum(p => p.AmountCents)),
            BalanceN = Cents(payments.Where(p => p.Year == year && p.Kind == "balance").Sum(p => p.AmountCents)),
            InduN = Cents(payments.Where(p => p.Year == year && p.Kind == "indu").Sum(p => p.AmountCents)),
        };
        result.Payments.AddRange(payments.Select(ToProto));
        return result;
    }

    /// <summary>Every payment of the CTG's structures for a year, for the CSV export.</summary>
    /// <param name="managers">Lower-case gestionnaire names the caller is restricted to, or null for every structure.</param>
    public async Task<IReadOnlyList<PaymentExportRow>> PaymentsOfConventionAsync(
        string conventionId, int year, IReadOnlyList<string>? managers, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<PaymentExportRow>(new CommandDefinition(
            $"""
            SELECT p.payment_id AS PaymentId, p.structure_id AS StructureId, s.name AS StructureName, s.manager_name AS ManagerName,
                p.year AS Year, p.kind AS Kind, p.amount_cents AS AmountCents, p.due_on AS DueOn
            FROM rm_payments p JOIN rm_structures s ON s.structure_id = p.structure_id
            {CountedPayments}
              AND s.convention_id = @ConventionId AND p.year = @Year{(managers is null ? "" : " AND " + SqlLists.In(connection, "LOWER(s.manager_name)", "Managers"))}
            ORDER BY s.structure_id, p.due_on, p.payment_id
            """,
            new { ConventionId = conventionId, Year = (long)year, Managers = managers ?? [] },
            cancellationToken: cancellationToken));
        return rows.AsList();
    }

    internal static Payment ToProto(PaymentRow row)
    {
        var payment = new Payment { PaymentId = row.PaymentId, Year = (int)row.Year, Kind = row.Kind, Amount = Cents(row.AmountCents) };
        if (ToDate(row.DueOn) is { } due)
        {
            payment.DueOn = due;
        }

        return payment;
    }

    private static YearFunding YearFunding(int year, IReadOnlyList<StructureRunRow> runs, IReadOnlyList<ComputationRow> computations)
    {
        var ofYear = runs.Where(r => r.Year == year).ToList();
        var run = ofYear.Where(r => r.ApprovedAt is not null).MaxBy(r => (r.ApprovalSequence, r.RunId)) ?? ofYear.FirstOrDefault();
        var computation = computations.FirstOrDefault(c => c.Year == year);
        var funding = new YearFunding { Year = year, Computed = run is not null || computation is not null };
        if (computation is not null)
        {
            funding.ComputationId = computation.ComputationId;
            funding.DeclarationVersion = computation.DeclarationVersion;
            funding.Complete = computation.Complete != 0;
            funding.Total = Cents(computation.TotalCents);
        }

        if (run is not null)
        {
            funding.RunId = run.RunId;
            funding.Approved = run.ApprovedAt is not null;
            funding.BonusTerritoire = Cents(run.BonusTerritoireCents);
            funding.Reference = Cents(run.ReferenceCents);
        }

        return funding;
    }
}
