namespace Ctg.Funding.Engine.Explanations;

/// <summary>
/// The DECISIONs of RULES.md (and those this engine had to take where the file is silent),
/// by id. Explanations list the ids that applied; <see cref="Describe"/> gives the text.
/// </summary>
public static class Decisions
{
    public const string PsuPrhDenominator = "DECISION-PSU-PRH-DENOMINATOR";
    public const string PsuRgFinalFactor = "DECISION-PSU-RG-FINAL-FACTOR";
    public const string Psu2025Linear = "DECISION-PSU-2025-LINEAR-CEILING";
    public const string PsuHandicapZeroShare = "DECISION-PSU-HANDICAP-ZERO-SHARE";
    public const string PsuHandicapStepScale = "DECISION-PSU-HANDICAP-STEP-SCALE";
    public const string AlshJeunesSameFormula = "DECISION-ALSH-JEUNES-SAME-FORMULA";
    public const string BtGroupReferenceYearCollectivity = "DECISION-BT-GROUP-REFERENCE-YEAR-COLLECTIVITY";
    public const string BtNewHoursAtUnitRate = "DECISION-BT-NEW-HOURS-AT-UNIT-RATE";
    public const string BtRpeLaepNewUnitsAtUnitRate = "DECISION-BT-RPE-LAEP-NEW-UNITS-AT-UNIT-RATE";
    public const string BtJeunesUsesAlshCap = "DECISION-BT-JEUNES-USES-ALSH-CAP";
    public const string BtEmptyGroupRate = "DECISION-BT-EMPTY-GROUP-RATE-ZERO";
    public const string BtIneligibleExcluded = "DECISION-BT-INELIGIBLE-EXCLUDED";
    public const string BtRevaluationDefaultOne = "DECISION-BT-REVALUATION-DEFAULT-ONE";
    public const string BtStratumFloors = "DECISION-BT-STRATUM-FLOORS";
    public const string BtStratumOfGroup = "DECISION-BT-STRATUM-OF-GROUP";
    public const string TrajectoireStepFunction = "DECISION-TRAJECTOIRE-STEP-FUNCTION";
    public const string PaymentsAdvanceRounding = "DECISION-PAYMENTS-ADVANCE-ROUNDING";

    private static readonly Dictionary<string, string> Texts = new(StringComparer.Ordinal)
    {
        [PsuPrhDenominator] = "Hourly cost price PRH = C / HF: the denominator is the hours invoiced (RULES.md §1).",
        [PsuRgFinalFactor] = "The régime-général share rg multiplies the whole PSU as a final factor (RULES.md §1).",
        [Psu2025Linear] = "From 2025 the ceiling is linear between PPmax at t ≤ 1.07 and PPmin at t ≥ 1.20 (exact CNAF formula not public; RULES.md §1).",
        [PsuHandicapZeroShare] = "Engine decision: a structure with no enrolled child receiving AEEH gets no bonus inclusion handicap; the barème is only needed when the share is positive.",
        [PsuHandicapStepScale] = "Engine decision: the bonus inclusion handicap barème is read as a step scale (amount of the highest threshold not above the share), capped by psu.bonus_handicap.plafond.",
        [AlshJeunesSameFormula] = "Engine decision: PS Jeunes uses the PS ALSH formula and rate of RULES.md §2 with its own ceiling (alsh.prix_plafond.jeunes).",
        [BtGroupReferenceYearCollectivity] = "The bonus territoire group is the collectivity that supported the structure in the reference year (RULES.md §4.1).",
        [BtNewHoursAtUnitRate] = "ALSH and Jeunes eligible new hours are paid at the group's unit rate r (RULES.md §4.4).",
        [BtRpeLaepNewUnitsAtUnitRate] = "RPE and LAEP new units are paid at the group's unit rate r (RULES.md §4.4).",
        [BtJeunesUsesAlshCap] = "Engine decision: accueils de jeunes groups use the same new-hours cap parameter as ALSH (bt.alsh.cap_heures_nouvelles), applied to each group on its own.",
        [BtEmptyGroupRate] = "Engine decision: a group with no reference (E = 0 and U = 0) has a raw unit rate of 0 before revaluation and floor.",
        [BtIneligibleExcluded] = "Engine decision: a structure that is not eligible (kind, support by a signatory of a signed CTG holding the competence, open during the year) is left out of its group: its reference counts neither in E nor in U, and the report lists it.",
        [BtStratumFloors] = "A floor or revaluation set for the wealth stratum of the group's territory replaces the kind's value for that group (RULES.md §4.2).",
        [BtStratumOfGroup] = "Engine decision: a group's territory is of a stratum when all its structures' communes are of that stratum; otherwise the kind's floor and revaluation apply (RULES.md §4.2).",
        [BtRevaluationDefaultOne] = "The cumulative revaluation factor defaults to 1 when the parameter has no value for the year; an absent floor means no floor (RULES.md §4.2).",
        [TrajectoireStepFunction] = "The bonus trajectoire is a step function of the growth of co-financed EAJE places (RULES.md §4).",
        [PaymentsAdvanceRounding] = "Engine decision: each advance is the prévisionnel entitlement times its rate, rounded to the cent half away from zero.",
    };

    public static string Describe(string id) => Texts.TryGetValue(id, out var t) ? t : id;
    public static IReadOnlyDictionary<string, string> All => Texts;
}
