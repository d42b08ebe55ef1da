using System.Text.Json;
using Ctg.Signatories.V1;
using Grpc.Core;

namespace Ctg.Signatories.Tests;

public sealed class SignatoryAndSigningTests
{
    private const string Id = "ctg-25-sign";

    [Fact]
    public async Task Votes_exceeding_members_present_plus_represented_make_the_deliberation_invalid_and_nothing_is_written()
    {
        await using var harness = await SignatoriesHarness.StartSqliteAsync();
        await harness.Conventions.CreateConventionDraftAsync(Scenario.Draft(Id));
        var epci = Scenario.Epci(Id);
        epci.Deliberation = Scenario.Deliberation(D.Of(2024, 12, 5), inOffice: 44, present: 31, represented: 4, votesFor: 39);

        var fields = await Expect.StatusAsync(StatusCode.InvalidArgument,
            () => harness.Conventions.AddSignatoryAsync(new AddSignatoryRequest { ConventionId = Id, Signatory = epci }).ResponseAsync);

        Assert.Equal(new[] { "signatory.deliberation.votes_for" }, fields);
        var convention = await harness.Conventions.GetConventionAsync(new GetConventionRequest { ConventionId = Id });
        Assert.Equal(1, convention.Version);
        Assert.Empty(convention.Signatories);
        Assert.Equal(0, await harness.CountAsync("signatories"));
    }

    [Fact]
    public async Task Jura_Nord_counts_with_suppleants_present_are_valid_and_kept()
    {
        await using var harness = await SignatoriesHarness.StartSqliteAsync();
        await harness.Conventions.CreateConventionDraftAsync(Scenario.Draft(Id));
        var epci = Scenario.Epci(Id);
        epci.Deliberation = Scenario.Deliberation(D.Of(2024, 12, 5), inOffice: 44, present: 35, represented: 4, votesFor: 39);

        var convention = await harness.Conventions.AddSignatoryAsync(new AddSignatoryRequest { ConventionId = Id, Signatory = epci });

        var stored = Assert.Single(convention.Signatories).Deliberation;
        Assert.Equal((44, 35, 4, 39, 0, 0), (stored.MembersInOffice, stored.MembersPresent, stored.MembersRepresented, stored.VotesFor, stored.VotesAgainst, stored.VotesAbstaining));
        Assert.Equal(2, convention.Version);
    }

    [Fact]
    public async Task Present_plus_represented_cannot_exceed_members_in_office()
    {
        await using var harness = await SignatoriesHarness.StartSqliteAsync();
        await harness.Conventions.CreateConventionDraftAsync(Scenario.Draft(Id));
        await harness.Conventions.AddSignatoryAsync(new AddSignatoryRequest { ConventionId = Id, Signatory = Scenario.Epci(Id) });

        var fields = await Expect.StatusAsync(StatusCode.InvalidArgument, () => harness.Conventions.RecordDeliberationAsync(new RecordDeliberationRequest
        {
            ConventionId = Id,
            SignatoryId = Id + "-epci",
            Deliberation = Scenario.Deliberation(D.Of(2024, 12, 5), inOffice: 20, present: 19, represented: 2, votesFor: 21),
        }).ResponseAsync);

        Assert.Equal(new[] { "deliberation.members_present" }, fields);
    }

    [Fact]
    public async Task The_caf_needs_its_president_and_its_directeur()
    {
        await using var harness = await SignatoriesHarness.StartSqliteAsync();
        await harness.Conventions.CreateConventionDraftAsync(Scenario.Draft(Id));
        var caf = Scenario.Caf(Id);
        caf.Representatives.RemoveAt(1);

        var fields = await Expect.StatusAsync(StatusCode.InvalidArgument,
            () => harness.Conventions.AddSignatoryAsync(new AddSignatoryRequest { ConventionId = Id, Signatory = caf }).ResponseAsync);

        Assert.Equal(new[] { "signatory.representatives" }, fields);
    }

