using Ctg.Structures.Shared;
using Ctg.Structures.V1;
using Ctg.Testing;
using Grpc.Core;
using static Ctg.Structures.Tests.Samples;

namespace Ctg.Structures.Tests;

/// <summary>The key flows again on PostgreSQL (the production database), each on a fresh database.</summary>
[Trait("Category", "Postgres")]
public sealed class PostgresTests
{
    private static async Task<(PostgresDatabase Database, StructuresHarness Harness)> StartAsync()
    {
        var database = await PostgresDatabase.CreateAsync();
        var harness = await StructuresHarness.StartAsync(new()
        {
            ["Database:Provider"] = "postgres",
            ["Database:ConnectionString"] = database.ConnectionString,
        });
        return (database, harness);
    }

    /// <summary>The scope is a list condition (<c>caf_departement</c>, <c>manager_key</c>) that PostgreSQL reads only as
    /// <c>= ANY(...)</c>: a CAF's staff member and a structure manager list and read exactly their own structures
    /// on PostgreSQL, and another's is NOT_FOUND.</summary>
    [PostgresFact]
    public async Task A_CAF_restricted_caller_and_a_structure_manager_see_only_their_structures_on_postgres()
    {
        var (database, h) = await StartAsync();
        await using var _ = database;
        await using var __ = h;
        await h.Import.LoadDemoDataAsync(new LoadDemoDataRequest());
        var doubs = new StructureRegistry.StructureRegistryClient(h.Service.ChannelAs(TestIdentity.Caf25StaffUser));
        var manager = new StructureRegistry.StructureRegistryClient(h.Service.ChannelAs(TestIdentity.ManagerUser));
        var everything = await h.Registry.ListStructuresAsync(new ListStructuresRequest { Page = new() { PageSize = 500 } });
        Assert.Equal(71, everything.Page.TotalSize);

        var ofDoubs = await doubs.ListStructuresAsync(new ListStructuresRequest { Page = new() { PageSize = 500 } });
        Assert.Equal(60, ofDoubs.Page.TotalSize);
        Assert.Equal(everything.Structures.Where(s => s.CafDepartement == "25").Select(s => s.StructureId), ofDoubs.Structures.Select(s => s.StructureId));
        Assert.All(ofDoubs.Structures, s => Assert.StartsWith("str-25-pma-", s.StructureId, StringComparison.Ordinal));
        Assert.Equal("EAJE Audincourt", (await doubs.GetStructureAsync(new GetStructureRequest { StructureId = "str-25-pma-eaje-audincourt" })).Details.Name);
        Assert.Equal(StatusCode.NotFound, (await Fails(doubs.GetStructureAsync(new GetStructureRequest { StructureId = "str-39-jn-multi-accueil-fraisans" }))).StatusCode);

        var ofManager = await manager.ListStructuresAsync(new ListStructuresRequest { Page = new() { PageSize = 500 } });
        Assert.Equal(10, ofManager.Page.TotalSize);
        Assert.Equal(
            everything.Structures.Where(s => s.Details.Manager.Name == TestIdentity.ManagerGestionnaire).Select(s => s.StructureId),
            ofManager.Structures.Select(s => s.StructureId));
        Assert.All(ofManager.Structures, s => Assert.StartsWith("str-39-jn-", s.StructureId, StringComparison.Ordinal));
        Assert.Equal(30, (await manager.GetStructureAsync(new GetStructureRequest { StructureId = "str-39-jn-multi-accueil-fraisans" })).Details.Capacity.AgreedPlaces);
        Assert.Equal(StatusCode.NotFound, (await Fails(manager.GetStructureAsync(new GetStructureRequest { StructureId = "str-39-jn-ram-jura-nord" }))).StatusCode);
        Assert.Equal(StatusCode.NotFound, (await Fails(manager.GetStructureAsync(new GetStructureRequest { StructureId = "str-25-pma-eaje-audincourt" }))).StatusCode);

        // What an allocation reads goes through the same scope: the Jura CTG has nothing for the CAF du Doubs.
        using var inputs = new AllocationData.AllocationDataClient(h.Service.ChannelAs(TestIdentity.Caf25StaffUser)).StreamAllocationInputs(new StreamAllocationInputsRequest
        {
            ConventionIds = { "ctg-25-pays-de-montbeliard-2023", "ctg-39-jura-nord-2019" }, Year = 2024, Version = DeclarationVersion.Reel,
        });
        var answered = new List<(string, int, int)>();
        await foreach (var message in inputs.ResponseStream.ReadAllAsync())
        {
            answered.Add((message.ConventionId, message.Structures.Count, message.References.Count));
        }

        Assert.Equal([("ctg-25-pays-de-montbeliard-2023", 60, 0), ("ctg-39-jura-nord-2019", 0, 0)], answered);
    }

