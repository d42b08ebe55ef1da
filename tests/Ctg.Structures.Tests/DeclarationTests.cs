using Ctg.Structures.Shared;
using Ctg.Structures.V1;
using Grpc.Core;
using static Ctg.Structures.Tests.Samples;

namespace Ctg.Structures.Tests;

public sealed class DeclarationTests
{
    private static readonly int ThisYear = DateTime.UtcNow.Year;

    private static async Task<StructuresHarness> WithStructuresAsync()
    {
        var h = await StructuresHarness.StartAsync();
        await h.Registry.RegisterStructureAsync(new RegisterStructureRequest { StructureId = "str-eaje", Details = Eaje(), EffectiveFrom = D(2012, 9, 1) });
        await h.Registry.RegisterStructureAsync(new RegisterStructureRequest { StructureId = "str-alsh", Details = Of(StructureKind.Alsh, "ALSH Gendrey", "Gendrey"), EffectiveFrom = D(2015, 1, 1) });
        await h.Registry.RegisterStructureAsync(new RegisterStructureRequest { StructureId = "str-rpe", Details = Of(StructureKind.Rpe, "RAM Jura Nord"), EffectiveFrom = D(2015, 1, 1) });
        await h.Registry.RegisterStructureAsync(new RegisterStructureRequest { StructureId = "str-laep", Details = Of(StructureKind.Laep, "LAEP Dampierre"), EffectiveFrom = D(2015, 1, 1) });
        await h.Registry.RegisterStructureAsync(new RegisterStructureRequest { StructureId = "str-mam", Details = Of(StructureKind.Mam, "MAM Rans"), EffectiveFrom = D(2015, 1, 1) });
        return h;
    }

    [Fact]
    public async Task A_reel_on_time_is_recorded_with_its_billing_rate_and_published()
    {
        await using var h = await WithStructuresAsync();

        var d = await h.Declarations.SubmitDeclarationAsync(new SubmitDeclarationRequest
        {
            StructureId = "str-eaje", Year = 2024, Version = DeclarationVersion.Reel, Figures = EajeFigures("49277", "44797"), ReceivedOn = D(2025, 3, 31),
        });

        Assert.Equal(1, d.Revision);
        Assert.False(d.Late);
        Assert.False(d.NeedsReview);
        Assert.Empty(d.Flags);
        Assert.Equal(D(2025, 3, 31), d.DueDate);
        Assert.Equal("1.1", d.BillingRate.Value.TrimEnd('0')); // 49277 / 44797 = 1.1000...
        Assert.Equal(StructureKind.EajePsu, d.Kind);
        var (topic, data) = (await h.OutboxAsync())[^1];
        Assert.Equal("structures.declaration-submitted.v1", topic);
        Assert.Equal("reel", data.GetProperty("version").GetString());
        Assert.Equal(2024, data.GetProperty("year").GetInt32());
        Assert.Equal(41430600, data.GetProperty("operatingCostsCents").GetInt64());
        Assert.Equal(6500000, data.GetProperty("familyParticipationsCents").GetInt64());
        Assert.Equal(49277m, data.GetProperty("hoursInvoiced").GetDecimal());
        Assert.Equal(0.95m, data.GetProperty("regimeGeneralShare").GetDecimal());
        Assert.Equal(30, data.GetProperty("places").GetInt32());
        Assert.True(data.GetProperty("suppliesNappiesAndMeals").GetBoolean());
        Assert.Equal("ctg-39-jura-nord-2019-cc-jura-nord", data.GetProperty("supportingCollectivityId").GetString());
        Assert.Equal("ctg-39-jura-nord-2019", data.GetProperty("conventionId").GetString());
        Assert.Equal("eaje_psu", data.GetProperty("kind").GetString());
    }

