using System.Globalization;
using Ctg.Structures.V1;
using ProtoDate = Ctg.Common.V1.Date;

namespace Ctg.Structures.Shared;

/// <summary>Conversions between wire types and the exact types the service computes with.</summary>
internal static class Values
{
    public static DateOnly? ToDateOnly(this ProtoDate? date)
    {
        if (date is null)
        {
            return null;
        }

        return IsValid(date) ? new DateOnly(date.Year, date.Month, date.Day) : null;
    }

    public static bool IsValid(ProtoDate date) =>
        date.Year is >= 1900 and <= 2200 && date.Month is >= 1 and <= 12 && date.Day >= 1 && date.Day <= DateTime.DaysInMonth(date.Year, date.Month);

    public static ProtoDate ToProto(this DateOnly date) => new() { Year = date.Year, Month = date.Month, Day = date.Day };

    public static string ToIso(this DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static DateOnly FromIso(string iso) => DateOnly.ParseExact(iso, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>Parses a decimal written with '.' (the wire format). Null when absent.</summary>
    public static bool TryParse(DecimalValue? value, out decimal? result)
    {
        result = null;
        if (value is null)
        {
            return true;
        }

        if (decimal.TryParse(value.Value, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var parsed))
        {
            result = parsed;
            return true;
        }

        return false;
    }

    public static DecimalValue? ToDecimalValue(this decimal? value) =>
        value is { } v ? new DecimalValue { Value = v.ToString(CultureInfo.InvariantCulture) } : null;

    public static DateOnly Today(this TimeProvider clock) => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    public static string NowIso(this TimeProvider clock) => clock.GetUtcNow().UtcDateTime.ToString("O", CultureInfo.InvariantCulture);

    /// <summary>The name of an enum value as stored and published: STRUCTURE_KIND_EAJE_PSU → eaje_psu.</summary>
    public static string Code(this StructureKind kind) => kind switch
    {
        StructureKind.EajePsu => "eaje_psu",
        StructureKind.MicroCrechePaje => "micro_creche_paje",
        StructureKind.Mam => "mam",
        StructureKind.Rpe => "rpe",
        StructureKind.Laep => "laep",
        StructureKind.Alsh => "alsh",
        StructureKind.AccueilJeunes => "accueil_jeunes",
        StructureKind.Clas => "clas",
        StructureKind.CentreSocial => "centre_social",
        StructureKind.Evs => "evs",
        _ => "unspecified",
    };

    public static readonly IReadOnlyDictionary<string, StructureKind> KindsByCode =
        Enum.GetValues<StructureKind>().Where(k => k != StructureKind.Unspecified).ToDictionary(k => k.Code());

    public static string Code(this DeclarationVersion version) => version switch
    {
        DeclarationVersion.Previsionnel => "previsionnel",
        DeclarationVersion.ActualiseJuin => "actualise_juin",
        DeclarationVersion.ActualiseSeptembre => "actualise_septembre",
        DeclarationVersion.Reel => "reel",
        _ => "unspecified",
    };

    public static readonly IReadOnlyDictionary<string, DeclarationVersion> VersionsByCode =
        Enum.GetValues<DeclarationVersion>().Where(v => v != DeclarationVersion.Unspecified).ToDictionary(v => v.Code());

    public static string Code(this ReferenceUnit unit) => unit switch
    {
        ReferenceUnit.Places => "places",
        ReferenceUnit.Hours => "hours",
        ReferenceUnit.Etp => "etp",
        ReferenceUnit.OpeningHours => "opening_hours",
        _ => "unspecified",
    };

    public static readonly IReadOnlyDictionary<string, ReferenceUnit> UnitsByCode =
        Enum.GetValues<ReferenceUnit>().Where(u => u != ReferenceUnit.Unspecified).ToDictionary(u => u.Code());

    public static string Code(this ManagementMode mode) => mode switch
    {
        ManagementMode.Regie => "regie",
        ManagementMode.Association => "association",
        ManagementMode.PrivateCompany => "private_company",
        ManagementMode.OtherPublicBody => "other_public_body",
        _ => "",
    };

    public static readonly IReadOnlyDictionary<string, ManagementMode> ModesByCode =
        Enum.GetValues<ManagementMode>().Where(m => m != ManagementMode.Unspecified).ToDictionary(m => m.Code());
}
