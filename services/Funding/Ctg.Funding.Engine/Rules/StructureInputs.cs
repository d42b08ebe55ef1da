namespace Ctg.Funding.Engine.Rules;

/// <summary>The manager's legal form, which sets the bonus attractivité amount.</summary>
public enum ManagerType
{
    Public,
    Associative,
    Private,
}

/// <summary>One structure's declared activity for a year and declaration version: the input of its prestation de service.</summary>
public abstract record StructureYearInput
{
    public required string StructureId { get; init; }
    public required int Year { get; init; }
    /// <summary>prévisionnel, actualisé, réel...; carried through to the result, not used by the rules.</summary>
    public string DeclarationVersion { get; init; } = "";
}

/// <summary>EAJE under PSU (RULES.md §1).</summary>
public sealed record EajeInput : StructureYearInput
{
    /// <summary>P: agreed places.</summary>
    public required decimal AgreedPlaces { get; init; }
    /// <summary>HF: hours invoiced.</summary>
    public required decimal HoursInvoiced { get; init; }
    /// <summary>HR: hours attended.</summary>
    public required decimal HoursAttended { get; init; }
    /// <summary>C: operating costs (€).</summary>
    public required decimal OperatingCosts { get; init; }
    /// <summary>PF: family participations (€).</summary>
    public required decimal FamilyParticipations { get; init; }
    /// <summary>rg: share of régime-général beneficiaries, 0..1.</summary>
    public required decimal RegimeGeneralShare { get; init; }
    /// <summary>cr: the structure supplies nappies and meals.</summary>
    public required bool SuppliesNappiesAndMeals { get; init; }
    public ManagerType ManagerType { get; init; } = ManagerType.Public;
    /// <summary>The manager declares the salary conditions of the bonus attractivité are met.</summary>
    public bool AttractiviteSalaryConditionsDeclared { get; init; }
    public int EnrolledChildren { get; init; }
    /// <summary>Enrolled children receiving AEEH (bonus inclusion handicap).</summary>
    public int AeehChildren { get; init; }
}

/// <summary>Hours attended and operating costs of one ALSH activity (périscolaire or extrascolaire).</summary>
public sealed record AlshActivity(decimal HoursAttended, decimal OperatingCosts);

/// <summary>ALSH (RULES.md §2): périscolaire and extrascolaire activity of one site.</summary>
public sealed record AlshInput : StructureYearInput
{
    public AlshActivity? Periscolaire { get; init; }
    public AlshActivity? Extrascolaire { get; init; }
    public required decimal RegimeGeneralShare { get; init; }
    /// <summary>Hours of children receiving AEEH (complément inclusif).</summary>
    public decimal AeehHours { get; init; }
    public bool PlanMercrediLabelled { get; init; }
    /// <summary>New Wednesday hours of a Plan mercredi labelled ALSH.</summary>
    public decimal NewWednesdayHours { get; init; }
}

/// <summary>Accueil de jeunes (PS Jeunes, RULES.md §2).</summary>
public sealed record JeunesInput : StructureYearInput
{
    public required decimal HoursAttended { get; init; }
    public required decimal OperatingCosts { get; init; }
    public required decimal RegimeGeneralShare { get; init; }
}

/// <summary>Relais petite enfance (RULES.md §3).</summary>
public sealed record RpeInput : StructureYearInput
{
    public required decimal Etp { get; init; }
    public required decimal OperatingCosts { get; init; }
    public bool MissionsRenforcees { get; init; }
}

/// <summary>Lieu d'accueil enfants-parents (RULES.md §3).</summary>
public sealed record LaepInput : StructureYearInput
{
    public required decimal OpeningHours { get; init; }
    public required decimal OperatingCosts { get; init; }
}
