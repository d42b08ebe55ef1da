using Ctg.Structures.Shared;
using Ctg.Structures.V1;
using Google.Protobuf;
using Grpc.Core;
using static Ctg.Structures.Tests.Samples;

namespace Ctg.Structures.Tests;

/// <summary>The ALSH périscolaire / extrascolaire split the funding engine prices separately, the stream of a
/// CTG's declarations that an allocation reads in one call, and the import size limit.</summary>
public sealed class AlshSplitAndStreamTests
{
    // The fake signatories service puts any other signatory in a CTG "ctg-test-<id>".
    private const string Other = "cc-other";

    private static async Task<StructuresHarness> StartAsync(Dictionary<string, string?>? settings = null)
    {
        var h = await StructuresHarness.StartAsync(settings);
        await h.Registry.RegisterStructureAsync(new RegisterStructureRequest { StructureId = "str-alsh", Details = Of(StructureKind.Alsh, "ALSH Gendrey", "Gendrey"), EffectiveFrom = D(2015, 1, 1) });
        await h.Registry.RegisterStructureAsync(new RegisterStructureRequest { StructureId = "str-eaje", Details = Eaje(), EffectiveFrom = D(2012, 9, 1) });
        return h;
    }

    private static ActivityFigures Split(string peri, long periCosts, string? extra, long? extraCosts, string total = "39223", long totalCosts = 32555200)
    {
        var figures = new ActivityFigures
        {
            HoursAttended = Dec(total), OperatingCosts = Cents(totalCosts), RegimeGeneralShare = Dec("0.9"),
            Periscolaire = new AlshActivityPart { HoursAttended = Dec(peri), OperatingCosts = Cents(periCosts) },
        };
        if (extra is not null || extraCosts is not null)
        {
            figures.Extrascolaire = new AlshActivityPart
            {
                HoursAttended = extra is null ? null : Dec(extra),
                OperatingCosts = extraCosts is { } c ? Cents(c) : null,
            };
        }

        return figures;
    }

    private static SubmitDeclarationRequest Reel2024(string structureId, ActivityFigures figures) => new()
    {
        StructureId = structureId, Year = 2024, Version = DeclarationVersion.Reel, Figures = figures, ReceivedOn = D(2025, 2, 1),
    };

    [Fact]
    public async Task An_alsh_declares_its_periscolaire_and_extrascolaire_parts_and_the_event_carries_them()
    {
        await using var h = await StartAsync();

        var d = await h.Declarations.SubmitDeclarationAsync(Reel2024("str-alsh", Split("25000.5", 20000000, "14222.5", 12555200)));

        Assert.Equal("25000.5", d.Figures.Periscolaire.HoursAttended.Value);
        Assert.Equal(20000000, d.Figures.Periscolaire.OperatingCosts.Cents);
        Assert.Equal("14222.5", d.Figures.Extrascolaire.HoursAttended.Value);
        Assert.Equal(12555200, d.Figures.Extrascolaire.OperatingCosts.Cents);
        Assert.Equal(d, await h.Declarations.GetDeclarationAsync(new GetDeclarationRequest { StructureId = "str-alsh", Year = 2024, Version = DeclarationVersion.Reel }));
        var (topic, data) = (await h.OutboxAsync())[^1];
        Assert.Equal("structures.declaration-submitted.v1", topic);
        Assert.Equal(25000.5m, data.GetProperty("periscolaireHoursAttended").GetDecimal());
        Assert.Equal(20000000, data.GetProperty("periscolaireOperatingCostsCents").GetInt64());
        Assert.Equal(14222.5m, data.GetProperty("extrascolaireHoursAttended").GetDecimal());
        Assert.Equal(12555200, data.GetProperty("extrascolaireOperatingCostsCents").GetInt64());
        Assert.Equal(39223m, data.GetProperty("hoursAttended").GetDecimal());
    }

