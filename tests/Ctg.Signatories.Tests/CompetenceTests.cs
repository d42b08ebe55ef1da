using System.Text.Json;
using Ctg.Signatories.V1;
using Grpc.Core;

namespace Ctg.Signatories.Tests;

public sealed class CompetenceTests
{
    private const string Id = "ctg-25-competences";

    private static CompetenceScope Field(FieldOfIntervention field) => new() { Field = field };

    private static async Task<IReadOnlyList<CompetenceHolder>> HoldersAsync(SignatoriesHarness harness, CompetenceScope scope, string insee, DateOnly date) =>
        (await harness.Competences.GetCompetenceHoldersAsync(new GetCompetenceHoldersRequest
        {
            ConventionId = Id, Scope = scope, CommuneInseeCode = insee, AsOf = D.Of(date.Year, date.Month, date.Day),
        })).Holders;

    [Fact]
    public async Task A_granted_field_is_held_over_the_communes_named_from_its_date()
    {
        await using var harness = await SignatoriesHarness.StartSqliteAsync();
        await Scenario.SignedAsync(harness, Id);

        var grant = await harness.Competences.GrantCompetenceAsync(new GrantCompetenceRequest
        {
            ConventionId = Id, CompetenceId = "grant-jeunesse", Scope = Field(FieldOfIntervention.Jeunesse), SignatoryId = Id + "-epci",
            CommuneInseeCodes = { Scenario.Seloncourt, Scenario.Arbouans }, EffectiveOn = D.Of(2025, 3, 1),
        });

        Assert.Equal("grant-jeunesse", grant.CompetenceId);
        Assert.Empty(await HoldersAsync(harness, Field(FieldOfIntervention.Jeunesse), Scenario.Seloncourt, new DateOnly(2025, 2, 28)));
        var holder = Assert.Single(await HoldersAsync(harness, Field(FieldOfIntervention.Jeunesse), Scenario.Seloncourt, new DateOnly(2025, 3, 1)));
        Assert.Equal((Id + "-epci", SignatoryKind.Epci, TransferExtent.Whole), (holder.SignatoryId, holder.Kind, holder.Extent));
        Assert.Empty(await HoldersAsync(harness, Field(FieldOfIntervention.Jeunesse), Scenario.Montbeliard, new DateOnly(2025, 3, 1)));

        var evt = Assert.Single(await harness.OutboxAsync(), e => e.Topic == "signatories.competence-granted.v1");
        using var payload = JsonDocument.Parse(evt.Data);
        Assert.Equal("Jeunesse", payload.RootElement.GetProperty("field").GetString());
        Assert.Equal(JsonValueKind.Null, payload.RootElement.GetProperty("aoCompetence").ValueKind);
        Assert.Equal(2, payload.RootElement.GetProperty("communeInseeCodes").GetArrayLength());
        Assert.Equal("2025-03-01", payload.RootElement.GetProperty("effectiveOn").GetString());
    }

    [Fact]
    public async Task A_commune_transfers_its_field_wholly_to_its_epci_from_a_date()
    {
        await using var harness = await SignatoriesHarness.StartSqliteAsync();
        await Scenario.SignedAsync(harness, Id);
        await harness.Competences.GrantCompetenceAsync(new GrantCompetenceRequest
        {
            ConventionId = Id, Scope = Field(FieldOfIntervention.Enfance), SignatoryId = Id + "-montbeliard", EffectiveOn = D.Of(2025, 1, 1),
        });

        await harness.Competences.TransferCompetenceAsync(new TransferCompetenceRequest
        {
            ConventionId = Id, CompetenceId = "transfer-enfance", Scope = Field(FieldOfIntervention.Enfance), CommuneInseeCode = Scenario.Montbeliard,
            ToSignatoryId = Id + "-epci", Extent = TransferExtent.Whole, EffectiveOn = D.Of(2025, 9, 1),
        });

        var before = Assert.Single(await HoldersAsync(harness, Field(FieldOfIntervention.Enfance), Scenario.Montbeliard, new DateOnly(2025, 8, 31)));
        Assert.Equal((Id + "-montbeliard", SignatoryKind.Commune, Scenario.Montbeliard), (before.SignatoryId, before.Kind, before.CommuneInseeCode));
        var after = Assert.Single(await HoldersAsync(harness, Field(FieldOfIntervention.Enfance), Scenario.Montbeliard, new DateOnly(2025, 9, 1)));
        Assert.Equal((Id + "-epci", "transfer-enfance", D.Of(2025, 9, 1)), (after.SignatoryId, after.CompetenceId, after.Since));

        var evt = Assert.Single(await harness.OutboxAsync(), e => e.Topic == "signatories.competence-transferred.v1");
        using var payload = JsonDocument.Parse(evt.Data);
        Assert.Equal(Scenario.Montbeliard, payload.RootElement.GetProperty("fromCommuneInseeCode").GetString());
        Assert.Equal(Id + "-epci", payload.RootElement.GetProperty("toSignatoryId").GetString());
        Assert.Equal("Whole", payload.RootElement.GetProperty("extent").GetString());
    }

