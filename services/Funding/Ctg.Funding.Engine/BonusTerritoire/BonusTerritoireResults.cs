using Ctg.Funding.Engine.Explanations;
using Ctg.Funding.Engine.Results;

namespace Ctg.Funding.Engine.BonusTerritoire;

/// <summary>Why a structure took no part in the allocation.</summary>
public sealed record ExcludedStructure(string StructureId, string CollectivityId, BonusTerritoireKind Kind, long ReferenceAmountCents, string Reason);

/// <summary>One structure's bonus territoire: base part (smoothed existing activity) and new-activity part.</summary>
public sealed class BonusTerritoireStructureResult
{
    public required string StructureId { get; init; }
    public required string CollectivityId { get; init; }
    public required BonusTerritoireKind Kind { get; init; }
    public required long ReferenceAmountCents { get; init; }
    public required decimal ReferenceUnits { get; init; }
    public required decimal Units { get; init; }
    /// <summary>min(u, ref_units).</summary>
    public required decimal ExistingUnits { get; init; }
    /// <summary>max(0, u − ref_units).</summary>
    public required decimal NewUnits { get; init; }
    /// <summary>New units paid after the group cap (ALSH, Jeunes); equal to NewUnits for other kinds.</summary>
    public required decimal EligibleNewUnits { get; init; }
    public required Amount BasePart { get; init; }
    public required Amount NewPart { get; init; }

    /// <summary>Base + new (new counted only when computable).</summary>
    public long TotalCents => BasePart.Cents + (NewPart.IsComputable ? NewPart.Cents : 0);
    public bool IsComplete => NewPart.IsComputable;
    /// <summary>Total against the structure's own CEJ reference: positive = gains, negative = loses.</summary>
    public long DifferenceToReferenceCents => TotalCents - ReferenceAmountCents;
    /// <summary>Base part against the reference: the smoothing gain or loss on existing activity.</summary>
    public long BaseDifferenceToReferenceCents => BasePart.Cents - ReferenceAmountCents;
}

/// <summary>One group (collectivity, kind): envelope against what is paid, with the causes of any difference.</summary>
public sealed class BonusTerritoireGroupResult
{
    public required string CollectivityId { get; init; }
    public required BonusTerritoireKind Kind { get; init; }
    /// <summary>E = Σ reference amounts.</summary>
    public required long EnvelopeCents { get; init; }
    /// <summary>U = Σ reference units.</summary>
    public required decimal ReferenceUnits { get; init; }
    public required decimal Units { get; init; }
    public required decimal ExistingUnits { get; init; }
    public required decimal NewUnits { get; init; }
    public required decimal EligibleNewUnits { get; init; }
    /// <summary>E / U in cents per unit, exact.</summary>
    public required decimal RawUnitRateCents { get; init; }
    public required decimal RevaluationFactor { get; init; }
    /// <summary>Floor in cents per unit, null when the parameter has no value (no floor).</summary>
    public required decimal? FloorCents { get; init; }
    public required bool FloorBinding { get; init; }
    /// <summary>r = max(E / U × revaluation, floor), cents per unit.</summary>
    public required decimal UnitRateCents { get; init; }
    public required Explanation UnitRateExplanation { get; init; }
    public required long BasePaidCents { get; init; }
    public required long NewPaidCents { get; init; }
    public long PaidCents => BasePaidCents + NewPaidCents;
    public long DifferenceToEnvelopeCents => PaidCents - EnvelopeCents;

    // The causes add up: E + lower + revaluation + floor + rounding + new = paid.
    /// <summary>r0 × (Σ existing − U): money not paid because activity fell below reference (≤ 0).</summary>
    public required decimal LowerActivityCents { get; init; }
    public required decimal RevaluationCents { get; init; }
    public required decimal FloorEffectCents { get; init; }
    /// <summary>Rounded base sum minus exact base sum (less than half a cent in absolute value).</summary>
    public required decimal RoundingCents { get; init; }
    public long NewActivityCents => NewPaidCents;

    /// <summary>Every structure at its reference activity.</summary>
    public required bool EqualActivity { get; init; }
    /// <summary>Equal activity, no revaluation, floor not binding: the group must pay exactly E.</summary>
    public bool EqualActivityInvariantApplies => EqualActivity && RevaluationFactor == 1m && !FloorBinding;
    public bool EqualActivityInvariantHolds => !EqualActivityInvariantApplies || PaidCents == EnvelopeCents;
    public required IReadOnlyList<NotComputable> NotComputable { get; init; }
    public required IReadOnlyList<string> StructureIds { get; init; }
}

/// <summary>The bonus territoire allocation of one CTG and year, with its invariant report.</summary>
public sealed class BonusTerritoireAllocation
{
    public required string CtgId { get; init; }
    public required int Year { get; init; }
    public required string DeclarationVersion { get; init; }
    public required string ParameterSetHash { get; init; }
    /// <summary>Ordered by collectivity id (ordinal) then kind.</summary>
    public required IReadOnlyList<BonusTerritoireGroupResult> Groups { get; init; }
    /// <summary>Ordered by structure id (ordinal).</summary>
    public required IReadOnlyList<BonusTerritoireStructureResult> Structures { get; init; }
    public required IReadOnlyList<ExcludedStructure> Excluded { get; init; }

    public long TotalPaidCents => Groups.Sum(g => g.PaidCents);
    public long TotalEnvelopeCents => Groups.Sum(g => g.EnvelopeCents);
    public bool AllInvariantsHold => Groups.All(g => g.EqualActivityInvariantHolds);
    public BonusTerritoireStructureResult Structure(string id) => Structures.First(s => s.StructureId == id);
    public BonusTerritoireGroupResult Group(string collectivityId, BonusTerritoireKind kind) => Groups.First(g => g.CollectivityId == collectivityId && g.Kind == kind);
}
