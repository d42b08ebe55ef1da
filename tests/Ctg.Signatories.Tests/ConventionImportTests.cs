using System.Text.Json.Nodes;
using Ctg.Signatories.V1;
using Ctg.ServiceDefaults;
using Ctg.Testing;
using Grpc.Core;

namespace Ctg.Signatories.Tests;

/// <summary>ImportConventions: many conventions in one command, replayed through the unit commands' rules, with
/// their versions and events; a dry run lists every problem and writes nothing; a refused import writes nothing;
/// a client request id makes it safe to retry; a CAF's staff import only their CAF's conventions.</summary>
public sealed class ConventionImportTests
{
    private static readonly Ctg.Common.V1.Date SignedOn = D.Of(2024, 12, 20);

    private static GrantCompetenceRequest Grant(string id) => new()
    {
        CompetenceId = id + "-pe", Scope = new CompetenceScope { Field = FieldOfIntervention.PetiteEnfance }, SignatoryId = id + "-epci",
        CommuneInseeCodes = { Scenario.Montbeliard, Scenario.Seloncourt, Scenario.Arbouans }, EffectiveOn = D.Of(2025, 1, 1),
    };

    private static Signatory[] Parties(string id) => [Scenario.Caf(id), Scenario.Epci(id), Scenario.MontbeliardCommune(id)];

    /// <summary>The CAF du Doubs, the EPCI and Montbéliard, each signed on 20 December 2024 when <paramref name="signed"/>, and the EPCI's petite enfance.</summary>
    private static ConventionImport Bulk(string id, bool signed = true, string caf = "25")
    {
        var draft = Scenario.Draft(id);
        draft.CafDepartement = caf;
        var import = new ConventionImport { Draft = draft, Grants = { Grant(id) } };
        import.Signatories.AddRange(Parties(id).Select(s => new SignatoryImport { Signatory = s, SignedOn = signed ? SignedOn : null }));
        return import;
    }

    private static ImportConventionsRequest Request(params ConventionImport[] conventions)
    {
        var request = new ImportConventionsRequest();
        request.Conventions.AddRange(conventions);
        return request;
    }

    /// <summary>An event's payload without what differs between two runs (its id and instant) and with the convention named X.</summary>
    private static string Normalized(string data, string conventionId)
    {
        var node = JsonNode.Parse(data)!.AsObject();
        node.Remove("eventId");
        node.Remove("occurredAt");
        return node.ToJsonString().Replace(conventionId, "X");
    }

    [Fact]
    public async Task An_imported_convention_is_stored_and_published_exactly_as_by_the_unit_commands()
    {
        await using var harness = await SignatoriesHarness.StartSqliteAsync();
        const string unit = "ctg-25-par-appels";
        await harness.Conventions.CreateConventionDraftAsync(Scenario.Draft(unit));
        foreach (var party in Parties(unit))
        {
            await harness.Conventions.AddSignatoryAsync(new AddSignatoryRequest { ConventionId = unit, Signatory = party });
        }

        foreach (var party in Parties(unit))
        {
            await harness.Conventions.SignConventionAsync(new SignConventionRequest { ConventionId = unit, SignatoryId = party.SignatoryId, SignedOn = SignedOn });
        }

        await harness.Competences.GrantCompetenceAsync(Grant(unit).Clone().Apply(g => g.ConventionId = unit));
        var outboxBefore = (await harness.OutboxAsync()).Count;

        const string bulk = "ctg-25-par-import";
        var response = await harness.Conventions.ImportConventionsAsync(Request(Bulk(bulk)));

        Assert.Equal(1, response.ConventionsRead);
        Assert.Equal(new[] { bulk }, response.ImportedConventionIds);
        Assert.Empty(response.SkippedConventionIds);
        Assert.Empty(response.Problems);
        Assert.False(response.DryRun);
        Assert.Equal(2, response.EventsWritten);

        var byUnit = await harness.Conventions.GetConventionAsync(new GetConventionRequest { ConventionId = unit, AsOf = D.Of(2026, 6, 30) });
        var byImport = await harness.Conventions.GetConventionAsync(new GetConventionRequest { ConventionId = bulk, AsOf = D.Of(2026, 6, 30) });
        Assert.Equal(8, byImport.Version); // draft, 3 signatories, 3 signatures, 1 grant: one version each, as by the unit calls
        Assert.Equal(ConventionStatus.Active, byImport.Status);
        Assert.Equal(byUnit.ToString().Replace(unit, "X"), byImport.ToString().Replace(bulk, "X"));

        var outbox = await harness.OutboxAsync();
        var unitEvents = outbox.Take(outboxBefore).Where(e => e.Data.Contains(unit)).Select(e => (e.Topic, Normalized(e.Data, unit))).ToList();
        var importEvents = outbox.Skip(outboxBefore).Select(e => (e.Topic, Normalized(e.Data, bulk))).ToList();
        Assert.Equal(new[] { "signatories.convention-signed.v1", "signatories.competence-granted.v1" }, importEvents.Select(e => e.Topic));
        Assert.Equal(unitEvents, importEvents);
        // The unit calls saved 8 versions; the import saves its final one, listing the 8 changes.
        Assert.Equal(9, await harness.CountAsync("convention_versions"));
        Assert.Equal(1, await harness.CountAsync(
            $"convention_versions WHERE convention_id = '{bulk}' AND version = 8 AND change_kind = 'draft-created,signatory-added,signatory-added,signatory-added,signed,signed,signed,competence-granted'"));
        Assert.Equal(6, await harness.CountAsync("signatories"));
        Assert.Equal(1, await harness.CountAsync("audit_log WHERE command = 'signatories.ImportConventions' AND outcome = 'succeeded'"));

        var holders = await harness.Competences.GetCompetenceHoldersAsync(new GetCompetenceHoldersRequest
        {
            ConventionId = bulk, CommuneInseeCode = Scenario.Arbouans, Scope = new CompetenceScope { Field = FieldOfIntervention.PetiteEnfance }, AsOf = D.Of(2025, 6, 30),
        });
        Assert.Equal(new[] { bulk + "-epci" }, holders.Holders.Select(h => h.SignatoryId));
    }

