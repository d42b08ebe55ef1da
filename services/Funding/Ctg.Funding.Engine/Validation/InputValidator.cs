using Ctg.Funding.Engine.Rules;

namespace Ctg.Funding.Engine.Validation;

/// <summary>
/// Checks a structure's declared activity before any rule runs. Field names are the snake_case names
/// the service's protobuf messages use, so violations map one to one to BadRequest field violations.
/// </summary>
public static class InputValidator
{
    public static IReadOnlyList<FieldViolation> Validate(StructureYearInput input)
    {
        var v = new List<FieldViolation>();
        if (string.IsNullOrWhiteSpace(input.StructureId)) v.Add(new("structure_id", "must not be empty"));
        if (input.Year is < 2000 or > 2100) v.Add(new("year", "must be between 2000 and 2100"));
        switch (input)
        {
            case EajeInput e:
                NonNegative(v, "agreed_places", e.AgreedPlaces);
                NonNegative(v, "operating_costs", e.OperatingCosts);
                NonNegative(v, "family_participations", e.FamilyParticipations);
                if (e.HoursAttended <= 0m)
                    v.Add(new("hours_attended", e.HoursAttended < 0m
                        ? "must not be negative"
                        : "must be greater than 0: the billing rate t = HF / HR cannot be computed with no hours attended"));
                if (e.HoursInvoiced <= 0m)
                    v.Add(new("hours_invoiced", e.HoursInvoiced < 0m
                        ? "must not be negative"
                        : "must be greater than 0: the hourly cost price PRH = C / HF cannot be computed with no hours invoiced"));
                Share(v, "regime_general_share", e.RegimeGeneralShare);
                if (e.EnrolledChildren < 0) v.Add(new("enrolled_children", "must not be negative"));
                if (e.AeehChildren < 0) v.Add(new("aeeh_children", "must not be negative"));
                else if (e.AeehChildren > e.EnrolledChildren) v.Add(new("aeeh_children", "must not exceed enrolled_children"));
                break;
            case AlshInput a:
                if (a.Periscolaire is null && a.Extrascolaire is null) v.Add(new("periscolaire", "an ALSH declares périscolaire or extrascolaire activity (or both)"));
                if (a.Periscolaire is { } peri) Activity(v, "periscolaire.hours_attended", "periscolaire.operating_costs", peri.HoursAttended, peri.OperatingCosts);
                if (a.Extrascolaire is { } extra) Activity(v, "extrascolaire.hours_attended", "extrascolaire.operating_costs", extra.HoursAttended, extra.OperatingCosts);
                Share(v, "regime_general_share", a.RegimeGeneralShare);
                NonNegative(v, "aeeh_hours", a.AeehHours);
                NonNegative(v, "new_wednesday_hours", a.NewWednesdayHours);
                break;
            case JeunesInput j:
                Activity(v, "hours_attended", "operating_costs", j.HoursAttended, j.OperatingCosts);
                Share(v, "regime_general_share", j.RegimeGeneralShare);
                break;
            case RpeInput r:
                Activity(v, "etp", "operating_costs", r.Etp, r.OperatingCosts);
                break;
            case LaepInput l:
                Activity(v, "opening_hours", "operating_costs", l.OpeningHours, l.OperatingCosts);
                break;
            default:
                v.Add(new("kind", $"unsupported structure input {input.GetType().Name}"));
                break;
        }
        return v;
    }

    internal static void NonNegative(List<FieldViolation> v, string field, decimal value)
    {
        if (value < 0m) v.Add(new(field, "must not be negative"));
    }

    internal static void Share(List<FieldViolation> v, string field, decimal value)
    {
        if (value is < 0m or > 1m) v.Add(new(field, "must be between 0 and 1"));
    }

    private static void Activity(List<FieldViolation> v, string quantityField, string costField, decimal quantity, decimal costs)
    {
        NonNegative(v, quantityField, quantity);
        NonNegative(v, costField, costs);
        if (quantity == 0m && costs > 0m)
            v.Add(new(quantityField, "must be greater than 0 when operating costs are declared: the cost per unit cannot be computed"));
    }
}
