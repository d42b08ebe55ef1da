using System.Text.Json;
using Ctg.Signatories.V1;
using Grpc.Core;

namespace Ctg.Signatories.Tests;

public sealed class AmendmentAndTerminationTests
{
    private const string Id = "ctg-25-amend";

    private static Amendment AddAudincourt(int number = 1) => new()
    {
        Number = number,
        Dated = D.Of(2025, 6, 12),
        EffectiveOn = D.Of(2025, 7, 1),
        Description = "Avenant n°1 : la commune d'Audincourt rejoint la convention ; champ logement ajouté.",
        CommunesAdded = { Scenario.Commune("25031", "Audincourt", 14071) },
        FieldsAdded = { FieldOfIntervention.Logement },
    };

    [Fact]
    public async Task An_avenant_applies_from_its_effective_date_and_history_stays_answerable()
    {
        await using var harness = await SignatoriesHarness.StartSqliteAsync();
        await Scenario.SignedAsync(harness, Id);

        var amended = await harness.Conventions.AmendConventionAsync(new AmendConventionRequest { ConventionId = Id, Amendment = AddAudincourt() });
        Assert.Equal(4, amended.Territory.Communes.Count);

        var second = new Amendment
        {
            Number = 2, Dated = D.Of(2026, 3, 2), EffectiveOn = D.Of(2026, 4, 1), Description = "Avenant n°2 : Arbouans quitte la convention ; population de Seloncourt mise à jour ; fin au 31/12/2028.",
            CommunesRemoved = { Scenario.Arbouans }, CommunesUpdated = { Scenario.Commune(Scenario.Seloncourt, "Seloncourt", 5900) }, NewEnd = D.Of(2028, 12, 31),
            NewName = "CTG de test renommée",
        };
        await harness.Conventions.AmendConventionAsync(new AmendConventionRequest { ConventionId = Id, Amendment = second });

        var beforeSigning = await harness.Conventions.GetConventionAsync(new GetConventionRequest { ConventionId = Id, AsOf = D.Of(2025, 6, 11) });
        Assert.Empty(beforeSigning.Amendments);
        var june2025 = await harness.Conventions.GetConventionAsync(new GetConventionRequest { ConventionId = Id, AsOf = D.Of(2025, 6, 30) });
        Assert.Equal(1, Assert.Single(june2025.Amendments).Number);
        Assert.Equal(new[] { "25388", "25539", "25020" }, june2025.Territory.Communes.Select(c => c.InseeCode));
        Assert.DoesNotContain(FieldOfIntervention.Logement, june2025.Fields);
        Assert.Equal(D.Of(2029, 12, 31), june2025.Period.End);

        var july2025 = await harness.Conventions.GetConventionAsync(new GetConventionRequest { ConventionId = Id, AsOf = D.Of(2025, 7, 1) });
        Assert.Equal(new[] { "25388", "25539", "25020", "25031" }, july2025.Territory.Communes.Select(c => c.InseeCode));
        Assert.Contains(FieldOfIntervention.Logement, july2025.Fields);

        var april2026 = await harness.Conventions.GetConventionAsync(new GetConventionRequest { ConventionId = Id, AsOf = D.Of(2026, 4, 1) });
        Assert.Equal(new[] { "25388", "25539", "25031" }, april2026.Territory.Communes.Select(c => c.InseeCode));
        Assert.Equal(5900, april2026.Territory.Communes[1].LegalPopulation);
        Assert.Equal(D.Of(2028, 12, 31), april2026.Period.End);
        Assert.Equal("CTG de test renommée", april2026.Name);
        Assert.Equal(2, april2026.Amendments.Count);

        Assert.Equal(ConventionStatus.Expired, (await harness.Conventions.GetConventionAsync(new GetConventionRequest { ConventionId = Id, AsOf = D.Of(2029, 6, 1) })).Status);

        var events = (await harness.OutboxAsync()).Where(e => e.Topic == "signatories.convention-amended.v1").ToList();
        Assert.Equal(2, events.Count);
        using var first = JsonDocument.Parse(events[0].Data);
        Assert.Equal(1, first.RootElement.GetProperty("amendmentNumber").GetInt32());
        Assert.Equal("2025-07-01", first.RootElement.GetProperty("effectiveOn").GetString());
        Assert.Equal("25031", first.RootElement.GetProperty("communesAdded")[0].GetProperty("inseeCode").GetString());
        Assert.Equal("Logement", first.RootElement.GetProperty("fieldsAdded")[0].GetString());
        using var secondEvent = JsonDocument.Parse(events[1].Data);
        Assert.Equal("2028-12-31", secondEvent.RootElement.GetProperty("newEnd").GetString());
        Assert.Equal("25020", secondEvent.RootElement.GetProperty("communesRemoved")[0].GetString());
    }

