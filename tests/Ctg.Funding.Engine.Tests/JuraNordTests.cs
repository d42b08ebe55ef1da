using System.Globalization;
using Ctg.Funding.Engine.BonusTerritoire;

namespace Ctg.Funding.Engine.Tests;

/// <summary>
/// Jura Nord, seed 001: the 2018 CEJ amounts (Data/jura-nord-2018.csv, with seed line numbers and the test
/// assumptions) at equal activity in 2020, the first CTG year after the CEJ. Each group pays its envelope
/// to the cent; smoothing moves money only inside the ALSH group (the other groups have one structure).
/// </summary>
public class JuraNordTests
{
    internal static IReadOnlyList<BonusTerritoireStructure> Structures()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Data", "jura-nord-2018.csv");
        var rows = File.ReadAllLines(path).Where(l => !l.StartsWith('#')).Skip(1).Select(l => l.Split(','));
        return rows.Select(r => new BonusTerritoireStructure
        {
            StructureId = r[0],
            Kind = Enum.Parse<BonusTerritoireKind>(r[2]),
            SupportingCollectivityId = "CC-JURA-NORD",
            ReferenceAmountCents = long.Parse(r[3], CultureInfo.InvariantCulture) * 100,
            ReferenceUnits = decimal.Parse(r[4], CultureInfo.InvariantCulture),
            Units = decimal.Parse(r[4], CultureInfo.InvariantCulture), // equal activity
        }).ToList();
    }

    private static BonusTerritoireAllocation Allocate() => new FundingEngine(TestParameters.Real).AllocateBonusTerritoire(
        new BonusTerritoireRequest { CtgId = "CTG-JURA-NORD-2019", Year = 2020, DeclarationVersion = "reel", Structures = Structures() });

    // Envelopes (seed lines 728-738): EAJE 82442 €; RPE 22865 €; ALSH 35292 + 24494 + 43831 + 24495 + 19403 + 19337 + 16759 + 0 = 183611 €; Jeunes 8786 €.
    [Theory]
    [InlineData(BonusTerritoireKind.Eaje, 8244200)]
    [InlineData(BonusTerritoireKind.Rpe, 2286500)]
    [InlineData(BonusTerritoireKind.Alsh, 18361100)]
    [InlineData(BonusTerritoireKind.Jeunes, 878600)]
    public void Each_group_pays_its_envelope_to_the_cent(BonusTerritoireKind kind, long envelope)
    {
        var g = Allocate().Group("CC-JURA-NORD", kind);
        Assert.Equal(envelope, g.EnvelopeCents);
        Assert.Equal(envelope, g.PaidCents);
        Assert.True(g.EqualActivityInvariantApplies);
        Assert.True(g.EqualActivityInvariantHolds);
    }

    // ALSH group: U = 264826 h, r = 18361100 / 264826 = 69.3326939… c/h. base = r × hours (exact), then largest remainder:
    // truncated Σ = 18361097, 3 cents to the largest fractions (Orchamps .915, Dampierre .763, Ougney .533).
    [Theory]
    [InlineData("JN-ALSH-DAMMARTIN-MARPAIN", 2754657, -774543)]  // 39731 h × r = 2754657.26 → loses 7745,43 €
    [InlineData("JN-ALSH-DAMPIERRE", 1724443, -724957)]          // 24872 h × r = 1724442.76 (+1 cent) → loses 7249,57 €
    [InlineData("JN-ALSH-FRAISANS", 5438387, 1055287)]           // 78439 h × r = 5438387.18 → gains 10552,87 €
    [InlineData("JN-ALSH-GENDREY", 2719436, 269936)]             // 39223 h × r = 2719436.25 → gains 2699,36 €
    [InlineData("JN-ALSH-MONTMIREY-LA-VILLE", 1292916, -647384)] // 18648 h × r = 1292916.08 → loses 6473,84 €
    [InlineData("JN-ALSH-ORCHAMPS", 2214001, 280301)]            // 31933 h × r = 2214000.91 (+1 cent) → gains 2803,01 €
    [InlineData("JN-ALSH-RANS", 1479837, -196063)]               // 21344 h × r = 1479837.02 → loses 1960,63 €
    [InlineData("JN-ALSH-OUGNEY-VITREUX", 737423, 737423)]       // 10636 h × r = 737422.53 (+1 cent) → gains 7374,23 € (0 € CEJ)
    public void Alsh_smoothing_gains_and_losses(string id, long paid, long difference)
    {
        var s = Allocate().Structure(id);
        Assert.Equal(paid, s.TotalCents);
        Assert.Equal(difference, s.DifferenceToReferenceCents);
    }

    [Fact]
    public void Who_gains_and_who_loses_through_smoothing()
    {
        var a = Allocate();
        Assert.Equal(
            ["JN-ALSH-FRAISANS", "JN-ALSH-GENDREY", "JN-ALSH-ORCHAMPS", "JN-ALSH-OUGNEY-VITREUX"],
            a.Structures.Where(s => s.DifferenceToReferenceCents > 0).Select(s => s.StructureId).Order(StringComparer.Ordinal));
        Assert.Equal(
            ["JN-ALSH-DAMMARTIN-MARPAIN", "JN-ALSH-DAMPIERRE", "JN-ALSH-MONTMIREY-LA-VILLE", "JN-ALSH-RANS"],
            a.Structures.Where(s => s.DifferenceToReferenceCents < 0).Select(s => s.StructureId).Order(StringComparer.Ordinal));
        // Single-structure groups keep their CEJ amount exactly: Multi-accueil Fraisans 82442 €, RAM 22865 €, Secteur Jeunes 8786 €.
        Assert.Equal(0, a.Structure("JN-EAJE-FRAISANS").DifferenceToReferenceCents);
        Assert.Equal(0, a.Structure("JN-RPE-JURA-NORD").DifferenceToReferenceCents);
        Assert.Equal(0, a.Structure("JN-JEUNES-SECTEUR").DifferenceToReferenceCents);
        Assert.Equal(a.TotalEnvelopeCents, a.TotalPaidCents);
        Assert.Equal(8244200 + 2286500 + 18361100 + 878600, a.TotalPaidCents);
        Assert.True(a.AllInvariantsHold);
    }

    // Variant of the test assumption: Ougney / Vitreux (0 € CEJ in 2018) left out of the group.
    // U = 254190 h, r = 18361100 / 254190 = 72.2337621… c/h; truncated Σ = 18361097, 3 cents to the largest
    // fractions (Dammartin .60, Orchamps .73, Gendrey .85). The same four lose; Fraisans, Gendrey, Orchamps gain.
    [Theory]
    [InlineData("JN-ALSH-DAMMARTIN-MARPAIN", 2869920, -659280)] // 39731 h × r = 2869919.60 (+1 cent)
    [InlineData("JN-ALSH-DAMPIERRE", 1796598, -652802)]         // 24872 h × r = 1796598.13
    [InlineData("JN-ALSH-FRAISANS", 5665944, 1282844)]          // 78439 h × r = 5665944.07
    [InlineData("JN-ALSH-GENDREY", 2833225, 383725)]            // 39223 h × r = 2833224.85 (+1 cent)
    [InlineData("JN-ALSH-MONTMIREY-LA-VILLE", 1347015, -593285)]// 18648 h × r = 1347015.20
    [InlineData("JN-ALSH-ORCHAMPS", 2306641, 372941)]           // 31933 h × r = 2306640.73 (+1 cent)
    [InlineData("JN-ALSH-RANS", 1541757, -134143)]              // 21344 h × r = 1541757.42
    public void Without_the_site_that_had_no_CEJ_amount(string id, long paid, long difference)
    {
        var structures = Structures().Where(s => s.StructureId != "JN-ALSH-OUGNEY-VITREUX").ToList();
        var a = new FundingEngine(TestParameters.Real).AllocateBonusTerritoire(
            new BonusTerritoireRequest { CtgId = "CTG-JURA-NORD-2019", Year = 2020, Structures = structures });
        Assert.Equal(18361100, a.Group("CC-JURA-NORD", BonusTerritoireKind.Alsh).PaidCents);
        Assert.Equal(paid, a.Structure(id).TotalCents);
        Assert.Equal(difference, a.Structure(id).DifferenceToReferenceCents);
    }
}
