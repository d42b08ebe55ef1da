using Ctg.Structures.Shared;
using Ctg.Structures.V1;
using Grpc.Core;
using static Ctg.Structures.Tests.Samples;

namespace Ctg.Structures.Tests;

public sealed class RegistryTests
{
    [Fact]
    public async Task Registering_keeps_every_field_resolves_the_ctg_and_publishes_the_event()
    {
        await using var h = await StructuresHarness.StartAsync();
        var details = Eaje(dossier: "39-EAJE-001");
        details.Caf.EquipmentCode = "EQ-7781";

        var created = await h.Registry.RegisterStructureAsync(new RegisterStructureRequest { StructureId = "str-test-fraisans", Details = details });

        Assert.Equal("str-test-fraisans", created.StructureId);
        Assert.Equal(1, created.Version);
        Assert.Equal("ctg-39-jura-nord-2019", created.ConventionId);
        Assert.Equal(D(2012, 9, 1), created.EffectiveFrom);
        var read = await h.Registry.GetStructureAsync(new GetStructureRequest { StructureId = "str-test-fraisans" });
        Assert.Equal(created, read);
        Assert.Equal(30, read.Details.Capacity.AgreedPlaces);
        Assert.True(read.Details.Eaje.SuppliesNappies);
        Assert.Equal("39235", read.Details.Address.CommuneInsee);
        Assert.Equal(ManagementMode.Regie, read.Details.Manager.Mode);

        var (topic, data) = Assert.Single(await h.OutboxAsync());
        Assert.Equal("structures.structure-registered.v1", topic);
        var s = data.GetProperty("structure");
        Assert.Equal("str-test-fraisans", s.GetProperty("structureId").GetString());
        Assert.Equal("eaje_psu", s.GetProperty("kind").GetString());
        Assert.Equal(30, s.GetProperty("agreedPlaces").GetInt32());
        Assert.Equal("ctg-39-jura-nord-2019-cc-jura-nord", s.GetProperty("supportingCollectivityId").GetString());
        Assert.Equal("ctg-39-jura-nord-2019", s.GetProperty("conventionId").GetString());
        Assert.Equal("39235", s.GetProperty("communeInsee").GetString());
        Assert.Equal("Communauté de communes Jura Nord", s.GetProperty("managerName").GetString());
        Assert.Equal("regie", s.GetProperty("managementMode").GetString());
        Assert.Equal("39-EAJE-001", s.GetProperty("cafDossierNumber").GetString());
    }

    [Fact]
    public async Task A_change_is_a_new_version_and_as_of_queries_read_the_history()
    {
        await using var h = await StructuresHarness.StartAsync();
        await h.Registry.RegisterStructureAsync(new RegisterStructureRequest { StructureId = "str-a", Details = Eaje(places: 30), EffectiveFrom = D(2018, 1, 1) });
        var bigger = Eaje(places: 40);
        var changed = await h.Registry.ChangeStructureAsync(new ChangeStructureRequest
        {
            StructureId = "str-a", ExpectedVersion = 1, Details = bigger, EffectiveFrom = D(2020, 9, 1), Reason = "extension",
        });

        Assert.Equal(2, changed.Version);
        Assert.Equal(30, (await h.Registry.GetStructureAsync(new GetStructureRequest { StructureId = "str-a", AsOf = D(2020, 8, 31) })).Details.Capacity.AgreedPlaces);
        Assert.Equal(40, (await h.Registry.GetStructureAsync(new GetStructureRequest { StructureId = "str-a", AsOf = D(2020, 9, 1) })).Details.Capacity.AgreedPlaces);
        Assert.Equal(40, (await h.Registry.GetStructureAsync(new GetStructureRequest { StructureId = "str-a" })).Details.Capacity.AgreedPlaces);
        var notYet = await Fails(h.Registry.GetStructureAsync(new GetStructureRequest { StructureId = "str-a", AsOf = D(2017, 12, 31) }));
        Assert.Equal(StatusCode.NotFound, notYet.StatusCode);
        var history = await h.Registry.GetStructureHistoryAsync(new GetStructureHistoryRequest { StructureId = "str-a" });
        Assert.Equal([1, 2], history.Versions.Select(v => v.Version));
        Assert.Equal([30, 40], history.Versions.Select(v => v.Details.Capacity.AgreedPlaces));

        var events = await h.OutboxAsync();
        Assert.Equal(["structures.structure-registered.v1", "structures.structure-changed.v1"], events.Select(e => e.Topic));
        Assert.Equal("extension", events[1].Data.GetProperty("reason").GetString());
        Assert.Equal(1, events[1].Data.GetProperty("previousVersion").GetInt32());
        Assert.Equal(40, events[1].Data.GetProperty("structure").GetProperty("agreedPlaces").GetInt32());
    }

