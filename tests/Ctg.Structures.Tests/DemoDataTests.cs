using Ctg.Structures.Shared;
using Ctg.Structures.V1;
using Grpc.Core;

namespace Ctg.Structures.Tests;

public sealed class DemoDataTests
{
    private static async Task<Dictionary<string, Structure>> AllAsync(StructuresHarness h)
    {
        var all = new Dictionary<string, Structure>();
        using var call = h.Registry.StreamStructures(new StreamStructuresRequest { Filter = new StructureFilter { IncludeClosed = true } });
        await foreach (var s in call.ResponseStream.ReadAllAsync())
        {
            all[s.StructureId] = s;
        }

        return all;
    }

    [Fact]
    public async Task The_seed_figures_of_jura_nord_and_the_pma_list_are_loaded_once()
    {
        await using var h = await StructuresHarness.StartAsync();

        var first = await h.Import.LoadDemoDataAsync(new LoadDemoDataRequest());

        Assert.Equal([11, 11, 60], first.Reports.Select(r => r.RowsImported));
        var all = await AllAsync(h);
        var fraisans = all["str-39-jn-multi-accueil-fraisans"];
        Assert.Equal("Multi-accueil Fraisans", fraisans.Details.Name);
        Assert.Equal(StructureKind.EajePsu, fraisans.Details.Kind);
        Assert.Equal(30, fraisans.Details.Capacity.AgreedPlaces);
        Assert.Equal("ctg-39-jura-nord-2019", fraisans.ConventionId);
        Assert.Equal("ctg-39-jura-nord-2019-cc-jura-nord", fraisans.Details.SupportingCollectivityId);
        Assert.Equal("39235", fraisans.Details.Address.CommuneInsee); // from the signatories demo data
        Assert.Equal("1.5", all["str-39-jn-ram-jura-nord"].Details.Capacity.Etp.Value);

        var references = (await h.References.ListReferencesAsync(new ListReferencesRequest { ConventionId = "ctg-39-jura-nord-2019", ReferenceYear = 2018 }))
            .References.ToDictionary(r => r.StructureId);
        Assert.Equal(8244200, references["str-39-jn-multi-accueil-fraisans"].Amount.Cents);
        Assert.Equal((ReferenceUnit.Places, "30"), (references["str-39-jn-multi-accueil-fraisans"].Unit, references["str-39-jn-multi-accueil-fraisans"].ReferenceUnits.Value));
        Assert.Contains("414 306 €", references["str-39-jn-multi-accueil-fraisans"].SourceNote);
        Assert.Contains("49 277 h facturées", references["str-39-jn-multi-accueil-fraisans"].SourceNote);
        Assert.Equal((2286500L, ReferenceUnit.Etp, "1.4"), (references["str-39-jn-ram-jura-nord"].Amount.Cents, references["str-39-jn-ram-jura-nord"].Unit, references["str-39-jn-ram-jura-nord"].ReferenceUnits.Value));
        Assert.Equal((878600L, "3492"), (references["str-39-jn-secteur-jeunes"].Amount.Cents, references["str-39-jn-secteur-jeunes"].ReferenceUnits.Value));
        var alsh = references.Values.Where(r => r.Kind == StructureKind.Alsh).OrderBy(r => r.StructureId)
            .Select(r => (r.StructureId["str-39-jn-alsh-".Length..], r.Amount.Cents, r.ReferenceUnits.Value)).ToList();
        Assert.Equal(
            [
                ("dammartin-marpain", 3529200L, "39731"), ("dampierre", 2449400L, "24872"), ("fraisans", 4383100L, "78439"),
                ("gendrey", 2449500L, "39223"), ("montmirey-la-ville", 1940300L, "18648"), ("orchamps", 1933700L, "31933"),
                ("ougney-vitreux", 0L, "10636"), ("rans", 1675900L, "21344"),
            ],
            alsh);
        Assert.Equal(29770400, references.Values.Sum(r => r.Amount.Cents)); // 297 704 € of CEJ in 2018, seed 001 l.728-738

        var pma = all.Values.Where(s => s.ConventionId == "ctg-25-pays-de-montbeliard-2023").ToList();
        Assert.Equal(16, pma.Count(s => s.Details.Kind == StructureKind.EajePsu));
        Assert.Equal(7, pma.Count(s => s.Details.Kind == StructureKind.Laep));
        Assert.Equal(7, pma.Count(s => s.Details.Kind == StructureKind.Rpe));
        Assert.Equal(30, pma.Count(s => s.Details.Kind == StructureKind.Alsh));
        Assert.Equal(["ALSH Montbéliard", "EAJE Montbéliard", "LAEP Montbéliard (1)", "LAEP Montbéliard (2)", "RPE Montbéliard"],
            (await h.Registry.ListStructuresAsync(new ListStructuresRequest { Filter = new StructureFilter { CommuneName = "Montbéliard" } }))
                .Structures.Select(s => s.Details.Name).Order(StringComparer.Ordinal));

        var before = await h.SnapshotAsync();
        var second = await h.Import.LoadDemoDataAsync(new LoadDemoDataRequest());
        Assert.Equal([0, 0, 0], second.Reports.Select(r => r.RowsImported));
        Assert.Equal([11, 11, 60], second.Reports.Select(r => r.RowsSkipped));
        Assert.Equal(before, await h.SnapshotAsync());
    }
}
