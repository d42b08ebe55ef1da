using System.Text.Json;
using Ctg.Eventing;
using Ctg.Eventing.Subscriptions;
using Ctg.Reporting.Shared;
using static Ctg.Reporting.Shared.ProjectionSupport;

namespace Ctg.Reporting.Funding;

/// <summary>Funding runs (allocation summary, structure funding), approvals and payments.</summary>
internal static class FundingProjections
{
    public static async Task OnAllocationRunCompleted(AllocationRunCompletedView @event, EventContext context)
    {
        var runId = Required(@event.RunId, "runId", context);
        var groups = @event.Groups ?? [];
        var structures = @event.Structures ?? [];
        // A run is immutable once computed: a redelivered or replayed copy finds it and changes nothing.
        var inserted = await context.ExecuteAsync(
            context.Syntax().InsertIgnoringDuplicates(
                "rm_funding_runs",
                "run_id, convention_id, year, declaration_version, computed_at, total_envelope_cents, total_allocated_cents, source_sequence",
                "@RunId, @ConventionId, @Year, @DeclarationVersion, @ComputedAt, @Envelope, @Allocated, @Sequence",
                "run_id"),
            new
            {
                RunId = runId,
                ConventionId = Required(@event.ConventionId, "conventionId", context),
                Year = (long)Required(@event.Year, "year", context),
                DeclarationVersion = @event.DeclarationVersion ?? "",
                ComputedAt = @event.ComputedAt ?? context.CloudEvent.Time?.UtcDateTime.ToString("O") ?? "",
                Envelope = groups.Sum(g => g.EnvelopeCents ?? 0),
                Allocated = groups.Sum(g => g.AllocatedCents ?? 0),
                Sequence = SourceSequence(context),
            });
        if (inserted == 0)
        {
            return;
        }

        foreach (var group in groups)
        {
            var envelope = Required(group.EnvelopeCents, "groups[].envelopeCents", context);
            var allocated = Required(group.AllocatedCents, "groups[].allocatedCents", context);
            await context.ExecuteAsync(
                """
                INSERT INTO rm_funding_groups (run_id, supporting_collectivity_id, kind, envelope_cents, allocated_cents, difference_cents, causes)
                VALUES (@RunId, @Collectivity, @Kind, @Envelope, @Allocated, @Difference, @Causes)
                """,
                new
                {
                    RunId = runId,
                    Collectivity = Required(group.SupportingCollectivityId, "groups[].supportingCollectivityId", context),
                    Kind = Required(group.Kind, "groups[].kind", context),
                    Envelope = envelope,
                    Allocated = allocated,
                    Difference = group.DifferenceCents ?? allocated - envelope,
                    Causes = JsonSerializer.Serialize((group.Causes ?? []).Select(c => new StoredCause(c.Cause ?? "", c.AmountCents ?? 0)).ToList()),
                });
        }

        foreach (var structure in structures)
        {
            await context.ExecuteAsync(
                """
                INSERT INTO rm_funding_structures (run_id, structure_id, kind, supporting_collectivity_id, total_cents, bonus_territoire_cents, reference_cents)
                VALUES (@RunId, @StructureId, @Kind, @Collectivity, @Total, @BonusTerritoire, @Reference)
                """,
                new
                {
                    RunId = runId,
                    StructureId = Required(structure.StructureId, "structures[].structureId", context),
                    Kind = structure.Kind ?? "",
                    Collectivity = structure.SupportingCollectivityId ?? "",
                    Total = Required(structure.TotalCents, "structures[].totalCents", context),
                    BonusTerritoire = structure.BonusTerritoireCents ?? 0,
                    Reference = structure.ReferenceCents ?? 0,
                });
        }
    }