    private static ImportConventionsRequest OneValidTwoInvalid()
    {
        var tooLong = Bulk("ctg-25-trop-longue");
        tooLong.Draft.Period.End = D.Of(2031, 12, 31);
        var badVote = Bulk("ctg-25-vote-faux");
        badVote.Signatories[1].Signatory.Deliberation.VotesFor = 40;
        return Request(Bulk("ctg-25-valide"), tooLong, badVote);
    }

    [Fact]
    public async Task A_dry_run_answers_every_problem_with_its_convention_and_field_and_writes_nothing()
    {
        await using var harness = await SignatoriesHarness.StartSqliteAsync();
        var request = OneValidTwoInvalid();
        request.DryRun = true;
        request.ClientRequestId = "essai-1";

        var response = await harness.Conventions.ImportConventionsAsync(request);

        Assert.True(response.DryRun);
        Assert.Equal(3, response.ConventionsRead);
        Assert.Equal(new[] { "ctg-25-valide" }, response.ImportedConventionIds);
        Assert.Equal(0, response.EventsWritten);
        Assert.Equal(
            new[]
            {
                (1, "ctg-25-trop-longue", "conventions[1].draft.period.end", "a convention lasts 5 years at most: it must end on 2029-12-31 at the latest", "rule_violation"),
                (2, "ctg-25-vote-faux", "conventions[2].signatories[1].signatory.deliberation.votes_for",
                    "votes for, against and abstaining (40) exceed the members present plus represented (28): the deliberation is invalid", "rule_violation"),
            },
            response.Problems.Select(p => (p.Index, p.ConventionId, p.Field, p.Message, p.Kind)));
        foreach (var table in new[] { "conventions", "convention_versions", "signatories", "outbox", "audit_log", "idempotency_keys" })
        {
            Assert.Equal(0, await harness.CountAsync(table));
        }
    }

    [Fact]
    public async Task An_import_with_an_invalid_convention_is_invalid_argument_with_every_field_and_writes_none_of_them()
    {
        await using var harness = await SignatoriesHarness.StartSqliteAsync();

        var exception = await Assert.ThrowsAsync<RpcException>(() => harness.Conventions.ImportConventionsAsync(OneValidTwoInvalid()).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, exception.StatusCode);
        Assert.Equal("2 convention(s) of the import are refused: nothing was imported.", exception.Status.Detail);
        Assert.Equal(
            new[] { "conventions[1].draft.period.end", "conventions[2].signatories[1].signatory.deliberation.votes_for" },
            exception.FieldViolations().Select(v => v.Field));
        Assert.Equal(0, await harness.CountAsync("conventions"));
        Assert.Equal(0, await harness.CountAsync("signatories"));
        Assert.Equal(0, await harness.CountAsync("outbox"));
        Assert.Equal(1, await harness.CountAsync("audit_log WHERE command = 'signatories.ImportConventions' AND outcome = 'rule_violation'"));
    }

    [Fact]
    public async Task The_same_client_request_id_returns_the_first_answer_and_another_request_with_it_is_already_exists()
    {
        await using var harness = await SignatoriesHarness.StartSqliteAsync();
        var draft = Bulk("ctg-25-deux", signed: false);
        draft.Grants.Clear();
        var request = Request(Bulk("ctg-25-une"), draft);
        request.ClientRequestId = "import-2026-12-02";

        var first = await harness.Conventions.ImportConventionsAsync(request);
        var again = await harness.Conventions.ImportConventionsAsync(request);

        Assert.Equal(new[] { "ctg-25-une", "ctg-25-deux" }, first.ImportedConventionIds);
        Assert.Equal(2, first.EventsWritten); // the first one's signature and grant; the draft publishes nothing
        Assert.Equal(first, again);
        Assert.Equal(2, await harness.CountAsync("conventions"));
        Assert.Equal(1, await harness.CountAsync("audit_log WHERE command = 'signatories.ImportConventions'"));

        var other = Request(Bulk("ctg-25-trois"));
        other.ClientRequestId = "import-2026-12-02";
        var fields = await Expect.StatusAsync(StatusCode.AlreadyExists, () => harness.Conventions.ImportConventionsAsync(other).ResponseAsync);
        Assert.Equal(new[] { "client_request_id" }, fields);
        Assert.Equal(2, await harness.CountAsync("conventions"));
    }

