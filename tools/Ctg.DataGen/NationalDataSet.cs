using Ctg.Funding.Engine.BonusTerritoire;
using Ctg.Funding.Engine.Rules;

namespace Ctg.DataGen;

/// <summary>A commune of the synthetic territory.</summary>
public sealed record Commune(string InseeCode, string Name, int Population, int WealthStratum, bool QpvOrZrr, string CtgId);

/// <summary>A synthetic CTG: one EPCI and its communes as signatories.</summary>
public sealed record SyntheticCtg(string Id, string Name, bool Signed, string EpciId, int FirstCommune, int CommuneCount);

/// <summary>One structure with its declared activity (the PS input) and its bonus territoire input.</summary>
public sealed record SyntheticStructure(string Id, string CtgId, string CommuneCode, StructureYearInput Activity, BonusTerritoireStructure BonusTerritoire);

/// <summary>The national synthetic data set: 30,000 communes, 1,200 CTGs, 13,000 EAJE, 35,000 ALSH, 3,000 RPE, 2,000 LAEP.</summary>
public sealed class NationalDataSet
{
    public required int Seed { get; init; }
    public required int Year { get; init; }
    public required IReadOnlyList<Commune> Communes { get; init; }
    public required IReadOnlyList<SyntheticCtg> Ctgs { get; init; }
    public required IReadOnlyList<SyntheticStructure> Structures { get; init; }

    /// <summary>One bonus territoire request per CTG, structures in generation order.</summary>
    public IReadOnlyList<BonusTerritoireRequest> AllocationRequests()
    {
        var byCtg = Structures.GroupBy(s => s.CtgId).ToDictionary(g => g.Key, g => g.Select(s => s.BonusTerritoire).ToList());
        return Ctgs.Select(c => new BonusTerritoireRequest
        {
            CtgId = c.Id, Year = Year, DeclarationVersion = "reel",
            Structures = byCtg.TryGetValue(c.Id, out var list) ? list : [],
        }).ToList();
    }
}