    [Theory]
    [InlineData(DeclarationVersion.Previsionnel, 2024, 2024, 1, 15, true, "2023-12-31")]
    [InlineData(DeclarationVersion.Previsionnel, 2024, 2023, 12, 31, false, "2023-12-31")]
    [InlineData(DeclarationVersion.ActualiseJuin, 2024, 2024, 7, 1, true, "2024-06-30")]
    [InlineData(DeclarationVersion.ActualiseJuin, 2024, 2024, 6, 30, false, "2024-06-30")]
    [InlineData(DeclarationVersion.ActualiseSeptembre, 2024, 2024, 10, 1, true, "2024-09-30")]
    [InlineData(DeclarationVersion.Reel, 2023, 2024, 4, 1, true, "2024-03-31")]
    [InlineData(DeclarationVersion.Reel, 2023, 2024, 1, 2, false, "2024-03-31")]
    public async Task Late_declarations_are_accepted_and_flagged_against_the_calendar(
        DeclarationVersion version, int year, int y, int m, int day, bool late, string due)
    {
        await using var h = await WithStructuresAsync();

        var d = await h.Declarations.SubmitDeclarationAsync(new SubmitDeclarationRequest
        {
            StructureId = "str-alsh", Year = year, Version = version, ReceivedOn = D(y, m, day),
            Figures = new ActivityFigures { HoursAttended = Dec("39223"), OperatingCosts = Cents(32555200), RegimeGeneralShare = Dec("0.9") },
        });

        Assert.Equal(late, d.Late);
        Assert.Equal(due, $"{d.DueDate.Year:D4}-{d.DueDate.Month:D2}-{d.DueDate.Day:D2}");
        Assert.Equal(late ? ["late"] : [], d.Flags.Select(f => f.Code));
        Assert.False(d.NeedsReview);
    }

    [Theory]
    [InlineData("3000", "1000", true)]
    [InlineData("400", "1000", true)]
    [InlineData("2000", "1000", false)]
    [InlineData("500", "1000", false)]
    public async Task A_billing_rate_outside_half_to_two_is_flagged_for_review(string hf, string hr, bool review)
    {
        await using var h = await WithStructuresAsync();

        var d = await h.Declarations.SubmitDeclarationAsync(new SubmitDeclarationRequest
        {
            StructureId = "str-eaje", Year = 2024, Version = DeclarationVersion.Reel, Figures = EajeFigures(hf, hr), ReceivedOn = D(2025, 2, 1),
        });

        Assert.Equal(review, d.NeedsReview);
        Assert.Equal(review ? ["billing_rate_out_of_range"] : [], d.Flags.Select(f => f.Code));
    }

    [Fact]
    public async Task A_correction_is_a_new_revision_with_a_reason_and_the_history_stays_readable()
    {
        await using var h = await WithStructuresAsync();
        var request = new SubmitDeclarationRequest { StructureId = "str-eaje", Year = 2024, Version = DeclarationVersion.Reel, Figures = EajeFigures(), ReceivedOn = D(2025, 2, 1) };
        var first = await h.Declarations.SubmitDeclarationAsync(request);

        var again = await Fails(h.Declarations.SubmitDeclarationAsync(request));
        Assert.Equal(StatusCode.AlreadyExists, again.StatusCode);
        Assert.Equal(["version"], again.Fields());

        var corrected = await h.Declarations.CorrectDeclarationAsync(new CorrectDeclarationRequest
        {
            StructureId = "str-eaje", Year = 2024, Version = DeclarationVersion.Reel, Figures = EajeFigures("50000", "45000"),
            Reason = "heures facturées de décembre oubliées", ExpectedRevision = 1, ReceivedOn = D(2025, 3, 10),
        });

        Assert.Equal(2, corrected.Revision);
        Assert.Equal("heures facturées de décembre oubliées", corrected.CorrectionReason);
        var rev1 = await h.Declarations.GetDeclarationAsync(new GetDeclarationRequest { StructureId = "str-eaje", Year = 2024, Version = DeclarationVersion.Reel, Revision = 1 });
        Assert.Equal(first, rev1);
        Assert.Equal("49277", rev1.Figures.HoursInvoiced.Value);
        var latest = await h.Declarations.GetDeclarationAsync(new GetDeclarationRequest { StructureId = "str-eaje", Year = 2024, Version = DeclarationVersion.Reel });
        Assert.Equal("50000", latest.Figures.HoursInvoiced.Value);
        var list = await h.Declarations.ListDeclarationsAsync(new ListDeclarationsRequest { StructureId = "str-eaje" });
        Assert.Equal([1, 2], list.Declarations.Select(x => x.Revision));
        var events = await h.OutboxAsync();
        Assert.Equal(2, events[^1].Data.GetProperty("revision").GetInt32());
        Assert.Equal("heures facturées de décembre oubliées", events[^1].Data.GetProperty("correctionReason").GetString());

        var before = await h.SnapshotAsync();
        var noReason = await Fails(h.Declarations.CorrectDeclarationAsync(new CorrectDeclarationRequest
        {
            StructureId = "str-eaje", Year = 2024, Version = DeclarationVersion.Reel, Figures = EajeFigures(), ExpectedRevision = 2,
        }));
        Assert.Equal(StatusCode.InvalidArgument, noReason.StatusCode);
        Assert.Equal(["reason"], noReason.Fields());
        var stale = await Fails(h.Declarations.CorrectDeclarationAsync(new CorrectDeclarationRequest
        {
            StructureId = "str-eaje", Year = 2024, Version = DeclarationVersion.Reel, Figures = EajeFigures(), ExpectedRevision = 1, Reason = "x",
        }));
        Assert.Equal(StatusCode.Aborted, stale.StatusCode);
        var nothing = await Fails(h.Declarations.CorrectDeclarationAsync(new CorrectDeclarationRequest
        {
            StructureId = "str-eaje", Year = 2023, Version = DeclarationVersion.Reel, Figures = EajeFigures(), ExpectedRevision = 1, Reason = "x",
        }));
        Assert.Equal(StatusCode.FailedPrecondition, nothing.StatusCode);
        Assert.Equal(before, await h.SnapshotAsync());
    }

