using Ctg.Domain;
using Ctg.Signatories.Annexes;
using Ctg.Signatories.Conventions;
using Ctg.Signatories.Shared;
using Ctg.Signatories.V1;

namespace Ctg.Signatories.Tests;

/// <summary>Host-free: the convention's rules read the domain records (CommuneEntry, PeriodEntry, SignatoryEntry,
/// DeliberationEntry, AmendmentEntry, the terms' entries) built here without any request, and still name the request's
/// field paths; an impossible date is one violation among the others.</summary>
public sealed class ConventionEntryRulesTests
{
    private const string Id = "ctg-25-regles-entrees";

    /// <summary>The 2025-2029 draft with the CAF du Doubs and the EPCI, loaded as the store would at version 3.</summary>
    private static ConventionAggregate DraftWithParties()
    {
        var aggregate = ConventionAggregate.CreateDraft(Scenario.Draft(Id).ToCommand());
        aggregate.AddSignatory(new AddSignatoryRequest { Signatory = Scenario.Caf(Id) }.ToCommand());
        aggregate.AddSignatory(new AddSignatoryRequest { Signatory = Scenario.Epci(Id) }.ToCommand());
        return ConventionAggregate.Load(aggregate.Record, 3);
    }

    private static ConventionAggregate Signed()
    {
        var aggregate = DraftWithParties();
        aggregate.Sign(new SignCommand(Id + "-caf", D.Of(2024, 12, 20)));
        aggregate.Sign(new SignCommand(Id + "-epci", D.Of(2024, 12, 20)));
        return ConventionAggregate.Load(aggregate.Record, 5);
    }

    [Fact]
    public void A_draft_record_names_each_wrong_commune_its_impossible_end_and_a_field_given_twice()
    {
        var communes = new TerritoryEntry([
            new CommuneEntry(Scenario.Montbeliard, "Montbéliard", 24672, 2023),
            new CommuneEntry("2553", " ", -1, 1800),
            new CommuneEntry(Scenario.Montbeliard, "Montbéliard", null, 0),
        ]);

        var refused = Assert.Throws<RuleViolationError>(() => ConventionAggregate.CreateDraft(new CreateDraftCommand(
            Id, "25", "CTG", communes, new PeriodEntry(D.Of(2025, 1, 1), D.Of(2029, 2, 30)), [FieldOfIntervention.PetiteEnfance, FieldOfIntervention.PetiteEnfance])));

        Assert.Equal(
            new[]
            {
                "territory.communes[1].insee_code", "territory.communes[1].name", "territory.communes[1].legal_population",
                "territory.communes[1].population_year", "territory.communes[2].insee_code", "period.end", "fields[1]",
            },
            refused.Violations.Select(v => v.Field));
        Assert.Equal(("commune 25388 is listed twice", "2029-02-30 is not a calendar date"), (refused.Violations[4].Description, refused.Violations[5].Description));
    }

    [Fact]
    public void A_draft_record_without_territory_or_period_names_what_is_missing()
    {
        var refused = Assert.Throws<RuleViolationError>(() => ConventionAggregate.CreateDraft(new CreateDraftCommand(
            Id, "25", "CTG", null, null, [FieldOfIntervention.Enfance])));

        Assert.Equal(new[] { "territory.communes", "period.start", "period.end" }, refused.Violations.Select(v => v.Field));
    }

    [Fact]
    public void A_signatory_record_is_checked_field_by_field_and_a_commune_outside_the_territory_does_not_fit()
    {
        var aggregate = DraftWithParties();
        var caf = new SignatoryEntry(
            "", "CAF bis", SignatoryKind.Caf, Scenario.Montbeliard,
            [new RepresentativeEntry("Gilles ABRAM", "président du conseil d'administration"), new RepresentativeEntry("", " ")],
            new DeliberationEntry("conseil d'administration", D.Of(2024, 11, 29), "", 30, 25, 10, 0, 0, 0), null, "", []);

        var refused = Assert.Throws<RuleViolationError>(() => aggregate.AddSignatory(new AddSignatoryCommand(caf)));

        Assert.Equal(
            new[] { "signatory.commune_insee_code", "signatory.representatives[1].role", "signatory.representatives", "signatory.deliberation.members_present" },
            refused.Violations.Select(v => v.Field));
        Assert.Equal(
            "the CAF is represented by the président of its conseil d'administration and its directeur: the directeur is missing",
            refused.Violations[2].Description);
        var outside = Assert.Throws<PreconditionFailedError>(() => aggregate.AddSignatory(new AddSignatoryCommand(
            new SignatoryEntry("", "Commune d'Audincourt", SignatoryKind.Commune, "25031", [], null, null, "", []))));
        Assert.Equal(
            ("signatory.commune_insee_code", "commune 25031 is not in the territory of the convention"),
            (outside.Violations[0].Field, outside.Violations[0].Description));
        Assert.Equal(2, aggregate.Record.Signatories.Count);
    }

