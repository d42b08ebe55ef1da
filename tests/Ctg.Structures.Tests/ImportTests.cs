using System.Diagnostics;
using System.Text;
using Ctg.Structures.Shared;
using Ctg.Structures.V1;
using Google.Protobuf;
using Grpc.Core;
using static Ctg.Structures.Tests.Samples;

namespace Ctg.Structures.Tests;

public sealed class ImportTests
{
    [Fact]
    public async Task Utf8_with_bom_structures_are_imported_with_their_events()
    {
        await using var h = await StructuresHarness.StartAsync();

        var report = await h.Import.ImportAsync(ImportKind.Structures, Csv.Utf8Bom(
            Csv.StructureHeader,
            Csv.Eaje("str-crèche", "Crèche Les Lutins").Replace("str-crèche", "str-creche"),
            Csv.Alsh("str-alsh-gendrey", "ALSH péri et extra Gendrey")));

        Assert.Equal(2, report.RowsRead);
        Assert.Equal(2, report.RowsImported);
        Assert.Equal("utf-8-bom", report.Encoding);
        var creche = await h.Registry.GetStructureAsync(new GetStructureRequest { StructureId = "str-creche" });
        Assert.Equal("Crèche Les Lutins", creche.Details.Name);
        Assert.Equal(30, creche.Details.Capacity.AgreedPlaces);
        Assert.Equal(D(2012, 9, 1), creche.Details.OpeningDate);
        Assert.True(creche.Details.Eaje.SuppliesMeals);
        Assert.Equal("ctg-39-jura-nord-2019", creche.ConventionId);
        var alsh = await h.Registry.GetStructureAsync(new GetStructureRequest { StructureId = "str-alsh-gendrey" });
        Assert.True(alsh.Details.Alsh.Periscolaire);
        Assert.False(alsh.Details.Alsh.Extrascolaire);
        Assert.Equal(D(2018, 1, 1), alsh.EffectiveFrom);
        Assert.Equal(["structures.structure-registered.v1", "structures.structure-registered.v1"], (await h.OutboxAsync()).Select(e => e.Topic));
    }

    [Fact]
    public async Task Windows_1252_is_detected_and_decoded()
    {
        await using var h = await StructuresHarness.StartAsync();

        var report = await h.Import.ImportAsync(ImportKind.Structures, Csv.Windows1252(Csv.StructureHeader, Csv.Eaje("str-a", "Crèche « Les Petits Pas » à Fraisans")));

        Assert.Equal("windows-1252", report.Encoding);
        Assert.Equal("Crèche « Les Petits Pas » à Fraisans", (await h.Registry.GetStructureAsync(new GetStructureRequest { StructureId = "str-a" })).Details.Name);
    }

    public static TheoryData<string, byte[], string> Unreadable => new()
    {
        { "UTF-16", [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(Csv.StructureHeader + "\r\n")], "encoding" },
        { "UTF-16 without BOM", Encoding.Unicode.GetBytes(Csv.StructureHeader + "\r\n"), "encoding" },
        { "neither UTF-8 nor 1252", [.. Encoding.ASCII.GetBytes(Csv.StructureHeader + "\r\nstr-a;Cr"), 0x81, 0x8D, .. Encoding.ASCII.GetBytes("che\r\n")], "encoding" },
        { "BOM but not UTF-8", [0xEF, 0xBB, 0xBF, .. Encoding.ASCII.GetBytes(Csv.StructureHeader + "\r\nstr-a;Cr"), 0xE8, .. Encoding.ASCII.GetBytes("che\r\n")], "encoding" },
        { "comma separated", Csv.Utf8(Csv.StructureHeader.Replace(';', ','), Csv.Eaje("str-a", "A").Replace(';', ',')), "separator" },
        { "tab separated", Csv.Utf8(Csv.StructureHeader.Replace(';', '\t')), "separator" },
        { "wrong header", Csv.Utf8(Csv.StructureHeader.Replace("commune_insee", "code_insee"), Csv.Eaje("str-a", "A")), "header" },
        { "columns reordered", Csv.Utf8(Csv.StructureHeader.Replace("name;kind", "kind;name"), Csv.Eaje("str-a", "A")), "header" },
        { "declarations header for structures", Csv.Utf8(Csv.DeclarationHeader), "header" },
        { "empty", [], "header" },
    };

    [Theory]
    [MemberData(nameof(Unreadable))]
    public async Task An_unreadable_file_is_rejected_clearly_and_nothing_is_written(string @case, byte[] content, string field)
    {
        await using var h = await StructuresHarness.StartAsync();
        var before = await h.SnapshotAsync();

        var e = await Fails(() => h.Import.ImportAsync(ImportKind.Structures, content));

        Assert.Equal(StatusCode.InvalidArgument, e.StatusCode);
        Assert.Equal([field], e.Fields());
        Assert.Equal(before, await h.SnapshotAsync());
        Assert.False(string.IsNullOrEmpty(@case));
    }