    [Fact]
    public async Task Duplicate_signatories_are_refused()
    {
        await using var harness = await SignatoriesHarness.StartSqliteAsync();
        await Scenario.DraftWithPartiesAsync(harness, Id);

        var sameName = Scenario.Epci(Id);
        sameName.SignatoryId = "other-id";
        sameName.Name = "  Pays de  Montbéliard Agglomération ";
        Assert.Equal(new[] { "signatory.name" }, await Expect.StatusAsync(StatusCode.FailedPrecondition,
            () => harness.Conventions.AddSignatoryAsync(new AddSignatoryRequest { ConventionId = Id, Signatory = sameName }).ResponseAsync));

        var secondCaf = Scenario.Caf(Id);
        secondCaf.SignatoryId = "caf-bis";
        secondCaf.Name = "CAF bis";
        Assert.Equal(new[] { "signatory.kind" }, await Expect.StatusAsync(StatusCode.FailedPrecondition,
            () => harness.Conventions.AddSignatoryAsync(new AddSignatoryRequest { ConventionId = Id, Signatory = secondCaf }).ResponseAsync));

        var sameCommune = Scenario.MontbeliardCommune(Id);
        sameCommune.SignatoryId = "montbeliard-bis";
        sameCommune.Name = "Ville de Montbéliard";
        Assert.Equal(new[] { "signatory.commune_insee_code" }, await Expect.StatusAsync(StatusCode.FailedPrecondition,
            () => harness.Conventions.AddSignatoryAsync(new AddSignatoryRequest { ConventionId = Id, Signatory = sameCommune }).ResponseAsync));

        Assert.Equal(new[] { "signatory.signatory_id" }, await Expect.StatusAsync(StatusCode.AlreadyExists,
            () => harness.Conventions.AddSignatoryAsync(new AddSignatoryRequest { ConventionId = Id, Signatory = Scenario.Epci(Id) }).ResponseAsync));

        var convention = await harness.Conventions.GetConventionAsync(new GetConventionRequest { ConventionId = Id });
        Assert.Equal(4, convention.Signatories.Count);
    }

    [Fact]
    public async Task A_signatory_id_is_unique_across_conventions()
    {
        await using var harness = await SignatoriesHarness.StartSqliteAsync();
        await harness.Conventions.CreateConventionDraftAsync(Scenario.Draft("ctg-a"));
        await harness.Conventions.CreateConventionDraftAsync(Scenario.Draft("ctg-b"));
        await harness.Conventions.AddSignatoryAsync(new AddSignatoryRequest { ConventionId = "ctg-a", Signatory = Scenario.Epci("shared") });

        var fields = await Expect.StatusAsync(StatusCode.AlreadyExists,
            () => harness.Conventions.AddSignatoryAsync(new AddSignatoryRequest { ConventionId = "ctg-b", Signatory = Scenario.Epci("shared") }).ResponseAsync);

        Assert.Equal(new[] { "signatory.signatory_id" }, fields);
        Assert.Empty((await harness.Conventions.GetConventionAsync(new GetConventionRequest { ConventionId = "ctg-b" })).Signatories);
    }

    [Fact]
    public async Task A_commune_signatory_must_be_in_the_territory()
    {
        await using var harness = await SignatoriesHarness.StartSqliteAsync();
        await harness.Conventions.CreateConventionDraftAsync(Scenario.Draft(Id));
        var commune = Scenario.MontbeliardCommune(Id);
        commune.CommuneInseeCode = "25031";

        var fields = await Expect.StatusAsync(StatusCode.FailedPrecondition,
            () => harness.Conventions.AddSignatoryAsync(new AddSignatoryRequest { ConventionId = Id, Signatory = commune }).ResponseAsync);

        Assert.Equal(new[] { "signatory.commune_insee_code" }, fields);
    }

    [Fact]
    public async Task A_signatory_cannot_sign_before_its_deliberation_nor_without_one()
    {
        await using var harness = await SignatoriesHarness.StartSqliteAsync();
        await Scenario.DraftWithPartiesAsync(harness, Id);

        var early = await Expect.StatusAsync(StatusCode.FailedPrecondition, () => harness.Conventions.SignConventionAsync(new SignConventionRequest
        {
            ConventionId = Id, SignatoryId = Id + "-epci", SignedOn = D.Of(2024, 12, 4),
        }).ResponseAsync);
        Assert.Equal(new[] { "signed_on" }, early);

        var withoutDeliberation = Scenario.Epci("x");
        withoutDeliberation.SignatoryId = Id + "-msa";
        withoutDeliberation.Name = "MSA de Franche-Comté";
        withoutDeliberation.Kind = SignatoryKind.Msa;
        withoutDeliberation.Deliberation = null;
        await harness.Conventions.AddSignatoryAsync(new AddSignatoryRequest { ConventionId = Id, Signatory = withoutDeliberation });
        var missing = await Expect.StatusAsync(StatusCode.FailedPrecondition, () => harness.Conventions.SignConventionAsync(new SignConventionRequest
        {
            ConventionId = Id, SignatoryId = Id + "-msa", SignedOn = D.Of(2024, 12, 20),
        }).ResponseAsync);
        Assert.Equal(new[] { "signatory_id" }, missing);

        var sameDay = await harness.Conventions.SignConventionAsync(new SignConventionRequest
        {
            ConventionId = Id, SignatoryId = Id + "-epci", SignedOn = D.Of(2024, 12, 5),
        });
        Assert.Equal(D.Of(2024, 12, 5), sameDay.Signatories.Single(s => s.SignatoryId == Id + "-epci").SignedOn);
        Assert.Equal(ConventionStatus.Draft, sameDay.Status);

        await Expect.StatusAsync(StatusCode.NotFound, () => harness.Conventions.SignConventionAsync(new SignConventionRequest
        {
            ConventionId = Id, SignatoryId = "nobody", SignedOn = D.Of(2024, 12, 20),
        }).ResponseAsync);
        Assert.Equal(new[] { "signatory_id" }, await Expect.StatusAsync(StatusCode.FailedPrecondition, () => harness.Conventions.SignConventionAsync(
            new SignConventionRequest { ConventionId = Id, SignatoryId = Id + "-epci", SignedOn = D.Of(2024, 12, 6) }).ResponseAsync));
    }