    [Fact]
    public async Task The_reel_of_a_year_is_refused_before_the_year_ends()
    {
        await using var h = await WithStructuresAsync();
        var before = await h.SnapshotAsync();

        var e = await Fails(h.Declarations.SubmitDeclarationAsync(new SubmitDeclarationRequest
        {
            StructureId = "str-eaje", Year = ThisYear, Version = DeclarationVersion.Reel, Figures = EajeFigures(),
        }));
        var receivedTooEarly = await Fails(h.Declarations.SubmitDeclarationAsync(new SubmitDeclarationRequest
        {
            StructureId = "str-eaje", Year = 2024, Version = DeclarationVersion.Reel, Figures = EajeFigures(), ReceivedOn = D(2024, 12, 31),
        }));

        Assert.Equal(StatusCode.FailedPrecondition, e.StatusCode);
        Assert.Equal(["version"], e.Fields());
        Assert.Equal(["version"], receivedTooEarly.Fields());
        Assert.Equal(before, await h.SnapshotAsync());
    }

    [Fact]
    public async Task A_declaration_for_a_year_the_structure_was_closed_is_refused()
    {
        await using var h = await WithStructuresAsync();
        await h.Registry.CloseStructureAsync(new CloseStructureRequest { StructureId = "str-alsh", ExpectedVersion = 1, ClosingDate = D(2023, 6, 30), Reason = "regroupement" });
        var figures = new ActivityFigures { HoursAttended = Dec("1000"), OperatingCosts = Cents(100000), RegimeGeneralShare = Dec("1") };
        var before = await h.SnapshotAsync();

        var e = await Fails(h.Declarations.SubmitDeclarationAsync(new SubmitDeclarationRequest { StructureId = "str-alsh", Year = 2024, Version = DeclarationVersion.Previsionnel, Figures = figures, ReceivedOn = D(2023, 12, 1) }));

        Assert.Equal(StatusCode.FailedPrecondition, e.StatusCode);
        Assert.Equal(["year"], e.Fields());
        Assert.Equal(before, await h.SnapshotAsync());
        // The year it closed in still gets its réel.
        var reel = await h.Declarations.SubmitDeclarationAsync(new SubmitDeclarationRequest { StructureId = "str-alsh", Year = 2023, Version = DeclarationVersion.Reel, Figures = figures, ReceivedOn = D(2024, 2, 1) });
        Assert.Equal(1, reel.Revision);
    }