    public static Task OnFundingComputed(FundingComputedView @event, EventContext context) =>
        context.ExecuteAsync(
            context.Syntax().InsertIgnoringDuplicates(
                "rm_structure_computations",
                "computation_id, structure_id, convention_id, year, declaration_version, declaration_revision, computed_at, total_cents, complete, ps_cents, source_sequence",
                "@ComputationId, @StructureId, @ConventionId, @Year, @DeclarationVersion, @DeclarationRevision, @ComputedAt, @TotalCents, @Complete, @PsCents, @Sequence",
                "computation_id"),
            new
            {
                ComputationId = Required(@event.ComputationId, "computationId", context),
                StructureId = Required(@event.StructureId, "structureId", context),
                ConventionId = @event.ConventionId ?? "",
                Year = (long)Required(@event.Year, "year", context),
                DeclarationVersion = @event.DeclarationVersion ?? "",
                DeclarationRevision = (long)(@event.DeclarationRevision ?? 1),
                ComputedAt = @event.ComputedAt ?? context.CloudEvent.Time?.UtcDateTime.ToString("O") ?? "",
                TotalCents = Required(@event.TotalCents, "totalCents", context),
                Complete = @event.Complete == false ? 0L : 1L,
                PsCents = PrestationDeServiceCents(@event.Lines),
                Sequence = SourceSequence(context),
            });

    /// <summary>The prestation de service of a computation: its PSU, PSO and PS_* lines (bonuses such as
    /// PSU.BONUS_MIXITE_SOCIALE or BONUS_TERRITOIRE are not PS). Null when the event has no such line.</summary>
    internal static long? PrestationDeServiceCents(IReadOnlyList<FundingLineView>? lines)
    {
        var ps = (lines ?? []).Where(l => l.RuleId is "PSU" or "PSO" || l.RuleId?.StartsWith("PS_", StringComparison.Ordinal) == true).ToList();
        return ps.Count == 0 ? null : ps.Sum(l => l.AmountCents ?? 0);
    }

    public static Task OnAllocationApproved(AllocationApprovedView @event, EventContext context) =>
        context.ExecuteAsync(
            context.Syntax().InsertIgnoringDuplicates(
                "rm_allocation_approvals",
                "run_id, convention_id, year, approved_at, source_sequence",
                "@RunId, @ConventionId, @Year, @ApprovedAt, @Sequence",
                "run_id"),
            new
            {
                RunId = Required(@event.RunId, "runId", context),
                ConventionId = Required(@event.ConventionId, "conventionId", context),
                Year = (long)Required(@event.Year, "year", context),
                ApprovedAt = @event.ApprovedAt ?? context.CloudEvent.Time?.UtcDateTime.ToString("O") ?? "",
                Sequence = SourceSequence(context),
            });

    public static Task OnPaymentScheduled(PaymentScheduledView @event, EventContext context)
    {
        var kind = Required(@event.Kind, "kind", context).Trim().ToLowerInvariant();
        if (kind is not ("advance" or "balance" or "indu"))
        {
            throw new PoisonEventException($"Event {context.EventId}: payment kind '{kind}' is not advance, balance or indu.");
        }

        return context.ExecuteAsync(
            context.Syntax().Upsert(
                "rm_payments",
                "payment_id, structure_id, year, kind, amount_cents, due_on, run_id, source_sequence",
                "@PaymentId, @StructureId, @Year, @Kind, @AmountCents, @DueOn, @RunId, @Sequence",
                "payment_id",
                "structure_id = excluded.structure_id, year = excluded.year, kind = excluded.kind, amount_cents = excluded.amount_cents, due_on = excluded.due_on, run_id = excluded.run_id, source_sequence = excluded.source_sequence",
                "rm_payments.source_sequence <= excluded.source_sequence"),
            new
            {
                PaymentId = Required(@event.PaymentId, "paymentId", context),
                StructureId = Required(@event.StructureId, "structureId", context),
                Year = (long)Required(@event.Year, "year", context),
                Kind = kind,
                AmountCents = Required(@event.AmountCents, "amountCents", context),
                @event.DueOn,
                RunId = @event.ComputationId,
                Sequence = SourceSequence(context),
            });
    }
}

/// <summary>A difference cause as stored in rm_funding_groups.causes (JSON array).</summary>
internal sealed record StoredCause(string Cause, long AmountCents);