    [Fact]
    public async Task Every_bad_row_is_reported_with_its_line_and_column_and_nothing_is_written()
    {
        await using var h = await StructuresHarness.StartAsync();
        await h.Registry.RegisterStructureAsync(new RegisterStructureRequest { StructureId = "str-existing", Details = Eaje(dossier: "DOS-TAKEN") });
        var before = await h.SnapshotAsync();

        var e = await Fails(() => h.Import.ImportAsync(ImportKind.Structures, Csv.Utf8(
            Csv.StructureHeader,
            Csv.Eaje("str-ok", "Valid row"),                                      // line 2: valid, yet not written
            Csv.Eaje("str-3", "Zero places", places: "0"),                        // line 3
            Csv.Eaje("str-4", "Bad insee", insee: "ABCDE").Replace("eaje_psu", "creche"), // line 4: two errors
            Csv.Eaje("str-5", "Taken dossier", dossier: "DOS-TAKEN"),              // line 5
            Csv.Eaje("str-ok", "Same id again"),                                  // line 6
            Csv.Eaje("str-7", "Unknown collectivity", supporting: "sig-unknown"), // line 7
            "str-8;Too few fields;alsh",                                          // line 8
            Csv.Eaje("str-9", "Bad number", places: "trente"))));                 // line 9

        Assert.Equal(StatusCode.InvalidArgument, e.StatusCode);
        Assert.Equal(
            [
                "line 3: agreed_places", "line 4: kind", "line 4: commune_insee", "line 5: caf_dossier_number", "line 6: structure_id",
                "line 7: supporting_collectivity_id", "line 8: row", "line 9: agreed_places",
            ],
            e.Fields());
        Assert.Equal(before, await h.SnapshotAsync());
    }

    [Fact]
    public async Task The_progress_variant_reports_progress_and_the_final_report()
    {
        await using var h = await StructuresHarness.StartAsync();
        var lines = new List<string> { Csv.StructureHeader };
        lines.AddRange(Enumerable.Range(1, 5000).Select(i => Csv.Alsh($"str-{i:D5}", $"ALSH {i}")));

        using var call = h.Import.ImportCsvWithProgress(new ImportCsvRequest
        {
            Options = new ImportOptions { Kind = ImportKind.Structures }, Content = ByteString.CopyFrom(Csv.Utf8([.. lines])),
        });
        var messages = new List<ImportProgress>();
        await foreach (var m in call.ResponseStream.ReadAllAsync())
        {
            messages.Add(m);
        }

        Assert.Equal(["validating", "writing", "writing", "writing", "committed"], messages.Select(m => m.Phase));
        Assert.Equal([0, 0, 2000, 4000, 5000], messages.Select(m => m.RowsDone));
        Assert.Equal(5000, messages[^1].Report.RowsImported);
        Assert.Equal(5000, await h.CountAsync("structures"));
    }

    [Fact]
    public async Task The_progress_variant_streams_every_error_then_fails()
    {
        await using var h = await StructuresHarness.StartAsync();
        var lines = new List<string> { Csv.StructureHeader };
        lines.AddRange(Enumerable.Range(1, 700).Select(i => Csv.Eaje($"str-{i:D4}", $"EAJE {i}", places: "0")));
        var before = await h.SnapshotAsync();

        using var call = h.Import.ImportCsvWithProgress(new ImportCsvRequest
        {
            Options = new ImportOptions { Kind = ImportKind.Structures }, Content = ByteString.CopyFrom(Csv.Utf8([.. lines])),
        });
        var errors = new List<ImportError>();
        var e = await Fails(async () =>
        {
            await foreach (var m in call.ResponseStream.ReadAllAsync())
            {
                errors.AddRange(m.Errors);
            }
        });

        Assert.Equal(StatusCode.InvalidArgument, e.StatusCode);
        Assert.Equal(700, errors.Count);
        Assert.Equal(Enumerable.Range(2, 700), errors.Select(x => x.Line));
        Assert.All(errors, x => Assert.Equal("agreed_places", x.Field));
        Assert.Equal(200, e.Fields().Count); // the status carries the first 200; the stream carried all
        Assert.Equal(before, await h.SnapshotAsync());
    }

