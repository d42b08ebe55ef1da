using Ctg.Funding.Api.Shared;
using Ctg.Funding.V1;

namespace Ctg.Funding.Api.Events;

/// <summary>Events from the messages the service answers, so an event says exactly what the caller saw.</summary>
internal static class EventFactory
{
    public static FundingComputed Computed(StructureFundingResult r) => new()
    {
        ComputationId = r.ComputationId,
        StructureId = r.StructureId,
        ConventionId = r.ConventionId,
        Year = r.Year,
        DeclarationVersion = KindMapper.VersionName(r.DeclarationVersion),
        DeclarationRevision = r.DeclarationRevision,
        ComputedAt = r.ComputedAt,
        TotalCents = r.Total.Cents,
        Complete = r.Complete,
        Lines = r.Lines.Select(l => new FundingLineEvent(l.RuleId, l.Computable, l.Amount?.Cents ?? 0, l.NotComputable?.ParameterKey)).ToArray(),
        ParameterSetHash = r.ParameterSetHash,
        InputHash = r.InputHash,
    };

    public static PaymentScheduled Payment(StructureFundingResult r, PaymentLine line) => new()
    {
        PaymentId = $"{r.ComputationId}:{(int)line.Kind}:{line.Sequence}",
        ComputationId = r.ComputationId,
        StructureId = r.StructureId,
        Year = r.Year,
        Kind = line.Kind switch { PaymentKind.Advance => "advance", PaymentKind.Balance => "balance", _ => "indu" },
        Sequence = line.Sequence,
        DueOn = $"{line.DueOn.Year:D4}-{line.DueOn.Month:D2}-{line.DueOn.Day:D2}",
        AmountCents = line.Amount.Cents,
    };

    public static AllocationRunCompleted Completed(AllocationRun run) => new()
    {
        RunId = run.RunId,
        ConventionId = run.ConventionId,
        Year = run.Year,
        DeclarationVersion = KindMapper.VersionName(run.DeclarationVersion),
        ComputedAt = run.CreatedAt,
        InputHash = run.InputHash,
        ParameterSetHash = run.ParameterSetHash,
        TotalEnvelopeCents = run.TotalEnvelope.Cents,
        TotalPaidCents = run.TotalPaid.Cents,
        Groups = run.Groups.Select(g => new GroupAmountEvent(g.CollectivityId, KindName(g.Kind), g.Envelope.Cents, g.Paid.Cents, g.Difference.Cents,
            g.CauseAmounts.Select(c => new DifferenceCauseEvent(c.Cause, c.Amount.Cents)).ToArray())).ToArray(),
        Structures = Structures(run),
    };

    public static AllocationApproved Approved(AllocationRun run) => new()
    {
        RunId = run.RunId,
        ConventionId = run.ConventionId,
        Year = run.Year,
        DeclarationVersion = KindMapper.VersionName(run.DeclarationVersion),
        ApprovedBy = run.ApprovedBy,
        ApprovedAt = run.ApprovedAt,
        SupersedesRunId = string.IsNullOrEmpty(run.SupersedesRunId) ? null : run.SupersedesRunId,
        InputHash = run.InputHash,
        TotalPaidCents = run.TotalPaid.Cents,
        Structures = Structures(run),
    };

    private static StructureAmountEvent[] Structures(AllocationRun run) => run.Structures
        .Select(s => new StructureAmountEvent(s.StructureId, KindName(s.Kind), s.CollectivityId, s.Amount.Cents, s.Amount.Cents, s.CejReference.Cents, s.GainOrLoss.Cents)).ToArray();

    public static string KindName(BonusTerritoireKind kind) => kind switch
    {
        BonusTerritoireKind.Eaje => "eaje",
        BonusTerritoireKind.Alsh => "alsh",
        BonusTerritoireKind.Jeunes => "jeunes",
        BonusTerritoireKind.Rpe => "rpe",
        BonusTerritoireKind.Laep => "laep",
        _ => "unspecified",
    };
}
