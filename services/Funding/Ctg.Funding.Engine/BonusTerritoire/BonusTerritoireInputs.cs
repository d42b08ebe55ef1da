namespace Ctg.Funding.Engine.BonusTerritoire;

/// <summary>The five kinds of the bonus territoire grouping (RULES.md §4.1), and the rest.</summary>
public enum BonusTerritoireKind
{
    /// <summary>EAJE under PSU; unit: places (agreed places × months open / 12).</summary>
    Eaje,
    /// <summary>ALSH périscolaire and extrascolaire hours of one site together; unit: hours attended.</summary>
    Alsh,
    /// <summary>Accueil de jeunes; unit: hours attended.</summary>
    Jeunes,
    /// <summary>Relais petite enfance; unit: ETP.</summary>
    Rpe,
    /// <summary>Lieu d'accueil enfants-parents; unit: opening hours.</summary>
    Laep,
    /// <summary>Any other kind (micro-crèche PAJE, MAM, CLAS...): never eligible.</summary>
    NotEligible,
}

/// <summary>
/// One structure of a CTG territory as the allocation needs it. Eligibility facts that need other
/// services (signed CTG, competence, opening dates) arrive as flags so the engine stays pure.
/// </summary>
public sealed record BonusTerritoireStructure
{
    public required string StructureId { get; init; }
    public required BonusTerritoireKind Kind { get; init; }
    /// <summary>The collectivity that supported the structure in the reference year (the group key).</summary>
    public required string SupportingCollectivityId { get; init; }
    /// <summary>CEJ reference: the amount booked for N-1, in cents.</summary>
    public required long ReferenceAmountCents { get; init; }
    /// <summary>Reference activity the reference amount paid for, in the kind's unit.</summary>
    public required decimal ReferenceUnits { get; init; }
    /// <summary>Activity of the year, in the kind's unit.</summary>
    public required decimal Units { get; init; }
    /// <summary>Supported by a signatory of a signed CTG that holds the competence.</summary>
    public bool SupportedBySignatoryWithCompetence { get; init; } = true;
    public bool OpenDuringYear { get; init; } = true;
    /// <summary>Wealth stratum of the territory (EAJE new places), when known.</summary>
    public int? WealthStratum { get; init; }
    /// <summary>In a QPV or a ZRR: new places are paid at the maximum amount.</summary>
    public bool QpvOrZrr { get; init; }
}

/// <summary>The allocation of one CTG for a year and declaration version.</summary>
public sealed record BonusTerritoireRequest
{
    public required string CtgId { get; init; }
    public required int Year { get; init; }
    public string DeclarationVersion { get; init; } = "";
    public required IReadOnlyList<BonusTerritoireStructure> Structures { get; init; }
}