    [Fact]
    public void A_deliberation_record_with_an_impossible_date_a_negative_count_or_more_votes_than_members_attending_is_refused()
    {
        var aggregate = DraftWithParties();

        var refused = Assert.Throws<RuleViolationError>(() => aggregate.RecordDeliberation(new RecordDeliberationCommand(
            Id + "-epci", new DeliberationEntry(" ", D.Of(2024, 2, 30), "", 30, 20, 2, 21, 3, -1))));

        Assert.Equal(
            new[] { "deliberation.body", "deliberation.date", "deliberation.votes_abstaining", "deliberation.votes_for" },
            refused.Violations.Select(v => v.Field));
        Assert.Equal(
            "votes for, against and abstaining (23) exceed the members present plus represented (22): the deliberation is invalid",
            refused.Violations[3].Description);
        Assert.Equal(D.Of(2024, 12, 5), aggregate.Record.Signatories[1].Deliberation.Date);
    }

    [Fact]
    public void An_amendment_record_is_checked_field_by_field_before_the_convention_it_amends()
    {
        var aggregate = Signed();

        var refused = Assert.Throws<RuleViolationError>(() => aggregate.Amend(new AmendCommand(new AmendmentEntry(
            0, D.Of(2025, 2, 30), null, " ", [new CommuneEntry("2503", "", null, 0)], ["2"], [], [FieldOfIntervention.Unspecified], [],
            D.Of(2031, 12, 31), ""))));

        Assert.Equal(
            new[]
            {
                "amendment.number", "amendment.dated", "amendment.effective_on", "amendment.description", "amendment.communes_added[0].insee_code",
                "amendment.communes_added[0].name", "amendment.communes_removed[0]", "amendment.fields_added[0]", "amendment.new_end",
            },
            refused.Violations.Select(v => v.Field));
        var misfit = Assert.Throws<PreconditionFailedError>(() => aggregate.Amend(new AmendCommand(new AmendmentEntry(
            1, D.Of(2025, 6, 12), D.Of(2025, 7, 1), "Sortie d'Audincourt", [], ["25031"], [], [], [FieldOfIntervention.Handicap], null, ""))));
        Assert.Equal(new[] { "amendment.communes_removed[0]", "amendment.fields_removed[0]" }, misfit.Violations.Select(v => v.Field));
        Assert.Empty(aggregate.Record.Amendments);
    }

    [Fact]
    public void Terms_records_out_of_range_are_refused_and_the_notice_period_a_record_gives_sets_the_termination_date()
    {
        var aggregate = DraftWithParties();

        var refused = Assert.Throws<RuleViolationError>(() => aggregate.SetTerms(new SetTermsCommand(
            new RenewalEntry(Id, "", 2026, ""), new TerminationTermsEntry(61, -1, false, ""), null)));

        Assert.Equal(
            new[] { "renewal.renews_convention_id", "renewal.renewed_start_year", "termination_terms.denunciation_notice_months", "termination_terms.formal_notice_months" },
            refused.Violations.Select(v => v.Field));
        aggregate.SetTerms(new SetTermsCommand(null, new TerminationTermsEntry(3, null, false, "article 10"), new SchemaStandInEntry(false, "préambule")));
        Assert.Null(aggregate.Record.SchemaStandIn);
        aggregate.Sign(new SignCommand(Id + "-caf", D.Of(2024, 12, 20)));
        aggregate.Sign(new SignCommand(Id + "-epci", D.Of(2024, 12, 20)));
        aggregate.Terminate(new TerminateCommand(TerminationKind.MutualConsent, D.Of(2026, 3, 10), "Fusion des EPCI", ""));

        Assert.Equal(D.Of(2026, 6, 10), aggregate.Record.Termination.EffectiveOn);
        // The formal notice the record left out stays absent: the CNAF model's month applies.
        Assert.Equal(new DateOnly(2026, 4, 10), TerminationNotice.EffectiveDate(aggregate.Record.TerminationTerms, TerminationKind.AfterFormalNotice, new DateOnly(2026, 3, 10)));
    }
}