    [Fact]
    public async Task Avenants_are_numbered_consecutively_and_checked_against_the_terms_they_change()
    {
        await using var harness = await SignatoriesHarness.StartSqliteAsync();
        await Scenario.SignedAsync(harness, Id);

        Assert.Equal(new[] { "amendment.number" }, await Expect.StatusAsync(StatusCode.FailedPrecondition,
            () => harness.Conventions.AmendConventionAsync(new AmendConventionRequest { ConventionId = Id, Amendment = AddAudincourt(number: 2) }).ResponseAsync));

        var tooLong = AddAudincourt();
        tooLong.NewEnd = D.Of(2030, 12, 31);
        Assert.Equal(new[] { "amendment.new_end" }, await Expect.StatusAsync(StatusCode.InvalidArgument,
            () => harness.Conventions.AmendConventionAsync(new AmendConventionRequest { ConventionId = Id, Amendment = tooLong }).ResponseAsync));

        var badCode = AddAudincourt();
        badCode.CommunesAdded[0].InseeCode = "2503";
        badCode.Description = "";
        Assert.Equal(new[] { "amendment.description", "amendment.communes_added[0].insee_code" }, await Expect.StatusAsync(StatusCode.InvalidArgument,
            () => harness.Conventions.AmendConventionAsync(new AmendConventionRequest { ConventionId = Id, Amendment = badCode }).ResponseAsync));

        var existing = AddAudincourt();
        existing.CommunesAdded[0] = Scenario.Commune(Scenario.Arbouans, "Arbouans", 876);
        existing.FieldsAdded[0] = FieldOfIntervention.Jeunesse;
        Assert.Equal(new[] { "amendment.communes_added[0].insee_code", "amendment.fields_added[0]" }, await Expect.StatusAsync(StatusCode.FailedPrecondition,
            () => harness.Conventions.AmendConventionAsync(new AmendConventionRequest { ConventionId = Id, Amendment = existing }).ResponseAsync));

        var convention = await harness.Conventions.GetConventionAsync(new GetConventionRequest { ConventionId = Id });
        Assert.Empty(convention.Amendments);
        Assert.Equal(9, convention.Version);
    }

    [Fact]
    public async Task A_draft_is_not_amended()
    {
        await using var harness = await SignatoriesHarness.StartSqliteAsync();
        await Scenario.DraftWithPartiesAsync(harness, Id);

        Assert.Equal(new[] { "convention_id" }, await Expect.StatusAsync(StatusCode.FailedPrecondition,
            () => harness.Conventions.AmendConventionAsync(new AmendConventionRequest { ConventionId = Id, Amendment = AddAudincourt() }).ResponseAsync));
    }