    public static TheoryData<string, ActivityFigures, string[]> BadFigures => new()
    {
        { "str-eaje", new ActivityFigures(), ["figures.places", "figures.hours_invoiced", "figures.hours_attended", "figures.operating_costs", "figures.family_participations", "figures.regime_general_share"] },
        { "str-eaje", With(EajeFigures(), f => f.HoursAttended = Dec("-5")), ["figures.hours_attended", "figures.hours_attended"] },
        { "str-eaje", With(EajeFigures(), f => f.HoursInvoiced = Dec("-1")), ["figures.hours_invoiced"] },
        { "str-eaje", With(EajeFigures(), f => f.OperatingCosts = Cents(-100)), ["figures.operating_costs"] },
        { "str-eaje", With(EajeFigures(), f => f.RegimeGeneralShare = Dec("1.2")), ["figures.regime_general_share"] },
        { "str-eaje", With(EajeFigures(), f => f.MonthsOpen = 13), ["figures.months_open"] },
        { "str-alsh", new ActivityFigures { HoursAttended = Dec("-1"), OperatingCosts = Cents(1), RegimeGeneralShare = Dec("1") }, ["figures.hours_attended"] },
        { "str-alsh", new ActivityFigures { OperatingCosts = Cents(1) }, ["figures.hours_attended", "figures.regime_general_share"] },
        { "str-rpe", new ActivityFigures { OperatingCosts = Cents(8347300) }, ["figures.etp"] },
        { "str-laep", new ActivityFigures { OpeningHours = Dec("0"), OperatingCosts = Cents(1) }, ["figures.opening_hours"] },
    };

    private static ActivityFigures With(ActivityFigures f, Action<ActivityFigures> change)
    {
        change(f);
        return f;
    }

    [Theory]
    [MemberData(nameof(BadFigures))]
    public async Task Bad_figures_are_rejected_by_kind_with_field_violations_and_nothing_written(string structureId, ActivityFigures figures, string[] fields)
    {
        await using var h = await WithStructuresAsync();
        var before = await h.SnapshotAsync();

        var e = await Fails(h.Declarations.SubmitDeclarationAsync(new SubmitDeclarationRequest
        {
            StructureId = structureId, Year = 2024, Version = DeclarationVersion.Reel, Figures = figures, ReceivedOn = D(2025, 1, 15),
        }));

        Assert.Equal(StatusCode.InvalidArgument, e.StatusCode);
        Assert.Equal(fields, e.Fields());
        Assert.Equal(before, await h.SnapshotAsync());
    }

    [Fact]
    public async Task Structures_without_prestation_unknown_versions_and_future_dates_are_refused()
    {
        await using var h = await WithStructuresAsync();
        var before = await h.SnapshotAsync();

        var mam = await Fails(h.Declarations.SubmitDeclarationAsync(new SubmitDeclarationRequest { StructureId = "str-mam", Year = 2024, Version = DeclarationVersion.Reel, Figures = new ActivityFigures { OperatingCosts = Cents(1) }, ReceivedOn = D(2025, 1, 15) }));
        Assert.Equal(StatusCode.FailedPrecondition, mam.StatusCode);
        Assert.Equal(["structure_id"], mam.Fields());
        var version = await Fails(h.Declarations.SubmitDeclarationAsync(new SubmitDeclarationRequest { StructureId = "str-eaje", Year = 2024, Version = (DeclarationVersion)9, Figures = EajeFigures() }));
        Assert.Equal(StatusCode.InvalidArgument, version.StatusCode);
        Assert.Equal(["version"], version.Fields());
        var future = await Fails(h.Declarations.SubmitDeclarationAsync(new SubmitDeclarationRequest { StructureId = "str-eaje", Year = 2024, Version = DeclarationVersion.Reel, Figures = EajeFigures(), ReceivedOn = D(ThisYear + 1, 1, 1) }));
        Assert.Equal(["received_on"], future.Fields());
        var unknown = await Fails(h.Declarations.SubmitDeclarationAsync(new SubmitDeclarationRequest { StructureId = "str-nope", Year = 2024, Version = DeclarationVersion.Reel, Figures = EajeFigures(), ReceivedOn = D(2025, 1, 15) }));
        Assert.Equal(StatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(before, await h.SnapshotAsync());
    }
}