    [PostgresFact]
    public async Task Registry_history_closing_and_queries_work_on_postgres()
    {
        var (database, h) = await StartAsync();
        await using var _ = database;
        await using var __ = h;

        await h.Registry.RegisterStructureAsync(new RegisterStructureRequest { StructureId = "str-a", Details = Eaje(dossier: "DOS-1"), EffectiveFrom = D(2018, 1, 1) });
        await h.Registry.RegisterStructureAsync(new RegisterStructureRequest { StructureId = "str-b", Details = Of(StructureKind.Alsh, "ALSH Gendrey", "Gendrey") });
        await h.Registry.ChangeStructureAsync(new ChangeStructureRequest { StructureId = "str-a", ExpectedVersion = 1, Details = Eaje(places: 40, dossier: "DOS-1"), EffectiveFrom = D(2020, 1, 1) });
        await h.Registry.CloseStructureAsync(new CloseStructureRequest { StructureId = "str-a", ExpectedVersion = 2, ClosingDate = D(2023, 12, 31), Reason = "fermeture" });

        Assert.Equal(30, (await h.Registry.GetStructureAsync(new GetStructureRequest { StructureId = "str-a", AsOf = D(2019, 6, 1) })).Details.Capacity.AgreedPlaces);
        Assert.Equal(40, (await h.Registry.GetStructureAsync(new GetStructureRequest { StructureId = "str-a", AsOf = D(2021, 6, 1) })).Details.Capacity.AgreedPlaces);
        Assert.Equal(["str-b"], (await h.Registry.ListStructuresAsync(new ListStructuresRequest())).Structures.Select(s => s.StructureId));
        var page = await h.Registry.ListStructuresAsync(new ListStructuresRequest { Filter = new() { IncludeClosed = true }, Page = new() { PageSize = 1 } });
        Assert.Equal(["str-a"], page.Structures.Select(s => s.StructureId));
        Assert.Equal(2, page.Page.TotalSize);
        Assert.Equal(
            ["structures.structure-registered.v1", "structures.structure-registered.v1", "structures.structure-changed.v1", "structures.structure-closed.v1"],
            (await h.OutboxAsync()).Select(e => e.Topic));

        var before = await h.SnapshotAsync();
        var duplicate = await Fails(h.Registry.RegisterStructureAsync(new RegisterStructureRequest { StructureId = "str-c", Details = Eaje(name: "C", dossier: "DOS-1") }));
        Assert.Equal(StatusCode.AlreadyExists, duplicate.StatusCode);
        Assert.Equal(["details.caf.dossier_number"], duplicate.Fields());
        await h.Signatories.StopAsync();
        var outage = await Fails(h.Registry.RegisterStructureAsync(new RegisterStructureRequest { StructureId = "str-d", Details = Eaje(name: "D") }));
        Assert.Equal(StatusCode.Unavailable, outage.StatusCode);
        Assert.Equal(before, await h.SnapshotAsync());
    }

    [PostgresFact]
    public async Task Declarations_references_imports_and_demo_data_work_on_postgres()
    {
        var (database, h) = await StartAsync();
        await using var _ = database;
        await using var __ = h;

        var demo = await h.Import.LoadDemoDataAsync(new LoadDemoDataRequest());
        Assert.Equal([11, 11, 60], demo.Reports.Select(r => r.RowsImported));
        var refs = await h.References.ListReferencesAsync(new ListReferencesRequest { StructureId = "str-39-jn-multi-accueil-fraisans" });
        Assert.Equal(8244200, Assert.Single(refs.References).Amount.Cents);

        var d = await h.Declarations.SubmitDeclarationAsync(new SubmitDeclarationRequest
        {
            StructureId = "str-39-jn-multi-accueil-fraisans", Year = 2024, Version = DeclarationVersion.Reel, Figures = EajeFigures("3000", "1000"), ReceivedOn = D(2025, 4, 2),
        });
        Assert.True(d.Late);
        Assert.True(d.NeedsReview);
        var corrected = await h.Declarations.CorrectDeclarationAsync(new CorrectDeclarationRequest
        {
            StructureId = "str-39-jn-multi-accueil-fraisans", Year = 2024, Version = DeclarationVersion.Reel, Figures = EajeFigures(), Reason = "erreur de saisie", ExpectedRevision = 1, ReceivedOn = D(2025, 4, 3),
        });
        Assert.Equal(2, corrected.Revision);
        Assert.False(corrected.NeedsReview);

        var before = await h.SnapshotAsync();
        var bad = await Fails(() => h.Import.ImportAsync(ImportKind.Structures, Csv.Utf8(Csv.StructureHeader, Csv.Eaje("str-new", "Nouvelle crèche"), Csv.Eaje("str-bad", "Zéro place", places: "0"))));
        Assert.Equal(["line 3: agreed_places"], bad.Fields());
        var reel = await Fails(h.Declarations.SubmitDeclarationAsync(new SubmitDeclarationRequest
        {
            StructureId = "str-39-jn-alsh-gendrey", Year = DateTime.UtcNow.Year, Version = DeclarationVersion.Reel,
            Figures = new ActivityFigures { HoursAttended = Dec("39223"), OperatingCosts = Cents(32555200), RegimeGeneralShare = Dec("0.9") },
        }));
        Assert.Equal(StatusCode.FailedPrecondition, reel.StatusCode);
        Assert.Equal(before, await h.SnapshotAsync());

        var again = await h.Import.LoadDemoDataAsync(new LoadDemoDataRequest());
        Assert.Equal([0, 0, 0], again.Reports.Select(r => r.RowsImported));
        var report = await h.Import.ImportAsync(ImportKind.Structures, Csv.Windows1252(Csv.StructureHeader, Csv.Eaje("str-new", "Crèche « Les Écureuils »")));
        Assert.Equal("windows-1252", report.Encoding);
        Assert.Equal("Crèche « Les Écureuils »", (await h.Registry.GetStructureAsync(new GetStructureRequest { StructureId = "str-new" })).Details.Name);
    }
}
