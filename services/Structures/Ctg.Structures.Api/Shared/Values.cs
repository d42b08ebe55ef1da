using System.Globalization;
using Ctg.ServiceDefaults;
using Ctg.Structures.V1;
using ProtoDate = Ctg.Common.V1.Date;

namespace Ctg.Structures.Shared;

/// <summary>Conversions between wire types and the exact types the service computes with.</summary>
internal static class Values
{
    // The date rules are the platform's one conversion (ProtoDates); these extensions only keep the call sites short.

    /// <summary>The date, or null when it is not set or not a calendar date (callers validate first).</summary>
    public static DateOnly? ToDateOnly(this ProtoDate? date) => ProtoDates.TryToDateOnly(date, out var value) ? value : null;

    /// <summary>True for a set calendar date between <see cref="ProtoDates.MinYear"/> and <see cref="ProtoDates.MaxYear"/>.</summary>
    public static bool IsValid(ProtoDate date) => ProtoDates.TryToDateOnly(date, out _);

    public static ProtoDate ToProto(this DateOnly date) => ProtoDates.ToProto(date);

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