    [Fact]
    public async Task A_periscolaire_only_alsh_gives_one_part_equal_to_the_totals_and_no_split_stays_null_in_the_event()
    {
        await using var h = await StartAsync();

        var peri = await h.Declarations.SubmitDeclarationAsync(Reel2024("str-alsh", Split("39223", 32555200, null, null)));
        var whole = await h.Declarations.SubmitDeclarationAsync(new SubmitDeclarationRequest
        {
            StructureId = "str-alsh", Year = 2024, Version = DeclarationVersion.Previsionnel, ReceivedOn = D(2023, 12, 1),
            Figures = new ActivityFigures { HoursAttended = Dec("39223"), OperatingCosts = Cents(32555200), RegimeGeneralShare = Dec("0.9") },
        });

        Assert.Null(peri.Figures.Extrascolaire);
        Assert.Equal("39223", peri.Figures.Periscolaire.HoursAttended.Value);
        Assert.Null(whole.Figures.Periscolaire);
        var data = (await h.OutboxAsync())[^1].Data;
        Assert.Equal(System.Text.Json.JsonValueKind.Null, data.GetProperty("periscolaireHoursAttended").ValueKind);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, data.GetProperty("extrascolaireOperatingCostsCents").ValueKind);
    }

    public static TheoryData<string, ActivityFigures, string[]> BadSplits => new()
    {
        // 25,000 + 14,000 hours = 39,000, not the 39,223 declared.
        { "str-alsh", Split("25000", 20000000, "14000", 12555200), ["figures.hours_attended"] },
        // 20,000,000 + 12,000,000 cents = 32,000,000, not 32,555,200.
        { "str-alsh", Split("25000", 20000000, "14223", 12000000), ["figures.operating_costs"] },
        { "str-alsh", Split("25000", 20000000, "14223", null), ["figures.extrascolaire.operating_costs"] },
        { "str-alsh", Split("-1", 20000000, "39224", 12555200), ["figures.periscolaire.hours_attended"] },
        { "str-eaje", WithPart(EajeFigures()), ["figures.periscolaire"] },
    };

    private static ActivityFigures WithPart(ActivityFigures figures)
    {
        figures.Periscolaire = new AlshActivityPart { HoursAttended = Dec("10"), OperatingCosts = Cents(100) };
        return figures;
    }

    [Theory]
    [MemberData(nameof(BadSplits))]
    public async Task A_split_that_does_not_add_up_or_on_another_kind_is_invalid_and_nothing_is_written(string structureId, ActivityFigures figures, string[] fields)
    {
        await using var h = await StartAsync();
        var before = await h.SnapshotAsync();

        var e = await Fails(h.Declarations.SubmitDeclarationAsync(Reel2024(structureId, figures)));

        Assert.Equal(StatusCode.InvalidArgument, e.StatusCode);
        Assert.Equal(fields, e.Fields());
        Assert.Equal(before, await h.SnapshotAsync());
    }

    [Fact]
    public async Task The_csv_import_reads_the_optional_split_columns_and_checks_the_totals_by_line_and_column()
    {
        await using var h = await StartAsync();
        var header = Csv.DeclarationHeader + ";periscolaire_hours_attended;periscolaire_operating_costs_cents;extrascolaire_hours_attended;extrascolaire_operating_costs_cents";
        var before = await h.SnapshotAsync();

        var bad = await Fails(() => h.Import.ImportAsync(ImportKind.Declarations, Csv.Utf8(header,
            "str-alsh;2024;reel;01/02/2025;;39223;32555200;;0,9;;;;;;;25000;20000000;14000;12555200")));
        Assert.Equal(StatusCode.InvalidArgument, bad.StatusCode);
        Assert.Equal(["line 2: hours_attended"], bad.Fields());
        Assert.Equal(before, await h.SnapshotAsync());

        var report = await h.Import.ImportAsync(ImportKind.Declarations, Csv.Utf8(header,
            "str-alsh;2024;reel;01/02/2025;;39223;32555200;;0,9;;;;;;;25000,5;20000000;14222,5;12555200",
            "str-eaje;2024;reel;01/02/2025;49277;44797;41430600;6500000;0,95;;;30;;;;;;;"));
        Assert.Equal(2, report.RowsImported);
        var alsh = await h.Declarations.GetDeclarationAsync(new GetDeclarationRequest { StructureId = "str-alsh", Year = 2024, Version = DeclarationVersion.Reel });
        Assert.Equal("14222.5", alsh.Figures.Extrascolaire.HoursAttended.Value);
        Assert.Equal(20000000, alsh.Figures.Periscolaire.OperatingCosts.Cents);
        var eaje = await h.Declarations.GetDeclarationAsync(new GetDeclarationRequest { StructureId = "str-eaje", Year = 2024, Version = DeclarationVersion.Reel });
        Assert.Null(eaje.Figures.Periscolaire);
    }

    [Fact]
    public async Task The_declarations_of_a_ctg_stream_in_one_call_latest_revision_of_the_asked_version_only()
    {
        await using var h = await StartAsync();
        await h.Registry.RegisterStructureAsync(new RegisterStructureRequest { StructureId = "str-other", Details = Of(StructureKind.Alsh, "ALSH ailleurs", supporting: Other), EffectiveFrom = D(2015, 1, 1) });
        await h.Registry.RegisterStructureAsync(new RegisterStructureRequest { StructureId = "str-alsh-2", Details = Of(StructureKind.Alsh, "ALSH Rans", "Rans"), EffectiveFrom = D(2015, 1, 1) });
        var alsh = new ActivityFigures { HoursAttended = Dec("1000"), OperatingCosts = Cents(100000), RegimeGeneralShare = Dec("1") };
        await h.Declarations.SubmitDeclarationAsync(Reel2024("str-eaje", EajeFigures()));
        await h.Declarations.SubmitDeclarationAsync(Reel2024("str-alsh", alsh));
        await h.Declarations.CorrectDeclarationAsync(new CorrectDeclarationRequest
        {
            StructureId = "str-alsh", Year = 2024, Version = DeclarationVersion.Reel, ExpectedRevision = 1, Reason = "heures de juillet",
            Figures = new ActivityFigures { HoursAttended = Dec("1200"), OperatingCosts = Cents(100000), RegimeGeneralShare = Dec("1") },
        });
        await h.Declarations.SubmitDeclarationAsync(Reel2024("str-other", alsh));
        await h.Declarations.SubmitDeclarationAsync(new SubmitDeclarationRequest
        {
            StructureId = "str-alsh-2", Year = 2024, Version = DeclarationVersion.Previsionnel, Figures = alsh, ReceivedOn = D(2023, 12, 1),
        });
        await h.Declarations.SubmitDeclarationAsync(new SubmitDeclarationRequest
        {
            StructureId = "str-alsh-2", Year = 2023, Version = DeclarationVersion.Reel, Figures = alsh, ReceivedOn = D(2024, 2, 1),
        });

        using var call = h.Declarations.StreamConventionDeclarations(new StreamConventionDeclarationsRequest
        {
            ConventionId = "ctg-39-jura-nord-2019", Year = 2024, Version = DeclarationVersion.Reel,
        });
        var streamed = await call.ResponseStream.ReadAllAsync().ToListAsync();

        Assert.Equal([("str-alsh", 2, "1200"), ("str-eaje", 1, "44797")], streamed.Select(d => (d.StructureId, d.Revision, d.Figures.HoursAttended.Value)));
    }

    [Fact]
    public async Task Streaming_declarations_without_a_ctg_year_or_version_is_invalid()
    {
        await using var h = await StartAsync();

        using var call = h.Declarations.StreamConventionDeclarations(new StreamConventionDeclarationsRequest { Year = 1999 });
        var e = await Fails(async () => await call.ResponseStream.MoveNext());

        Assert.Equal(StatusCode.InvalidArgument, e.StatusCode);
        Assert.Equal(["convention_id", "year", "version"], e.Fields());
    }

    [Fact]
    public async Task An_import_larger_than_the_configured_limit_is_resource_exhausted_and_nothing_is_written()
    {
        await using var h = await StartAsync(new() { ["Structures:Import:MaxBytes"] = "2000" });
        var lines = new List<string> { Csv.StructureHeader };
        lines.AddRange(Enumerable.Range(1, 20).Select(i => Csv.Alsh($"str-big-{i:D2}", $"ALSH {i}")));
        var content = Csv.Utf8([.. lines]);
        Assert.True(content.Length > 2000);
        var before = await h.SnapshotAsync();

        var streamed = await Fails(() => h.Import.ImportAsync(ImportKind.Structures, content));
        var unary = await Fails(async () =>
        {
            using var call = h.Import.ImportCsvWithProgress(new ImportCsvRequest
            {
                Options = new ImportOptions { Kind = ImportKind.Structures }, Content = ByteString.CopyFrom(content),
            });
            await call.ResponseStream.ReadAllAsync().ToListAsync();
        });

        Assert.Equal(StatusCode.ResourceExhausted, streamed.StatusCode);
        Assert.Equal(StatusCode.ResourceExhausted, unary.StatusCode);
        Assert.Contains("Structures:Import:MaxBytes", streamed.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(before, await h.SnapshotAsync());
        var small = await h.Import.ImportAsync(ImportKind.Structures, Csv.Utf8(Csv.StructureHeader, Csv.Alsh("str-small", "ALSH petit")));
        Assert.Equal(1, small.RowsImported);
    }
}