    [Fact]
    public async Task A_stale_version_is_aborted_and_an_earlier_effective_date_refused_with_nothing_written()
    {
        await using var h = await StructuresHarness.StartAsync();
        await h.Registry.RegisterStructureAsync(new RegisterStructureRequest { StructureId = "str-a", Details = Eaje(), EffectiveFrom = D(2018, 1, 1) });
        await h.Registry.ChangeStructureAsync(new ChangeStructureRequest { StructureId = "str-a", ExpectedVersion = 1, Details = Eaje(places: 35), EffectiveFrom = D(2019, 1, 1) });
        var before = await h.SnapshotAsync();

        var stale = await Fails(h.Registry.ChangeStructureAsync(new ChangeStructureRequest { StructureId = "str-a", ExpectedVersion = 1, Details = Eaje(places: 50), EffectiveFrom = D(2021, 1, 1) }));
        Assert.Equal(StatusCode.Aborted, stale.StatusCode);
        var backwards = await Fails(h.Registry.ChangeStructureAsync(new ChangeStructureRequest { StructureId = "str-a", ExpectedVersion = 2, Details = Eaje(places: 50), EffectiveFrom = D(2018, 6, 1) }));
        Assert.Equal(StatusCode.FailedPrecondition, backwards.StatusCode);
        Assert.Equal(["effective_from"], backwards.Fields());
        var otherKind = await Fails(h.Registry.ChangeStructureAsync(new ChangeStructureRequest { StructureId = "str-a", ExpectedVersion = 2, Details = Of(StructureKind.Mam, "MAM"), EffectiveFrom = D(2021, 1, 1) }));
        Assert.Equal(StatusCode.FailedPrecondition, otherKind.StatusCode);
        Assert.Equal(["details.kind"], otherKind.Fields());

        Assert.Equal(before, await h.SnapshotAsync());
    }

    [Fact]
    public async Task Closing_is_a_dated_event_not_a_delete()
    {
        await using var h = await StructuresHarness.StartAsync();
        await h.Registry.RegisterStructureAsync(new RegisterStructureRequest { StructureId = "str-a", Details = Eaje(), EffectiveFrom = D(2018, 1, 1) });
        var closed = await h.Registry.CloseStructureAsync(new CloseStructureRequest { StructureId = "str-a", ExpectedVersion = 1, ClosingDate = D(2023, 6, 30), Reason = "fusion avec la crèche de Dampierre" });

        Assert.Equal(2, closed.Version);
        Assert.Equal(D(2023, 6, 30), closed.ClosingDate);
        Assert.Null((await h.Registry.GetStructureAsync(new GetStructureRequest { StructureId = "str-a", AsOf = D(2023, 6, 29) })).ClosingDate);
        Assert.Equal(D(2023, 6, 30), (await h.Registry.GetStructureAsync(new GetStructureRequest { StructureId = "str-a" })).ClosingDate);
        Assert.Empty((await h.Registry.ListStructuresAsync(new ListStructuresRequest())).Structures);
        Assert.Equal(["str-a"], (await h.Registry.ListStructuresAsync(new ListStructuresRequest { Filter = new StructureFilter { IncludeClosed = true } })).Structures.Select(s => s.StructureId));

        var events = await h.OutboxAsync();
        Assert.Equal("structures.structure-closed.v1", events[^1].Topic);
        Assert.Equal("2023-06-30", events[^1].Data.GetProperty("closingDate").GetString());
        Assert.Equal("fusion avec la crèche de Dampierre", events[^1].Data.GetProperty("reason").GetString());

        var before = await h.SnapshotAsync();
        var again = await Fails(h.Registry.CloseStructureAsync(new CloseStructureRequest { StructureId = "str-a", ExpectedVersion = 2, ClosingDate = D(2024, 1, 1), Reason = "x" }));
        Assert.Equal(StatusCode.FailedPrecondition, again.StatusCode);
        Assert.Equal(["closing_date"], again.Fields());
        var change = await Fails(h.Registry.ChangeStructureAsync(new ChangeStructureRequest { StructureId = "str-a", ExpectedVersion = 2, Details = Eaje(), EffectiveFrom = D(2024, 1, 1) }));
        Assert.Equal(StatusCode.FailedPrecondition, change.StatusCode);
        Assert.Equal(before, await h.SnapshotAsync());
    }

