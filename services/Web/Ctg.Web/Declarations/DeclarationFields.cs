using Ctg.Common.V1;
using Ctg.Structures.V1;

namespace Ctg.Web.Declarations;

public enum FieldType { Decimal, Euros, Integer }

/// <summary>One figure of a declaration: its form name, the contract field the services name in their
/// violations, its French label and hint, the kinds of structure that declare it.</summary>
public sealed record DeclarationField(string Name, string ProtoField, string Label, string Hint, FieldType Type, StructureKind[] Kinds)
{
    public bool AppliesTo(StructureKind kind) => Kinds.Length == 0 || Kinds.Contains(kind);
}

/// <summary>The figures of <see cref="ActivityFigures"/> a form shows, and how each is read and written.</summary>
public static class DeclarationFields
{
    private static readonly StructureKind[] Eaje = [StructureKind.EajePsu];
    private static readonly StructureKind[] Hours = [StructureKind.EajePsu, StructureKind.Alsh, StructureKind.AccueilJeunes];
    private static readonly StructureKind[] Shares = [StructureKind.EajePsu, StructureKind.Alsh, StructureKind.AccueilJeunes];

    public static readonly IReadOnlyList<DeclarationField> All =
    [
        new("places", "figures.places", "Places agréées", "Nombre entier.", FieldType.Integer, Eaje),
        new("hours_invoiced", "figures.hours_invoiced", "Heures facturées", "Heures facturées aux familles dans l'année.", FieldType.Decimal, Eaje),
        new("hours_attended", "figures.hours_attended", "Heures réalisées", "Heures de présence des enfants (actes) dans l'année.", FieldType.Decimal, Hours),
        new("operating_costs", "figures.operating_costs", "Charges de fonctionnement (€)", "Total des charges de l'année, en euros (par exemple 248 289,00).", FieldType.Euros, []),
        new("family_participations", "figures.family_participations", "Participations familiales (€)", "En euros.", FieldType.Euros, Eaje),
        new("regime_general_share", "figures.regime_general_share", "Part du régime général", "Entre 0 et 1, par exemple 0,98.", FieldType.Decimal, Shares),
        new("aeeh_hours", "figures.aeeh_hours", "Heures des enfants bénéficiaires de l'AEEH", "Facultatif.", FieldType.Decimal, Eaje),
        new("aeeh_children", "figures.aeeh_children", "Enfants bénéficiaires de l'AEEH", "Facultatif, nombre entier.", FieldType.Integer, Eaje),
        new("months_open", "figures.months_open", "Mois d'ouverture", "De 1 à 12 ; 12 si vide.", FieldType.Integer, Eaje),
        new("etp", "figures.etp", "ETP d'animateur", "Équivalents temps plein, par exemple 1,5.", FieldType.Decimal, [StructureKind.Rpe]),
        new("opening_hours", "figures.opening_hours", "Heures d'ouverture", "Heures d'ouverture dans l'année.", FieldType.Decimal, [StructureKind.Laep]),
    ];

    public static DeclarationField? ByProtoField(string protoField) =>
        All.FirstOrDefault(f => string.Equals(f.ProtoField, protoField, StringComparison.Ordinal));

    /// <summary>Reads the typed values into figures; a value that is not a number gives a French error on its field.</summary>
    public static ActivityFigures Read(IReadOnlyDictionary<string, string?> values, StructureKind kind, IDictionary<string, string> errors)
    {
        var figures = new ActivityFigures();
        foreach (var field in All.Where(f => f.AppliesTo(kind)))
        {
            var text = values.GetValueOrDefault(field.Name);
            if (string.IsNullOrWhiteSpace(text)) continue;
            switch (field.Type)
            {
                case FieldType.Integer when int.TryParse(text.Trim(), out var n):
                    SetInteger(figures, field.Name, n);
                    break;
                case FieldType.Euros when FrenchNumbers.TryParseCents(text, out var cents):
                    SetMoney(figures, field.Name, new Money { Cents = cents });
                    break;
                case FieldType.Decimal when FrenchNumbers.TryParseDecimal(text, out var d):
                    SetDecimal(figures, field.Name, new DecimalValue { Value = FrenchNumbers.Invariant(d) });
                    break;
                default:
                    errors[field.Name] = field.Type switch
                    {
                        FieldType.Integer => "Saisissez un nombre entier (par exemple 30).",
                        FieldType.Euros => "Saisissez un montant en euros avec au plus deux décimales (par exemple 1 234,56).",
                        _ => "Saisissez un nombre (par exemple 1 234,5).",
                    };
                    break;
            }
        }
        return figures;
    }

    /// <summary>The figures of an earlier declaration as the form shows them.</summary>
    public static Dictionary<string, string?> Write(ActivityFigures f) => new()
    {
        ["places"] = f.HasPlaces ? f.Places.ToString() : null,
        ["hours_invoiced"] = FrenchNumbers.ForField(f.HoursInvoiced?.Value),
        ["hours_attended"] = FrenchNumbers.ForField(f.HoursAttended?.Value),
        ["operating_costs"] = f.OperatingCosts is { } c ? FrenchNumbers.ForField(c.Cents) : null,
        ["family_participations"] = f.FamilyParticipations is { } p ? FrenchNumbers.ForField(p.Cents) : null,
        ["regime_general_share"] = FrenchNumbers.ForField(f.RegimeGeneralShare?.Value),
        ["aeeh_hours"] = FrenchNumbers.ForField(f.AeehHours?.Value),
        ["aeeh_children"] = f.HasAeehChildren ? f.AeehChildren.ToString() : null,
        ["months_open"] = f.HasMonthsOpen ? f.MonthsOpen.ToString() : null,
        ["etp"] = FrenchNumbers.ForField(f.Etp?.Value),
        ["opening_hours"] = FrenchNumbers.ForField(f.OpeningHours?.Value),
    };

    /// <summary>t = heures facturées / heures réalisées, when both are given.</summary>
    public static decimal? BillingRate(ActivityFigures f) =>
        decimal.TryParse(f.HoursInvoiced?.Value, System.Globalization.NumberStyles.Number, System.Globalization.CultureInfo.InvariantCulture, out var hf)
        && decimal.TryParse(f.HoursAttended?.Value, System.Globalization.NumberStyles.Number, System.Globalization.CultureInfo.InvariantCulture, out var hr)
        && hr > 0 ? hf / hr : null;

    private static void SetInteger(ActivityFigures f, string name, int n)
    {
        switch (name)
        {
            case "places": f.Places = n; break;
            case "aeeh_children": f.AeehChildren = n; break;
            case "months_open": f.MonthsOpen = n; break;
        }
    }

    private static void SetMoney(ActivityFigures f, string name, Money money)
    {
        if (name == "operating_costs") f.OperatingCosts = money;
        else f.FamilyParticipations = money;
    }

    private static void SetDecimal(ActivityFigures f, string name, DecimalValue value)
    {
        switch (name)
        {
            case "hours_invoiced": f.HoursInvoiced = value; break;
            case "hours_attended": f.HoursAttended = value; break;
            case "regime_general_share": f.RegimeGeneralShare = value; break;
            case "aeeh_hours": f.AeehHours = value; break;
            case "etp": f.Etp = value; break;
            case "opening_hours": f.OpeningHours = value; break;
        }
    }
}