    [Fact]
    public async Task Declarations_and_references_are_imported_and_validated_like_their_rpcs()
    {
        await using var h = await StructuresHarness.StartAsync();
        await h.Import.ImportAsync(ImportKind.Structures, Csv.Utf8(Csv.StructureHeader, Csv.Eaje("str-eaje", "Multi-accueil"), Csv.Alsh("str-alsh", "ALSH")));

        var declarations = await h.Import.ImportAsync(ImportKind.Declarations, Csv.Utf8(
            Csv.DeclarationHeader,
            "str-eaje;2024;reel;15/02/2025;49 277;44797;41430600;6500000;0,95;;;30;12;;",
            "str-alsh;2024;actualise_juin;2024-07-10;;39223;32555200;;0.9;120;2;;;;"));
        var references = await h.Import.ImportAsync(ImportKind.References, Csv.Utf8(
            Csv.ReferenceHeader, "str-eaje;2018;8244200;places;30;seed 001 l.729", "str-alsh;2018;2449500;hours;39223;seed 001 l.733"));

        Assert.Equal(2, declarations.RowsImported);
        Assert.Equal(2, references.RowsImported);
        var reel = await h.Declarations.GetDeclarationAsync(new GetDeclarationRequest { StructureId = "str-eaje", Year = 2024, Version = DeclarationVersion.Reel });
        Assert.Equal("49277", reel.Figures.HoursInvoiced.Value);
        Assert.Equal("0.95", reel.Figures.RegimeGeneralShare.Value);
        Assert.False(reel.Late);
        var juin = await h.Declarations.GetDeclarationAsync(new GetDeclarationRequest { StructureId = "str-alsh", Year = 2024, Version = DeclarationVersion.ActualiseJuin });
        Assert.True(juin.Late);
        Assert.Equal(2, juin.Figures.AeehChildren);
        var refs = await h.References.ListReferencesAsync(new ListReferencesRequest { ConventionId = "ctg-39-jura-nord-2019", ReferenceYear = 2018 });
        Assert.Equal([2449500L, 8244200L], refs.References.Select(r => r.Amount.Cents)); // ordered by structure_id
        Assert.Equal(
            ["structures.structure-registered.v1", "structures.structure-registered.v1", "structures.declaration-submitted.v1", "structures.declaration-submitted.v1", "structures.reference-recorded.v1", "structures.reference-recorded.v1"],
            (await h.OutboxAsync()).Select(e => e.Topic));

        var before = await h.SnapshotAsync();
        var badDeclarations = await Fails(() => h.Import.ImportAsync(ImportKind.Declarations, Csv.Utf8(
            Csv.DeclarationHeader,
            $"str-eaje;{DateTime.UtcNow.Year};reel;;49277;44797;41430600;6500000;0.95;;;30;;;",   // line 2: réel before the year ends
            "str-alsh;2024;actualise_juin;2024-07-10;;39223;32555200;;0.9;;;;;;",                // line 3: exists already
            "str-alsh;2023;reel;2024-02-01;;-5;100;;0.9;;;;;;",                                    // line 4: negative hours
            "str-nope;2023;reel;2024-02-01;;5;100;;0.9;;;;;;",                                     // line 5: unknown structure
            "str-eaje;2023;prévisionnel;2022-12-01;;;;;;;;;;;")));                                 // line 6: unknown version
        Assert.Equal(["line 2: version", "line 3: version", "line 4: hours_attended", "line 5: structure_id", "line 6: version"], badDeclarations.Fields());
        var badReferences = await Fails(() => h.Import.ImportAsync(ImportKind.References, Csv.Utf8(
            Csv.ReferenceHeader, "str-eaje;2019;-5;places;30;", "str-alsh;2019;100;places;30;", "str-eaje;2018;1;places;30;")));
        Assert.Equal(["line 2: amount_cents", "line 3: unit", "line 4: reference_year"], badReferences.Fields());
        Assert.Equal(before, await h.SnapshotAsync());
    }

    [Fact]
    public async Task Importing_again_with_skip_existing_is_idempotent()
    {
        await using var h = await StructuresHarness.StartAsync();
        var file = Csv.Utf8(Csv.StructureHeader, Csv.Eaje("str-a", "A", dossier: "D-1"), Csv.Alsh("str-b", "B"));
        await h.Import.ImportAsync(ImportKind.Structures, file, skipExisting: true);
        var before = await h.SnapshotAsync();

        var again = await h.Import.ImportAsync(ImportKind.Structures, file, skipExisting: true);

        Assert.Equal(0, again.RowsImported);
        Assert.Equal(2, again.RowsSkipped);
        Assert.Equal(before, await h.SnapshotAsync());
        var strict = await Fails(() => h.Import.ImportAsync(ImportKind.Structures, file));
        Assert.Equal(["line 2: structure_id", "line 2: caf_dossier_number", "line 3: structure_id"], strict.Fields());
    }
}