    [Fact]
    public async Task The_convention_is_signed_when_all_have_signed_then_active_in_its_period_then_expired()
    {
        await using var harness = await SignatoriesHarness.StartSqliteAsync();
        var draft = await Scenario.DraftWithPartiesAsync(harness, Id);
        var dates = new[] { D.Of(2024, 12, 10), D.Of(2024, 12, 12), D.Of(2024, 12, 15), D.Of(2024, 12, 18) };
        for (var i = 0; i < draft.Signatories.Count; i++)
        {
            await harness.Conventions.SignConventionAsync(new SignConventionRequest
            {
                ConventionId = Id, SignatoryId = draft.Signatories[i].SignatoryId, SignedOn = dates[i],
            });
        }

        async Task<ConventionStatus> StatusOn(int year, int month, int day) =>
            (await harness.Conventions.GetConventionAsync(new GetConventionRequest { ConventionId = Id, AsOf = D.Of(year, month, day) })).Status;

        Assert.Equal(ConventionStatus.Draft, await StatusOn(2024, 12, 17));
        Assert.Equal(ConventionStatus.Signed, await StatusOn(2024, 12, 18));
        Assert.Equal(ConventionStatus.Active, await StatusOn(2025, 1, 1));
        Assert.Equal(ConventionStatus.Active, await StatusOn(2029, 12, 31));
        Assert.Equal(ConventionStatus.Expired, await StatusOn(2030, 1, 1));

        var asOfSigning = await harness.Conventions.GetConventionAsync(new GetConventionRequest { ConventionId = Id, AsOf = D.Of(2024, 12, 18) });
        Assert.Equal(D.Of(2024, 12, 18), asOfSigning.SignedOn);
        var before = await harness.Conventions.GetConventionAsync(new GetConventionRequest { ConventionId = Id, AsOf = D.Of(2024, 12, 11) });
        Assert.Null(before.SignedOn);
        Assert.Equal(1, before.Signatories.Count(s => s.SignedOn is not null));

        var view = await harness.Directory.GetSignatoryAsync(new GetSignatoryRequest { SignatoryId = Id + "-sivu", AsOf = D.Of(2026, 6, 1) });
        Assert.Equal((Id + "-sivu", Id, "SIVU des Trois Fontaines", SignatoryKind.Sivu, ConventionStatus.Active),
            (view.SignatoryId, view.ConventionId, view.Name, view.Kind, view.ConventionStatus));
        var expired = await harness.Directory.GetSignatoryAsync(new GetSignatoryRequest { SignatoryId = Id + "-caf", AsOf = D.Of(2031, 1, 1) });
        Assert.Equal(ConventionStatus.Expired, expired.ConventionStatus);

        var signed = Assert.Single(await harness.OutboxAsync(), e => e.Topic == "signatories.convention-signed.v1");
        using var payload = JsonDocument.Parse(signed.Data);
        var root = payload.RootElement;
        Assert.Equal(Id, root.GetProperty("conventionId").GetString());
        Assert.Equal("2024-12-18", root.GetProperty("signedOn").GetString());
        Assert.Equal("2025-01-01", root.GetProperty("periodStart").GetString());
        Assert.Equal("2029-12-31", root.GetProperty("periodEnd").GetString());
        Assert.Equal(4, root.GetProperty("signatories").GetArrayLength());
        Assert.Equal(3, root.GetProperty("communes").GetArrayLength());
        Assert.Equal(24672, root.GetProperty("communes")[0].GetProperty("legalPopulation").GetInt64());
        Assert.Equal(9, root.GetProperty("version").GetInt64());
    }

    [Fact]
    public async Task No_signatory_can_be_added_once_everybody_has_signed()
    {
        await using var harness = await SignatoriesHarness.StartSqliteAsync();
        await Scenario.SignedAsync(harness, Id);
        var late = Scenario.Epci("late");
        late.Name = "Autre EPCI";

        var fields = await Expect.StatusAsync(StatusCode.FailedPrecondition,
            () => harness.Conventions.AddSignatoryAsync(new AddSignatoryRequest { ConventionId = Id, Signatory = late }).ResponseAsync);

        Assert.Equal(new[] { "convention_id" }, fields);
    }
}