    public static TheoryData<string, string[]> BadDetails => new()
    {
        { "unknown kind", ["details.kind"] },
        { "zero places for an EAJE", ["details.capacity.agreed_places"] },
        { "negative places", ["details.capacity.agreed_places"] },
        { "zero ETP for an RPE", ["details.capacity.etp"] },
        { "negative ETP", ["details.capacity.etp"] },
        { "malformed ETP", ["details.capacity.etp"] },
        { "zero opening hours for a LAEP", ["details.capacity.opening_hours_per_year"] },
        { "bad INSEE code", ["details.address.commune_insee"] },
        { "no name, no commune, no collectivity", ["details.name", "details.address.commune_name", "details.supporting_collectivity_id"] },
        { "nappies on an ALSH", ["details.eaje"] },
        { "bad id", ["structure_id"] },
    };

    [Theory]
    [MemberData(nameof(BadDetails))]
    public async Task Bad_details_are_rejected_with_field_violations_and_nothing_written(string @case, string[] fields)
    {
        await using var h = await StructuresHarness.StartAsync();
        await h.Registry.RegisterStructureAsync(new RegisterStructureRequest { StructureId = "str-existing", Details = Eaje() });
        var before = await h.SnapshotAsync();
        var callsBefore = h.Signatories.State.Calls;
        var request = new RegisterStructureRequest { StructureId = "str-new", Details = Eaje(name: "Autre crèche") };
        var d = request.Details;
        switch (@case)
        {
            case "unknown kind": d.Kind = (StructureKind)99; d.Eaje = null; break;
            case "zero places for an EAJE": d.Capacity.AgreedPlaces = 0; break;
            case "negative places": d.Capacity.AgreedPlaces = -3; break;
            case "zero ETP for an RPE": request.Details = Of(StructureKind.Rpe, "RPE"); request.Details.Capacity.Etp = Dec("0"); break;
            case "negative ETP": request.Details = Of(StructureKind.Rpe, "RPE"); request.Details.Capacity.Etp = Dec("-1.5"); break;
            case "malformed ETP": request.Details = Of(StructureKind.Rpe, "RPE"); request.Details.Capacity.Etp = Dec("1,5"); break;
            case "zero opening hours for a LAEP": request.Details = Of(StructureKind.Laep, "LAEP"); request.Details.Capacity.OpeningHoursPerYear = Dec("0"); break;
            case "bad INSEE code": d.Address.CommuneInsee = "3923"; break;
            case "no name, no commune, no collectivity": d.Name = " "; d.Address.CommuneName = ""; d.SupportingCollectivityId = ""; break;
            case "nappies on an ALSH": request.Details = Of(StructureKind.Alsh, "ALSH"); request.Details.Eaje = new EajeOptions { SuppliesMeals = true }; break;
            case "bad id": request.StructureId = "Str With Spaces"; break;
        }

        var e = await Fails(h.Registry.RegisterStructureAsync(request));

        Assert.Equal(StatusCode.InvalidArgument, e.StatusCode);
        Assert.Equal(fields, e.Fields());
        Assert.Equal(before, await h.SnapshotAsync());
        Assert.Equal(callsBefore, h.Signatories.State.Calls); // bad input never reaches the signatories service
    }

    [Fact]
    public async Task A_duplicate_caf_identifier_or_id_is_already_exists_with_nothing_written()
    {
        await using var h = await StructuresHarness.StartAsync();
        var first = Eaje(dossier: "DOS-1");
        first.Caf.EquipmentCode = "EQ-1";
        await h.Registry.RegisterStructureAsync(new RegisterStructureRequest { StructureId = "str-a", Details = first });
        var before = await h.SnapshotAsync();

        var sameDossier = await Fails(h.Registry.RegisterStructureAsync(new RegisterStructureRequest { StructureId = "str-b", Details = Eaje(name: "B", dossier: "DOS-1") }));
        Assert.Equal(StatusCode.AlreadyExists, sameDossier.StatusCode);
        Assert.Equal(["details.caf.dossier_number"], sameDossier.Fields());
        var sameEquipment = Eaje(name: "C", dossier: "DOS-3");
        sameEquipment.Caf.EquipmentCode = "EQ-1";
        var e2 = await Fails(h.Registry.RegisterStructureAsync(new RegisterStructureRequest { StructureId = "str-c", Details = sameEquipment }));
        Assert.Equal(["details.caf.equipment_code"], e2.Fields());
        var sameId = await Fails(h.Registry.RegisterStructureAsync(new RegisterStructureRequest { StructureId = "str-a", Details = Eaje(name: "D") }));
        Assert.Equal(StatusCode.AlreadyExists, sameId.StatusCode);
        Assert.Equal(["structure_id"], sameId.Fields());

        Assert.Equal(before, await h.SnapshotAsync());
    }