    [Fact]
    public async Task A_partial_transfer_leaves_the_commune_holding_the_rest()
    {
        await using var harness = await SignatoriesHarness.StartSqliteAsync();
        await Scenario.SignedAsync(harness, Id);
        await harness.Competences.GrantCompetenceAsync(new GrantCompetenceRequest
        {
            ConventionId = Id, Scope = Field(FieldOfIntervention.Enfance), SignatoryId = Id + "-montbeliard",
        });

        await harness.Competences.TransferCompetenceAsync(new TransferCompetenceRequest
        {
            ConventionId = Id, Scope = Field(FieldOfIntervention.Enfance), CommuneInseeCode = Scenario.Montbeliard, ToSignatoryId = Id + "-sivu",
            Extent = TransferExtent.Partial, PartialScope = "accueil de loisirs extrascolaire", EffectiveOn = D.Of(2026, 1, 1),
        });

        var holders = await HoldersAsync(harness, Field(FieldOfIntervention.Enfance), Scenario.Montbeliard, new DateOnly(2026, 1, 1));
        Assert.Equal(2, holders.Count);
        Assert.Equal((Id + "-montbeliard", TransferExtent.Partial), (holders[0].SignatoryId, holders[0].Extent));
        Assert.Equal((Id + "-sivu", TransferExtent.Partial, "accueil de loisirs extrascolaire"), (holders[1].SignatoryId, holders[1].Extent, holders[1].PartialScope));
    }

    [Fact]
    public async Task A_commune_cannot_transfer_a_competence_it_does_not_hold()
    {
        await using var harness = await SignatoriesHarness.StartSqliteAsync();
        await Scenario.SignedAsync(harness, Id);
        await harness.Competences.GrantCompetenceAsync(new GrantCompetenceRequest
        {
            ConventionId = Id, Scope = Field(FieldOfIntervention.Enfance), SignatoryId = Id + "-epci", CommuneInseeCodes = { Scenario.Montbeliard },
        });

        var fields = await Expect.StatusAsync(StatusCode.FailedPrecondition, () => harness.Competences.TransferCompetenceAsync(new TransferCompetenceRequest
        {
            ConventionId = Id, Scope = Field(FieldOfIntervention.Enfance), CommuneInseeCode = Scenario.Montbeliard, ToSignatoryId = Id + "-epci",
            Extent = TransferExtent.Whole, EffectiveOn = D.Of(2025, 9, 1),
        }).ResponseAsync);

        Assert.Equal(new[] { "scope" }, fields);
        Assert.DoesNotContain(await harness.OutboxAsync(), e => e.Topic == "signatories.competence-transferred.v1");
    }

    [Fact]
    public async Task A_commune_that_transferred_wholly_cannot_transfer_again()
    {
        await using var harness = await SignatoriesHarness.StartSqliteAsync();
        await Scenario.SignedAsync(harness, Id);
        var transfer = new TransferCompetenceRequest
        {
            ConventionId = Id, Scope = new CompetenceScope { AoCompetence = AoCompetence.Planifier }, CommuneInseeCode = Scenario.Seloncourt,
            ToSignatoryId = Id + "-epci", Extent = TransferExtent.Whole, EffectiveOn = D.Of(2025, 9, 1),
        };
        await harness.Competences.TransferCompetenceAsync(transfer);

        transfer.EffectiveOn = D.Of(2026, 1, 1);
        transfer.ToSignatoryId = Id + "-sivu";
        Assert.Equal(new[] { "scope" }, await Expect.StatusAsync(StatusCode.FailedPrecondition,
            () => harness.Competences.TransferCompetenceAsync(transfer).ResponseAsync));
    }

    [Fact]
    public async Task Transfers_go_to_an_epci_or_a_syndicate_and_input_is_checked()
    {
        await using var harness = await SignatoriesHarness.StartSqliteAsync();
        await Scenario.SignedAsync(harness, Id);

        Assert.Equal(new[] { "to_signatory_id" }, await Expect.StatusAsync(StatusCode.FailedPrecondition,
            () => harness.Competences.TransferCompetenceAsync(new TransferCompetenceRequest
            {
                ConventionId = Id, Scope = new CompetenceScope { AoCompetence = AoCompetence.RecenserBesoins }, CommuneInseeCode = Scenario.Arbouans,
                ToSignatoryId = Id + "-caf", Extent = TransferExtent.Whole, EffectiveOn = D.Of(2025, 9, 1),
            }).ResponseAsync));

        Assert.Equal(new[] { "scope.field", "effective_on", "commune_insee_code", "extent" }, await Expect.StatusAsync(StatusCode.InvalidArgument,
            () => harness.Competences.TransferCompetenceAsync(new TransferCompetenceRequest
            {
                ConventionId = Id, Scope = new CompetenceScope(), CommuneInseeCode = "123", ToSignatoryId = Id + "-epci",
            }).ResponseAsync));

        Assert.Equal(new[] { "partial_scope" }, await Expect.StatusAsync(StatusCode.InvalidArgument,
            () => harness.Competences.TransferCompetenceAsync(new TransferCompetenceRequest
            {
                ConventionId = Id, Scope = new CompetenceScope { AoCompetence = AoCompetence.RecenserBesoins }, CommuneInseeCode = Scenario.Arbouans,
                ToSignatoryId = Id + "-epci", Extent = TransferExtent.Partial, EffectiveOn = D.Of(2025, 9, 1),
            }).ResponseAsync));

        Assert.Equal(new[] { "scope.field" }, await Expect.StatusAsync(StatusCode.FailedPrecondition,
            () => harness.Competences.GrantCompetenceAsync(new GrantCompetenceRequest
            {
                ConventionId = Id, Scope = Field(FieldOfIntervention.Logement), SignatoryId = Id + "-epci", CommuneInseeCodes = { Scenario.Arbouans },
            }).ResponseAsync));

        Assert.Equal(new[] { "commune_insee_codes[0]" }, await Expect.StatusAsync(StatusCode.FailedPrecondition,
            () => harness.Competences.GrantCompetenceAsync(new GrantCompetenceRequest
            {
                ConventionId = Id, Scope = Field(FieldOfIntervention.Jeunesse), SignatoryId = Id + "-epci", CommuneInseeCodes = { "25031" },
            }).ResponseAsync));
    }
}