    [Fact]
    public async Task Existing_conventions_are_skipped_when_asked_and_otherwise_refused_as_are_signatory_ids_already_used()
    {
        await using var harness = await SignatoriesHarness.StartSqliteAsync();
        await harness.Conventions.ImportConventionsAsync(Request(Bulk("ctg-25-deja")));

        var skipping = Request(Bulk("ctg-25-deja"), Bulk("ctg-25-nouvelle"));
        skipping.SkipExisting = true;
        var skipped = await harness.Conventions.ImportConventionsAsync(skipping);
        Assert.Equal(new[] { "ctg-25-nouvelle" }, skipped.ImportedConventionIds);
        Assert.Equal(new[] { "ctg-25-deja" }, skipped.SkippedConventionIds);

        var reused = Bulk("ctg-25-autre");
        reused.Signatories[0].Signatory.SignatoryId = "ctg-25-deja-caf";
        var refused = Request(Bulk("ctg-25-deja"), reused, Bulk("ctg-25-autre"));
        refused.DryRun = true;
        var answer = await harness.Conventions.ImportConventionsAsync(refused);
        Assert.Equal(
            new[]
            {
                (0, "conventions[0].draft.convention_id", "convention 'ctg-25-deja' already exists", "already_exists"),
                (1, "conventions[1].signatories[0].signatory.signatory_id", "is already used", "already_exists"),
                (2, "conventions[2].draft.convention_id", "is also the id of conventions[1] of the import", "already_exists"),
            },
            answer.Problems.Select(p => (p.Index, p.Field, p.Message, p.Kind)));
        Assert.Equal(2, await harness.CountAsync("conventions"));
    }

    [Fact]
    public async Task A_CAFs_officer_imports_the_conventions_of_their_CAF_and_another_CAFs_is_permission_denied_with_nothing_written()
    {
        await using var harness = await SignatoriesHarness.StartSqliteAsync();
        var jura = harness.As("ordonnateur2"); // CAF 39

        var exception = await Assert.ThrowsAsync<RpcException>(() =>
            jura.Conventions.ImportConventionsAsync(Request(Bulk("ctg-39-du-jura", caf: "39"), Bulk("ctg-25-du-doubs"))).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, exception.StatusCode);
        Assert.Equal("1 convention(s) of the import belong to a CAF the caller cannot write (ctg-25-du-doubs): nothing was imported.", exception.Status.Detail);
        Assert.Equal(0, await harness.CountAsync("conventions"));

        var dry = Request(Bulk("ctg-39-du-jura", caf: "39"), Bulk("ctg-25-du-doubs"));
        dry.DryRun = true;
        var problem = Assert.Single((await jura.Conventions.ImportConventionsAsync(dry)).Problems);
        Assert.Equal((1, "conventions[1].draft.caf_departement", "access_denied"), (problem.Index, problem.Field, problem.Kind));

        var own = await jura.Conventions.ImportConventionsAsync(Request(Bulk("ctg-39-du-jura", caf: "39")));
        Assert.Equal(new[] { "ctg-39-du-jura" }, own.ImportedConventionIds);
    }

    [PostgresFact]
    public async Task On_PostgreSQL_the_lookups_and_writes_of_an_import_run_as_on_SQLite()
    {
        await using var harness = await SignatoriesHarness.StartPostgresAsync();
        await harness.Conventions.ImportConventionsAsync(Request(Bulk("ctg-25-pg-une")));

        var again = Request(Bulk("ctg-25-pg-une"), Bulk("ctg-25-pg-deux"));
        again.SkipExisting = true;
        var response = await harness.Conventions.ImportConventionsAsync(again);

        Assert.Equal(new[] { "ctg-25-pg-deux" }, response.ImportedConventionIds);
        Assert.Equal(new[] { "ctg-25-pg-une" }, response.SkippedConventionIds);
        Assert.Equal(2, await harness.CountAsync("convention_versions"));
        Assert.Equal(4, (await harness.OutboxAsync()).Count);
        var reused = Bulk("ctg-25-pg-trois");
        reused.Signatories[1].Signatory.SignatoryId = "ctg-25-pg-une-epci";
        reused.Grants.Clear(); // it names the EPCI by its own id
        var fields = await Expect.StatusAsync(StatusCode.InvalidArgument, () => harness.Conventions.ImportConventionsAsync(Request(reused)).ResponseAsync);
        Assert.Equal(new[] { "conventions[0].signatories[1].signatory.signatory_id" }, fields);
    }
}

internal static class MessageExtensions
{
    public static T Apply<T>(this T message, Action<T> change)
    {
        change(message);
        return message;
    }
}