    [Fact]
    public async Task An_unknown_supporting_collectivity_is_invalid_and_nothing_is_written()
    {
        await using var h = await StructuresHarness.StartAsync();
        var before = await h.SnapshotAsync();

        var e = await Fails(h.Registry.RegisterStructureAsync(new RegisterStructureRequest { Details = Eaje(supporting: "sig-unknown-commune") }));

        Assert.Equal(StatusCode.InvalidArgument, e.StatusCode);
        Assert.Equal(["details.supporting_collectivity_id"], e.Fields());
        Assert.Equal(before, await h.SnapshotAsync());
    }

    [Fact]
    public async Task A_signatories_outage_is_unavailable_and_nothing_is_written()
    {
        await using var h = await StructuresHarness.StartAsync();
        await h.Registry.RegisterStructureAsync(new RegisterStructureRequest { StructureId = "str-a", Details = Eaje(), EffectiveFrom = D(2018, 1, 1) });
        var before = await h.SnapshotAsync();
        await h.Signatories.StopAsync();

        var register = await Fails(h.Registry.RegisterStructureAsync(new RegisterStructureRequest { StructureId = "str-b", Details = Eaje(name: "B") }));
        var change = await Fails(h.Registry.ChangeStructureAsync(new ChangeStructureRequest { StructureId = "str-a", ExpectedVersion = 1, Details = Eaje(places: 45), EffectiveFrom = D(2020, 1, 1) }));

        Assert.Equal(StatusCode.Unavailable, register.StatusCode);
        Assert.Equal(StatusCode.Unavailable, change.StatusCode);
        Assert.Equal(before, await h.SnapshotAsync());
    }