    [Theory]
    [InlineData(TerminationKind.MutualConsent, 2026, 9, 15)]
    [InlineData(TerminationKind.AfterFormalNotice, 2026, 4, 15)]
    [InlineData(TerminationKind.ByRight, 2026, 3, 15)]
    public async Task The_termination_takes_effect_on_the_date_its_kind_gives(TerminationKind kind, int year, int month, int day)
    {
        await using var harness = await SignatoriesHarness.StartSqliteAsync();
        await Scenario.SignedAsync(harness, Id);

        var terminated = await harness.Conventions.TerminateConventionAsync(new TerminateConventionRequest
        {
            ConventionId = Id, Kind = kind, NotifiedOn = D.Of(2026, 3, 15), Reason = "Fusion des EPCI", RequestedBySignatoryId = Id + "-epci",
        });

        Assert.Equal(D.Of(year, month, day), terminated.Termination.EffectiveOn);
        var effective = new DateOnly(year, month, day);
        var dayBefore = effective.AddDays(-1);
        var noticeRunning = await harness.Conventions.GetConventionAsync(new GetConventionRequest
        {
            ConventionId = Id, AsOf = D.Of(dayBefore.Year, dayBefore.Month, dayBefore.Day),
        });
        Assert.Equal(ConventionStatus.Active, noticeRunning.Status);
        Assert.Equal(kind == TerminationKind.ByRight ? null : D.Of(year, month, day), noticeRunning.Termination?.EffectiveOn);
        Assert.Null((await harness.Conventions.GetConventionAsync(new GetConventionRequest { ConventionId = Id, AsOf = D.Of(2026, 3, 14) })).Termination);
        Assert.Equal(ConventionStatus.Terminated, (await harness.Conventions.GetConventionAsync(new GetConventionRequest
        {
            ConventionId = Id, AsOf = D.Of(year, month, day),
        })).Status);

        var evt = Assert.Single(await harness.OutboxAsync(), e => e.Topic == "signatories.convention-terminated.v1");
        using var payload = JsonDocument.Parse(evt.Data);
        Assert.Equal(kind.ToString(), payload.RootElement.GetProperty("kind").GetString());
        Assert.Equal("2026-03-15", payload.RootElement.GetProperty("notifiedOn").GetString());
        Assert.Equal(effective.ToString("yyyy-MM-dd"), payload.RootElement.GetProperty("effectiveOn").GetString());
    }

    [Fact]
    public async Task A_terminated_convention_cannot_be_amended_nor_terminated_again()
    {
        await using var harness = await SignatoriesHarness.StartSqliteAsync();
        await Scenario.SignedAsync(harness, Id);
        await harness.Conventions.TerminateConventionAsync(new TerminateConventionRequest
        {
            ConventionId = Id, Kind = TerminationKind.ByRight, NotifiedOn = D.Of(2025, 5, 2), Reason = "Modification sans avenant",
        });

        Assert.Equal(new[] { "convention_id" }, await Expect.StatusAsync(StatusCode.FailedPrecondition,
            () => harness.Conventions.AmendConventionAsync(new AmendConventionRequest { ConventionId = Id, Amendment = AddAudincourt() }).ResponseAsync));
        Assert.Equal(new[] { "convention_id" }, await Expect.StatusAsync(StatusCode.FailedPrecondition,
            () => harness.Conventions.TerminateConventionAsync(new TerminateConventionRequest
            {
                ConventionId = Id, Kind = TerminationKind.MutualConsent, NotifiedOn = D.Of(2025, 6, 1), Reason = "again",
            }).ResponseAsync));
        Assert.DoesNotContain(await harness.OutboxAsync(), e => e.Topic == "signatories.convention-amended.v1");
    }

    [Fact]
    public async Task Termination_input_and_preconditions_are_checked()
    {
        await using var harness = await SignatoriesHarness.StartSqliteAsync();
        await Scenario.DraftWithPartiesAsync(harness, Id);

        Assert.Equal(new[] { "kind", "notified_on", "reason" }, await Expect.StatusAsync(StatusCode.InvalidArgument,
            () => harness.Conventions.TerminateConventionAsync(new TerminateConventionRequest { ConventionId = Id }).ResponseAsync));
        Assert.Equal(new[] { "convention_id" }, await Expect.StatusAsync(StatusCode.FailedPrecondition,
            () => harness.Conventions.TerminateConventionAsync(new TerminateConventionRequest
            {
                ConventionId = Id, Kind = TerminationKind.ByRight, NotifiedOn = D.Of(2025, 5, 2), Reason = "draft",
            }).ResponseAsync));
    }

    [Fact]
    public async Task A_mutual_consent_that_would_end_after_the_convention_is_refused()
    {
        await using var harness = await SignatoriesHarness.StartSqliteAsync();
        await Scenario.SignedAsync(harness, Id);

        Assert.Equal(new[] { "notified_on" }, await Expect.StatusAsync(StatusCode.FailedPrecondition,
            () => harness.Conventions.TerminateConventionAsync(new TerminateConventionRequest
            {
                ConventionId = Id, Kind = TerminationKind.MutualConsent, NotifiedOn = D.Of(2029, 9, 1), Reason = "trop tard",
            }).ResponseAsync));
    }
}
