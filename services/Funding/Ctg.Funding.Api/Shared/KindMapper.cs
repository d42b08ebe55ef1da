using Ctg.Structures.V1;
using EngineKind = Ctg.Funding.Engine.BonusTerritoire.BonusTerritoireKind;
using ProtoKind = Ctg.Funding.V1.BonusTerritoireKind;

namespace Ctg.Funding.Api.Shared;

/// <summary>Structure kinds of the registry against the five bonus territoire kinds (RULES.md §4.1).</summary>
internal static class KindMapper
{
    public static EngineKind ToBonusTerritoireKind(StructureKind kind) => kind switch
    {
        StructureKind.EajePsu => EngineKind.Eaje,
        StructureKind.Alsh => EngineKind.Alsh,
        StructureKind.AccueilJeunes => EngineKind.Jeunes,
        StructureKind.Rpe => EngineKind.Rpe,
        StructureKind.Laep => EngineKind.Laep,
        _ => EngineKind.NotEligible,
    };

    public static ProtoKind ToProto(EngineKind kind) => kind switch
    {
        EngineKind.Eaje => ProtoKind.Eaje,
        EngineKind.Alsh => ProtoKind.Alsh,
        EngineKind.Jeunes => ProtoKind.Jeunes,
        EngineKind.Rpe => ProtoKind.Rpe,
        EngineKind.Laep => ProtoKind.Laep,
        _ => ProtoKind.Unspecified,
    };

    public static string VersionName(DeclarationVersion version) => version switch
    {
        DeclarationVersion.Previsionnel => "previsionnel",
        DeclarationVersion.ActualiseJuin => "actualise_juin",
        DeclarationVersion.ActualiseSeptembre => "actualise_septembre",
        DeclarationVersion.Reel => "reel",
        _ => "unspecified",
    };
}