    [Fact]
    public async Task A_slow_signatories_service_is_retried_under_a_deadline_then_unavailable()
    {
        await using var h = await StructuresHarness.StartAsync(new() { ["Services:SignatoriesClient:Deadline"] = "00:00:00.200" });
        h.Signatories.State.Delay = TimeSpan.FromSeconds(2);
        var before = await h.SnapshotAsync();
        var watch = System.Diagnostics.Stopwatch.StartNew();

        var e = await Fails(h.Registry.RegisterStructureAsync(new RegisterStructureRequest { Details = Eaje() }));

        Assert.Equal(StatusCode.Unavailable, e.StatusCode);
        Assert.Equal(3, h.Signatories.State.Calls); // the first attempt and two retries
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(2), $"took {watch.Elapsed}");
        Assert.Equal(before, await h.SnapshotAsync());
    }

    [Fact]
    public async Task Queries_filter_by_ctg_commune_manager_and_kind_page_with_a_stable_order_and_stream()
    {
        await using var h = await StructuresHarness.StartAsync();
        async Task Add(string id, StructureDetails details, string insee = "")
        {
            details.Address.CommuneInsee = insee;
            await h.Registry.RegisterStructureAsync(new RegisterStructureRequest { StructureId = id, Details = details });
        }

        await Add("str-05", Of(StructureKind.Alsh, "ALSH Fraisans", "Fraisans"), "39235");
        await Add("str-01", Of(StructureKind.EajePsu, "Crèche Fraisans", "Fraisans"), "39235");
        await Add("str-03", Of(StructureKind.Rpe, "RPE Fraisans", "Fraisans", manager: "Mutualité Française du Jura"), "39235");
        await Add("str-02", Of(StructureKind.Alsh, "ALSH Gendrey", "Gendrey"));
        await Add("str-04", Of(StructureKind.Alsh, "ALSH Audincourt", "Audincourt", manager: "Ville d'Audincourt", supporting: "ctg-25-pma-2023-commune-25031"));
        await Add("str-06", Of(StructureKind.Laep, "LAEP Bavans", "Bavans", manager: "Ville de Bavans", supporting: "ctg-25-pma-2023-commune-25048"));
        await Add("str-07", Of(StructureKind.EajePsu, "Crèche Montbéliard", "Montbéliard", manager: "Ville de Montbéliard", supporting: "ctg-25-pma-2023-commune-25388"));

        async Task<string[]> Ids(StructureFilter filter) =>
            (await h.Registry.ListStructuresAsync(new ListStructuresRequest { Filter = filter })).Structures.Select(s => s.StructureId).ToArray();

        Assert.Equal(["str-01", "str-02", "str-03", "str-05"], await Ids(new StructureFilter { ConventionId = "ctg-39-jura-nord-2019" }));
        Assert.Equal(["str-04", "str-06", "str-07"], await Ids(new StructureFilter { ConventionId = "ctg-25-pays-de-montbeliard-2023" }));
        Assert.Equal(["str-01", "str-03", "str-05"], await Ids(new StructureFilter { CommuneInsee = "39235" }));
        Assert.Equal(["str-07"], await Ids(new StructureFilter { CommuneName = "MONTBÉLIARD" }));
        Assert.Equal(["str-03"], await Ids(new StructureFilter { ManagerName = "mutualité française du jura" }));
        Assert.Equal(["str-02", "str-04", "str-05"], await Ids(new StructureFilter { Kind = StructureKind.Alsh }));
        Assert.Equal(["str-02", "str-05"], await Ids(new StructureFilter { Kind = StructureKind.Alsh, ConventionId = "ctg-39-jura-nord-2019" }));

        var seen = new List<string>();
        var token = "";
        var pages = 0;
        do
        {
            var page = await h.Registry.ListStructuresAsync(new ListStructuresRequest { Page = new() { PageSize = 3, PageToken = token } });
            Assert.Equal(7, page.Page.TotalSize);
            seen.AddRange(page.Structures.Select(s => s.StructureId));
            token = page.Page.NextPageToken;
            pages++;
        }
        while (token.Length > 0);
        Assert.Equal(3, pages);
        Assert.Equal(["str-01", "str-02", "str-03", "str-04", "str-05", "str-06", "str-07"], seen);

        var streamed = new List<string>();
        using var call = h.Registry.StreamStructures(new StreamStructuresRequest { Filter = new StructureFilter { Kind = StructureKind.Alsh } });
        await foreach (var s in call.ResponseStream.ReadAllAsync())
        {
            streamed.Add(s.StructureId);
        }

        Assert.Equal(["str-02", "str-04", "str-05"], streamed);

        var badToken = await Fails(h.Registry.ListStructuresAsync(new ListStructuresRequest { Page = new() { PageToken = "not-a-token" } }));
        Assert.Equal(StatusCode.InvalidArgument, badToken.StatusCode);
        Assert.Equal(["page.page_token"], badToken.Fields());
    }
}

/// <summary>A CAF's finance officer (the demo user <c>financier</c>: CAFs 39, 25 and 38) registers structures only in
/// the CTGs of those CAFs, and a CTG they cannot read is no way around it.</summary>
public sealed class CafBoundaryTests
{
    [Theory]
    [InlineData("ctg-test-elsewhere", "belongs to a CTG of another CAF than yours")]
    [InlineData("ctg-test-hidden", "is not one of your CAF's")]
    public async Task An_officer_cannot_register_a_structure_outside_their_CAF_and_nothing_is_written(string supporting, string message)
    {
        await using var h = await StructuresHarness.StartAsync();
        var officer = new StructureRegistry.StructureRegistryClient(h.Service.ChannelAs("financier"));

        var refused = await Fails(officer.RegisterStructureAsync(new RegisterStructureRequest { StructureId = "str-outside", Details = Eaje(supporting: supporting) }));

        Assert.Equal(StatusCode.PermissionDenied, refused.StatusCode);
        Assert.Contains(message, refused.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(0, await h.CountAsync("structures"));
        Assert.Empty(await h.OutboxAsync());
    }

    [Fact]
    public async Task An_officer_registers_a_structure_in_a_CTG_of_their_CAF()
    {
        await using var h = await StructuresHarness.StartAsync();
        var officer = new StructureRegistry.StructureRegistryClient(h.Service.ChannelAs("financier"));

        var created = await officer.RegisterStructureAsync(new RegisterStructureRequest { StructureId = "str-inside", Details = Eaje() });

        Assert.Equal("39", created.CafDepartement);
        Assert.Equal(1, await h.CountAsync("structures"));
    }
}
