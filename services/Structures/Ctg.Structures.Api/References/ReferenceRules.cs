using Ctg.Domain;
using Ctg.ServiceDefaults;
using Ctg.Structures.Registry;
using Ctg.Structures.Shared;
using Ctg.Structures.V1;

namespace Ctg.Structures.References;

/// <summary>A CEJ reference: a non-negative amount in cents and reference units in the unit of the
/// structure's kind (funding-rules.md §4: EAJE places, ALSH and jeunes hours, RPE ETP, LAEP opening hours).</summary>
internal static class ReferenceRules
{
    public static ReferenceUnit? UnitOf(StructureKind kind) => kind switch
    {
        StructureKind.EajePsu => ReferenceUnit.Places,
        StructureKind.Alsh or StructureKind.AccueilJeunes => ReferenceUnit.Hours,
        StructureKind.Rpe => ReferenceUnit.Etp,
        StructureKind.Laep => ReferenceUnit.OpeningHours,
        _ => null,
    };

    /// <summary>Checks the request's own fields; returns the parsed reference units.</summary>
    public static decimal? Validate(Violations validation, int referenceYear, long? amountCents, ReferenceUnit unit, DecimalValue? units)
    {
        validation.Require(referenceYear is >= 2000 and <= 2100, "reference_year", "must be between 2000 and 2100.");
        if (amountCents is null)
        {
            validation.Add("amount", "is required (cents).");
        }
        else
        {
            validation.Require(amountCents >= 0, "amount.cents", "must not be negative.");
        }

        if (unit == ReferenceUnit.Unspecified || !Enum.IsDefined(unit))
        {
            validation.Add("unit", $"unknown reference unit ({(int)unit}).");
        }

        var parsed = StructureRules.CheckDecimal(validation, units, "reference_units");
        if (units is null)
        {
            validation.Add("reference_units", "is required.");
        }
        else if (parsed == 0 && amountCents > 0)
        {
            validation.Add("reference_units", "an amount with no reference activity cannot be spread (funding-rules.md §4).");
        }

        return parsed;
    }

    /// <summary>Violations that depend on the structure (FAILED_PRECONDITION for an RPC).</summary>
    public static List<(string Field, string Description)> Preconditions(Structure structure, ReferenceUnit unit)
    {
        var expected = UnitOf(structure.Details.Kind);
        if (expected is null)
        {
            return [("structure_id", $"a {structure.Details.Kind.Code()} has no bonus territoire reference.")];
        }

        return expected == unit ? [] : [("unit", $"a {structure.Details.Kind.Code()} reference is counted in {expected.Value.Code()}.")];
    }
}
