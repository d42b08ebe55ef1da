using System.Text.RegularExpressions;
using Ctg.Domain;
using Ctg.ServiceDefaults;
using Ctg.Structures.Shared;
using Ctg.Structures.V1;

namespace Ctg.Structures.Registry;

/// <summary>What makes a structure's details valid, by kind (domain.md §3). Every violation is
/// collected so that a caller, or a CSV row, sees all its mistakes at once.</summary>
internal static partial class StructureRules
{
    [GeneratedRegex("^(\\d{5}|2[AB]\\d{3})$")]
    private static partial Regex InseeCode();

    [GeneratedRegex("^[a-z0-9][a-z0-9._-]{2,99}$")]
    private static partial Regex StructureId();

    /// <summary>Kinds whose capacity is agreed places; a capacity of 0 is meaningless for them.</summary>
    public static bool NeedsPlaces(StructureKind kind) =>
        kind is StructureKind.EajePsu or StructureKind.MicroCrechePaje or StructureKind.Mam;

    public static bool IsEaje(StructureKind kind) => kind is StructureKind.EajePsu or StructureKind.MicroCrechePaje;

    public static bool IsValidId(string id) => StructureId().IsMatch(id);

    public static void ValidateId(Violations validation, string structureId, string field)
    {
        if (structureId.Length > 0 && !IsValidId(structureId))
        {
            validation.Add(field, "must be 3 to 100 characters: lower-case letters, digits, '.', '_' or '-'.");
        }
    }

    public static void Validate(Violations validation, StructureDetails? details, string prefix)
    {
        if (details is null)
        {
            validation.Add(prefix, "is required.");
            return;
        }

        var kind = details.Kind;
        if (kind == StructureKind.Unspecified || !Enum.IsDefined(kind))
        {
            validation.Add(prefix + ".kind", $"unknown structure kind ({(int)kind}).");
        }

        validation.Require(!string.IsNullOrWhiteSpace(details.Name), prefix + ".name", "is required.");
        validation.Require(details.Name.Length <= 200, prefix + ".name", "is longer than 200 characters.");

        var caf = details.Caf;
        if (caf is not null)
        {
            validation.Require(caf.DossierNumber.Length <= 50, prefix + ".caf.dossier_number", "is longer than 50 characters.");
            validation.Require(caf.EquipmentCode.Length <= 50, prefix + ".caf.equipment_code", "is longer than 50 characters.");
        }

        var address = details.Address;
        if (address is null)
        {
            validation.Add(prefix + ".address.commune_name", "is required.");
        }
        else
        {
            // Optional because the source documents rarely give it; never guessed from the name.
            validation.Require(address.CommuneInsee.Length == 0 || InseeCode().IsMatch(address.CommuneInsee), prefix + ".address.commune_insee",
                "must be a 5-character INSEE commune code (digits, or 2A/2B for Corsica).");
            validation.Require(!string.IsNullOrWhiteSpace(address.CommuneName), prefix + ".address.commune_name", "is required.");
        }

        // The manager may be unknown for historical structures (the seeds often do not say); never guessed.
        if (details.Manager is not null && !Enum.IsDefined(details.Manager.Mode))
        {
            validation.Add(prefix + ".manager.mode", $"unknown management mode ({(int)details.Manager.Mode}).");
        }

        ValidateCapacity(validation, kind, details.Capacity, prefix + ".capacity");

        if (details.Eaje is not null && !IsEaje(kind))
        {
            validation.Add(prefix + ".eaje", "nappies and meals apply to EAJE and micro-crèches only.");
        }

        if (details.Alsh is not null && kind != StructureKind.Alsh)
        {
            validation.Add(prefix + ".alsh", "périscolaire / extrascolaire apply to ALSH only.");
        }

        if (details.OpeningDate is not null && !Values.IsValid(details.OpeningDate))
        {
            validation.Add(prefix + ".opening_date", "is not a valid date.");
        }

        validation.Require(!string.IsNullOrWhiteSpace(details.SupportingCollectivityId), prefix + ".supporting_collectivity_id",
            "is required: the signatory of a CTG that supports the structure.");
    }

    private static void ValidateCapacity(Violations validation, StructureKind kind, Capacity? capacity, string prefix)
    {
        // An absent capacity is unknown (historical data); a capacity of 0 for a kind that needs one is an error.
        if (capacity is { HasAgreedPlaces: true })
        {
            if (capacity.AgreedPlaces < 0)
            {
                validation.Add(prefix + ".agreed_places", "must not be negative.");
            }
            else if (capacity.AgreedPlaces == 0 && NeedsPlaces(kind))
            {
                validation.Add(prefix + ".agreed_places", $"a {kind.Code()} needs at least one agreed place.");
            }
        }

        var etp = CheckDecimal(validation, capacity?.Etp, prefix + ".etp");
        if (kind == StructureKind.Rpe && etp == 0m)
        {
            validation.Add(prefix + ".etp", "an RPE needs a positive number of ETP of animateur.");
        }

        var hours = CheckDecimal(validation, capacity?.OpeningHoursPerYear, prefix + ".opening_hours_per_year");
        if (kind == StructureKind.Laep && hours == 0m)
        {
            validation.Add(prefix + ".opening_hours_per_year", "a LAEP needs a positive number of opening hours a year.");
        }
    }

    /// <summary>Parses a non-negative decimal; records a violation when it is malformed or negative.</summary>
    public static decimal? CheckDecimal(Violations validation, DecimalValue? value, string field)
    {
        if (!Values.TryParse(value, out var parsed))
        {
            validation.Add(field, $"'{value!.Value}' is not a decimal number (use '.' as separator).");
            return null;
        }

        if (parsed < 0)
        {
            validation.Add(field, "must not be negative.");
        }

        return parsed;
    }

    /// <summary>Trims the free-text fields so that "  Fraisans " and "Fraisans" are one value.</summary>
    public static StructureDetails Normalize(StructureDetails details)
    {
        var copy = details.Clone();
        copy.Name = copy.Name.Trim();
        copy.SupportingCollectivityId = copy.SupportingCollectivityId.Trim();
        if (copy.Caf is not null)
        {
            copy.Caf.DossierNumber = copy.Caf.DossierNumber.Trim();
            copy.Caf.EquipmentCode = copy.Caf.EquipmentCode.Trim();
        }

        copy.Manager ??= new Manager();
        copy.Manager.Name = copy.Manager.Name.Trim();
        copy.Address ??= new Address();
        copy.Address.CommuneInsee = copy.Address.CommuneInsee.Trim().ToUpperInvariant();
        copy.Address.CommuneName = copy.Address.CommuneName.Trim();
        return copy;
    }
}
