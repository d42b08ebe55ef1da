using System.Collections;
using Ctg.Domain;
using Ctg.Signatories.ActionPlans;
using Ctg.Signatories.Annexes;
using Ctg.Signatories.Conventions;
using Ctg.Signatories.Events;
using Ctg.Signatories.Governance;
using Ctg.Signatories.Import;
using Ctg.Signatories.Shared;
using Ctg.Signatories.V1;
using Google.Protobuf;

namespace Ctg.Signatories.Tests;

/// <summary>Host-free: a governance body, a meeting, a chargé de coopération, a projection, a co-financing line and a
/// coordination post reach the aggregate as domain values (GovernanceBodyEntry, MeetingEntry, CooperationOfficerEntry,
/// CapacityProjectionEntry, CoFinancingEntry, CoordinationPostEntry) that CommandMapping makes from the requests, and so
/// do a draft's territory and period, a signatory, a deliberation, an avenant and the terms (TerritoryEntry, PeriodEntry,
/// SignatoryEntry, DeliberationEntry, AmendmentEntry, RenewalEntry, TerminationTermsEntry, SchemaStandInEntry), a
/// competence's scope (CompetenceScopeEntry) and the action plan's fiche, indicators, status update and review
/// (ActionSheetEntry, IndicatorEntry, ActionStatusUpdateEntry, ReviewEntry). Every field of the request is stored as given (a field
/// the proto gains must be mapped, or the round trip fails here), absent figures stay absent, and the rules that
/// depend on the record (ids, the amount an in-kind part belongs to) hold on the domain values.</summary>
public sealed class EntryCommandTests
{
    private const string Id = "ctg-25-entrees";

    /// <summary>A draft 2025-2029 with the CAF du Doubs and the EPCI and a COPIL, loaded as the store would at version 4.</summary>
    private static ConventionAggregate Draft()
    {
        var aggregate = ConventionAggregate.CreateDraft(Scenario.Draft(Id).ToCommand());
        aggregate.AddSignatory(new AddSignatoryRequest { Signatory = Scenario.Caf(Id) }.ToCommand());
        aggregate.AddSignatory(new AddSignatoryRequest { Signatory = Scenario.Epci(Id) }.ToCommand());
        aggregate.DefineGovernanceBody(new DefineGovernanceBodyCommand(new GovernanceBodyEntry(
            "copil", GovernanceBodyKind.SteeringCommittee, "Comité de pilotage", "", [], [], 1, null, "", Presidency.Unspecified, "", [], "")));
        return ConventionAggregate.Load(aggregate.Record, 4);
    }

    /// <summary>The fields of <paramref name="message"/> left at their default: a sample that leaves one proves nothing about its mapping.</summary>
    private static IEnumerable<string> Unset(IMessage message) =>
        message.Descriptor.Fields.InDeclarationOrder()
            .Where(f => f.IsRepeated ? ((IList)f.Accessor.GetValue(message)).Count == 0
                : f.HasPresence ? !f.Accessor.HasValue(message)
                : Equals(f.Accessor.GetValue(message), f.Accessor.GetValue((IMessage)Activator.CreateInstance(message.GetType())!)))
            .Select(f => f.Name);

    private static Meeting FullMeeting() => new()
    {
        MeetingId = "copil-2025-06", BodyId = "copil", HeldOn = D.Of(2025, 6, 10),
        Attendees = { new MeetingAttendee { SignatoryId = Id + "-epci", Role = "vice-président", FullName = "Anne Morel" } },
        AttendanceCount = 0, Decisions = { "Validation du diagnostic" }, MinutesUrl = "https://example.org/cr-copil.pdf", Source = "seed 002 l.12",
    };

    private static CoFinancing FullCoFinancing() => new()
    {
        EntryId = "cofin-moissey", FunderSignatoryId = Id + "-epci", Beneficiary = "Multi-accueil de Moissey", StructureId = "str-25-moissey",
        Year = 2024, FinancingType = "Subvention d'équilibre", AmountCents = 4_527_311, InKindCents = 0, BudgetSharePercent = 46.5,
        BudgetCents = 9_841_980, Children = 3, Activity = "49 277 h facturées", Estimated = true, Source = "seed 001 l.702",
    };

    [Fact]
    public void Every_field_of_a_governance_body_request_is_stored_as_given_with_its_name_trimmed()
    {
        var aggregate = Draft();
        var body = new GovernanceBody
        {
            BodyId = "comite-technique", Kind = GovernanceBodyKind.TechnicalCommittee, Name = " Comité technique ", Thematique = "petite enfance",
            Members = { new GovernanceMember { SignatoryId = Id + "-caf", Role = "conseillère territoriale", FullName = "Léa Vuillemin" } },
            OtherParticipants = { "PMI du Doubs" }, MinMeetingsPerYear = 2, MaxMeetingsPerYear = 4, FrequencyText = "deux à quatre fois par an",
            Presidency = Presidency.CoChaired, Secretariat = "CAF du Doubs", Missions = { "préparer le COPIL" }, Source = "convention art. 7",
        };
        Assert.Empty(Unset(body));
        Assert.Empty(Unset(body.Members[0]));

        var bodyId = aggregate.DefineGovernanceBody(new DefineGovernanceBodyRequest { ConventionId = Id, Body = body }.ToCommand());

        var expected = body.Clone();
        expected.Name = "Comité technique";
        Assert.Equal("comite-technique", bodyId);
        Assert.Equal(expected, aggregate.Record.GovernanceBodies[1]);
        Assert.False(aggregate.Record.GovernanceBodies[0].HasMaxMeetingsPerYear);
        var refused = Assert.Throws<RuleViolationError>(() => aggregate.DefineGovernanceBody(new DefineGovernanceBodyCommand(new GovernanceBodyEntry(
            "", GovernanceBodyKind.Unspecified, "Groupe", "", [new BodyMember("sig-inconnu", "", "")], [], 3, 2, "", Presidency.Unspecified, "", [], ""))));
        Assert.Equal(new[] { "body.kind", "body.max_meetings_per_year", "body.members[0].signatory_id", "body.members[0].role" }, refused.Violations.Select(v => v.Field));
    }

    [Fact]
    public void Every_field_of_a_meeting_request_is_stored_as_given()
    {
        var aggregate = Draft();
        var meeting = FullMeeting();
        Assert.Empty(Unset(meeting));
        Assert.Empty(Unset(meeting.Attendees[0]));

        var meetingId = aggregate.RecordMeeting(new RecordMeetingRequest { ConventionId = Id, Meeting = meeting }.ToCommand());

        Assert.Equal("copil-2025-06", meetingId);
        Assert.Equal(meeting, Assert.Single(aggregate.Record.Meetings));
        Assert.Equal("meeting-recorded", aggregate.ChangeKind);
    }

    [Fact]
    public void Every_field_of_a_co_financing_request_is_stored_as_given()
    {
        var aggregate = Draft();
        var entry = FullCoFinancing();
        Assert.Empty(Unset(entry));

        var entryId = aggregate.RecordCoFinancing(new RecordCoFinancingRequest { ConventionId = Id, Entry = entry }.ToCommand());

        Assert.Equal("cofin-moissey", entryId);
        Assert.Equal(entry, Assert.Single(aggregate.Record.CoFinancing));
        Assert.Equal(new[] { "signatories.annexes-changed.v1" }, aggregate.Events.Select(e => e.Topic));
    }

    [Fact]
    public void Every_field_of_a_cooperation_officer_request_is_stored_as_given_and_an_absent_fte_stays_absent()
    {
        var aggregate = Draft();
        var officer = new CooperationOfficer
        {
            OfficerId = "officer-ccjn", SignatoryId = Id + "-epci", FullName = "Julie Faivre", Fte = 0.8, AppointedOn = D.Of(2025, 3, 1), Source = "seed 001 l.610",
        };
        Assert.Empty(Unset(officer));

        aggregate.SetCooperationOfficer(new SetCooperationOfficerRequest { ConventionId = Id, Officer = officer }.ToCommand());
        var unnamed = aggregate.SetCooperationOfficer(new SetCooperationOfficerCommand(new CooperationOfficerEntry("", Id + "-caf", "", null, null, "")));

        Assert.Equal(officer, aggregate.Record.CooperationOfficers[0]);
        Assert.Equal((unnamed, false, null), (aggregate.Record.CooperationOfficers[1].OfficerId, aggregate.Record.CooperationOfficers[1].HasFte, aggregate.Record.CooperationOfficers[1].AppointedOn));
        Assert.Equal(new[] { "officer.signatory_id", "officer.fte", "officer.appointed_on" }, Assert.Throws<RuleViolationError>(() => aggregate.SetCooperationOfficer(
            new SetCooperationOfficerCommand(new CooperationOfficerEntry("", "sig-inconnu", "", -0.5, D.Of(2025, 13, 1), "")))).Violations.Select(v => v.Field));
    }

    [Fact]
    public void Every_field_of_a_coordination_post_request_is_stored_as_given_and_a_CAF_part_above_its_cost_is_refused()
    {
        var aggregate = Draft();
        var post = new CoordinationPost
        {
            PostId = "post-coordination", SignatoryId = Id + "-epci", Description = "Coordinatrice enfance jeunesse", Year = 2025, Fte = 1.7,
            AnnualCostCents = 7_519_300, CafFundingCents = 3_230_300, CafSharePercent = 43, Source = "seed 001 l.740",
        };
        Assert.Empty(Unset(post));

        aggregate.RecordCoordinationPost(new RecordCoordinationPostRequest { ConventionId = Id, Post = post }.ToCommand());

        Assert.Equal(post, Assert.Single(aggregate.Record.CoordinationPosts));
        var refused = Assert.Throws<RuleViolationError>(() => aggregate.RecordCoordinationPost(new RecordCoordinationPostCommand(
            new CoordinationPostEntry("", Id + "-epci", "Animatrice RPE", 2025, -1, 100_000, 100_001, 101, ""))));
        Assert.Equal(new[] { "post.fte", "post.caf_share_percent", "post.caf_funding_cents" }, refused.Violations.Select(v => v.Field));
        Assert.Equal("is more than the post's annual cost", refused.Violations[2].Description);
        Assert.Single(aggregate.Record.CoordinationPosts);
    }

    [Fact]
    public void Every_field_of_a_projection_request_is_stored_as_given_with_its_years_in_order()
    {
        var aggregate = Draft();
        var projection = new CapacityProjection
        {
            ProjectionId = "proj-eaje", AuthoritySignatoryId = Id + "-epci", Mode = CareMode.EajePsu, Zone = "Nord du territoire",
            Years = { new YearQuantity { Year = 2027, Quantity = 48, Source = "tableau l.3" }, new YearQuantity { Year = 2025, Quantity = 0, Source = "tableau l.1" } },
            JobsAndSkills = "2 auxiliaires de puériculture", VacantFte = 1.5, FteToCreate = 2, OtherNeeds = "un local",
            Investments = { new InvestmentProject { ProjectType = "création", Description = "Micro-crèche", EstimatedCostCents = 45_000_000, Calendar = "2026", Engineering = "CAF", Source = "l.9" } },
            Source = "annexe 2",
        };
        Assert.Empty(Unset(projection));
        Assert.Empty(Unset(projection.Years[0]));
        Assert.Empty(Unset(projection.Investments[0]));

        aggregate.SetCapacityProjection(new SetCapacityProjectionRequest { ConventionId = Id, Projection = projection }.ToCommand());

        var expected = projection.Clone();
        expected.Years.Clear();
        expected.Years.AddRange(projection.Years.Reverse());
        Assert.Equal(expected, Assert.Single(aggregate.Record.Projections));
        var refused = Assert.Throws<RuleViolationError>(() => aggregate.SetCapacityProjection(new SetCapacityProjectionCommand(new CapacityProjectionEntry(
            "", Id + "-epci", CareMode.Unspecified, "", [new ProjectedYear(2024, null, ""), new ProjectedYear(2026, -1, "")], "", -0.5, null, "",
            [new PlannedInvestment(" ", "", -1, "", "", "")], ""))));
        Assert.Equal(
            new[] { "projection.mode", "projection.years[0].year", "projection.years[1].quantity", "projection.vacant_fte", "projection.investments[0].project_type", "projection.investments[0].estimated_cost_cents" },
            refused.Violations.Select(v => v.Field));
    }

    [Fact]
    public void Figures_left_out_of_a_co_financing_stay_non_renseigne_and_an_empty_id_is_generated()
    {
        var aggregate = Draft();

        var entryId = aggregate.RecordCoFinancing(new RecordCoFinancingCommand(new CoFinancingEntry(
            "", Id + "-caf", "RPE de Fraisans", "", 2025, "PS RPE", null, null, null, null, null, "", false, "")));

        Assert.StartsWith("cofin-", entryId, StringComparison.Ordinal);
        Assert.Equal(18, entryId.Length);
        var stored = Assert.Single(aggregate.Record.CoFinancing);
        Assert.Equal(
            (false, false, false, false, false),
            (stored.HasAmountCents, stored.HasInKindCents, stored.HasBudgetSharePercent, stored.HasBudgetCents, stored.HasChildren));
    }

    [Fact]
    public void A_co_financing_with_the_same_entry_id_replaces_the_line_it_names()
    {
        var aggregate = Draft();
        aggregate.RecordCoFinancing(new RecordCoFinancingRequest { Entry = FullCoFinancing() }.ToCommand());

        var corrected = FullCoFinancing();
        corrected.AmountCents = 4_600_000;
        aggregate.RecordCoFinancing(new RecordCoFinancingRequest { Entry = corrected }.ToCommand());

        Assert.Equal(4_600_000, Assert.Single(aggregate.Record.CoFinancing).AmountCents);
        Assert.Equal("co-financing-recorded,co-financing-recorded", aggregate.ChangeKind);
    }

    [Fact]
    public void An_in_kind_part_above_its_amount_a_negative_budget_and_children_and_a_year_after_the_CTG_are_refused_field_by_field()
    {
        var aggregate = Draft();

        var refused = Assert.Throws<RuleViolationError>(() => aggregate.RecordCoFinancing(new RecordCoFinancingCommand(new CoFinancingEntry(
            "", Id + "-caf", " ", "", 2030, "", 10_000, 10_001, null, -1, -2, "", false, ""))));

        Assert.Equal(
            new[] { "entry.beneficiary", "entry.year", "entry.budget_cents", "entry.children", "entry.in_kind_cents" },
            refused.Violations.Select(v => v.Field));
        Assert.Equal("must be a year up to the end of the CTG (2029)", refused.Violations[1].Description);
        Assert.Equal("is more than the amount it is part of", refused.Violations[4].Description);
        Assert.Empty(aggregate.Record.CoFinancing);
        Assert.Equal(new[] { "entry" }, Assert.Throws<RuleViolationError>(() => aggregate.RecordCoFinancing(new RecordCoFinancingCommand(null))).Violations.Select(v => v.Field));
    }

    [Fact]
    public void A_meeting_id_recorded_twice_already_exists_and_the_first_meeting_stays()
    {
        var aggregate = Draft();
        aggregate.RecordMeeting(new RecordMeetingRequest { Meeting = FullMeeting() }.ToCommand());

        var again = new MeetingEntry("copil-2025-06", "copil", D.Of(2025, 11, 4), [], null, [], "", "");
        var refused = Assert.Throws<AlreadyExistsError>(() => aggregate.RecordMeeting(new RecordMeetingCommand(again)));

        Assert.Equal(new[] { "meeting.meeting_id" }, refused.Violations.Select(v => v.Field));
        Assert.Equal(D.Of(2025, 6, 10), Assert.Single(aggregate.Record.Meetings).HeldOn);
    }

    [Fact]
    public void An_impossible_meeting_date_an_empty_decision_and_a_relative_minutes_link_are_refused_together()
    {
        var aggregate = Draft();

        var refused = Assert.Throws<RuleViolationError>(() => aggregate.RecordMeeting(new RecordMeetingCommand(
            new MeetingEntry("", "copil", D.Of(2025, 2, 30), [], null, ["Validation", " "], "compte-rendu.pdf", ""))));

        Assert.Equal(new[] { "meeting.held_on", "meeting.decisions[1]", "meeting.minutes_url" }, refused.Violations.Select(v => v.Field));
        Assert.Equal("2025-02-30 is not a calendar date", refused.Violations[0].Description);
        Assert.Empty(aggregate.Record.Meetings);
    }

    /// <summary>A commune signatory with every field of the request but <c>signed_on</c> (a party signs with SignConvention).</summary>
    private static Signatory FullCommuneSignatory() => new()
    {
        SignatoryId = Id + "-seloncourt", Name = " Commune de Seloncourt ", Kind = SignatoryKind.Commune, CommuneInseeCode = Scenario.Seloncourt,
        Representatives = { new Representative { FullName = "Claire Vernier", Role = "maire" } },
        Deliberation = FullDeliberation(),
        Siren = "212505390",
        MemberCommunes = { Scenario.Commune(Scenario.Arbouans, "Arbouans", 876) },
    };

    private static Deliberation FullDeliberation() => new()
    {
        Body = "conseil municipal", Date = D.Of(2024, 12, 9), Number = "2024-58", MembersInOffice = 29, MembersPresent = 22,
        MembersRepresented = 4, VotesFor = 24, VotesAgainst = 1, VotesAbstaining = 1,
    };

    [Fact]
    public void Every_field_of_a_draft_request_is_stored_as_given_and_an_absent_population_stays_absent()
    {
        var request = Scenario.Draft(Id);
        Assert.Empty(Unset(request));
        Assert.Empty(Unset(request.Territory));
        Assert.Empty(Unset(request.Territory.Communes[0]));
        Assert.Empty(Unset(request.Period));
        request.Territory.Communes.Add(new Commune { InseeCode = "25031", Name = "Audincourt" });

        var aggregate = ConventionAggregate.CreateDraft(request.ToCommand());

        Assert.Equal(request.Territory, aggregate.Record.Territory);
        Assert.Equal(request.Period, aggregate.Record.Period);
        Assert.Equal(request.Fields, aggregate.Record.Fields);
        Assert.Equal((false, 0), (aggregate.Record.Territory.Communes[3].HasLegalPopulation, aggregate.Record.Territory.Communes[3].PopulationYear));
    }

    [Fact]
    public void Every_field_of_a_signatory_request_is_stored_as_given_with_its_name_trimmed_and_a_given_signature_is_refused()
    {
        var aggregate = Draft();
        var signatory = FullCommuneSignatory();
        Assert.Equal(new[] { "signed_on" }, Unset(signatory));
        Assert.Empty(Unset(signatory.Representatives[0]));
        Assert.Empty(Unset(signatory.Deliberation));
        Assert.Empty(Unset(signatory.MemberCommunes[0]));

        aggregate.AddSignatory(new AddSignatoryRequest { ConventionId = Id, Signatory = signatory }.ToCommand());

        var expected = signatory.Clone();
        expected.Name = "Commune de Seloncourt";
        Assert.Equal(expected, aggregate.Record.Signatories[2]);
        Assert.Equal(new[] { Id + "-seloncourt" }, aggregate.NewSignatoryIds);
        var signed = FullCommuneSignatory();
        signed.SignatoryId = Id + "-seloncourt-2";
        signed.SignedOn = D.Of(2024, 12, 20);
        var refused = Assert.Throws<RuleViolationError>(() => aggregate.AddSignatory(new AddSignatoryRequest { Signatory = signed }.ToCommand()));
        Assert.Equal(new[] { "signatory.signed_on" }, refused.Violations.Select(v => v.Field));
        Assert.Equal(3, aggregate.Record.Signatories.Count);
    }

    [Fact]
    public void Every_field_of_a_deliberation_request_is_stored_as_given()
    {
        var aggregate = ConventionAggregate.CreateDraft(Scenario.Draft(Id).ToCommand());
        var epci = Scenario.Epci(Id);
        epci.Deliberation = null;
        aggregate.AddSignatory(new AddSignatoryRequest { Signatory = epci }.ToCommand());
        var deliberation = FullDeliberation();
        Assert.Empty(Unset(deliberation));

        aggregate.RecordDeliberation(new RecordDeliberationRequest { ConventionId = Id, SignatoryId = Id + "-epci", Deliberation = deliberation }.ToCommand());

        Assert.Equal(deliberation, aggregate.Record.Signatories[0].Deliberation);
        Assert.Equal("draft-created,signatory-added,deliberation-recorded", aggregate.ChangeKind);
        Assert.Equal(new[] { "deliberation" }, Assert.Throws<RuleViolationError>(
            () => aggregate.RecordDeliberation(new RecordDeliberationRequest { SignatoryId = Id + "-epci" }.ToCommand())).Violations.Select(v => v.Field));
    }

    [Fact]
    public void Every_field_of_an_amendment_request_is_stored_as_given_and_published_from_the_record()
    {
        var signed = Draft();
        signed.Sign(new SignCommand(Id + "-caf", D.Of(2024, 12, 20)));
        signed.Sign(new SignCommand(Id + "-epci", D.Of(2024, 12, 20)));
        var aggregate = ConventionAggregate.Load(signed.Record, 6);
        var amendment = new Amendment
        {
            Number = 1, Dated = D.Of(2025, 6, 12), EffectiveOn = D.Of(2025, 7, 1), Description = "Avenant n°1 : entrée d'Audincourt, sortie de Seloncourt",
            CommunesAdded = { Scenario.Commune("25031", "Audincourt", 13_500) }, CommunesRemoved = { Scenario.Seloncourt },
            CommunesUpdated = { new Commune { InseeCode = Scenario.Arbouans, Name = "Arbouans", LegalPopulation = 880, PopulationYear = 2024 } },
            FieldsAdded = { FieldOfIntervention.AnimationVieSociale }, FieldsRemoved = { FieldOfIntervention.Jeunesse },
            NewEnd = D.Of(2029, 6, 30), NewName = "CTG de l'agglomération de Montbéliard",
        };
        Assert.Empty(Unset(amendment));
        Assert.Empty(Unset(amendment.CommunesAdded[0]));
        Assert.Empty(Unset(amendment.CommunesUpdated[0]));

        aggregate.Amend(new AmendConventionRequest { ConventionId = Id, Amendment = amendment }.ToCommand());

        Assert.Equal(amendment, Assert.Single(aggregate.Record.Amendments));
        var amended = Assert.IsType<ConventionAmended>(Assert.Single(aggregate.Events, e => e.Topic == "signatories.convention-amended.v1").Event);
        Assert.Equal(
            (1, new DateOnly(2025, 7, 1), "25031", 13_500L, 2023, "25020", 880L, new DateOnly(2029, 6, 30), "CTG de l'agglomération de Montbéliard", 7L),
            (amended.AmendmentNumber, amended.EffectiveOn, amended.CommunesAdded[0].InseeCode, amended.CommunesAdded[0].LegalPopulation, amended.CommunesAdded[0].PopulationYear,
                amended.CommunesUpdated[0].InseeCode, amended.CommunesUpdated[0].LegalPopulation, amended.NewEnd, amended.NewName, amended.Version));
        Assert.Equal(new[] { Scenario.Seloncourt }, amended.CommunesRemoved);
        Assert.Equal(new[] { "AnimationVieSociale" }, amended.FieldsAdded);
        Assert.Equal(new[] { "Jeunesse" }, amended.FieldsRemoved);
    }

    [Fact]
    public void Every_field_of_the_terms_is_stored_as_given_an_absent_period_stays_absent_and_a_schema_not_stood_in_for_is_not_kept()
    {
        var aggregate = Draft();
        var renewal = new Renewal { RenewsConventionId = "ctg-25-2020", Description = "CTG 2020-2024 du Pays de Montbéliard", RenewedStartYear = 2020, Source = "préambule" };
        var notice = new TerminationTerms { DenunciationNoticeMonths = 6, FormalNoticeMonths = 1, ExpressRenewalOnly = true, Source = "article 12" };
        var standIn = new SchemaStandIn { StandsIn = true, Source = "préambule l.4" };
        Assert.Empty(Unset(renewal));
        Assert.Empty(Unset(notice));
        Assert.Empty(Unset(standIn));

        aggregate.SetTerms(new SetConventionTermsRequest { ConventionId = Id, Renewal = renewal, TerminationTerms = notice, SchemaStandIn = standIn }.ToCommand());

        Assert.Equal((renewal, notice, standIn), (aggregate.Record.Renewal, aggregate.Record.TerminationTerms, aggregate.Record.SchemaStandIn));
        aggregate.SetTerms(new SetConventionTermsRequest
        {
            TerminationTerms = new TerminationTerms { FormalNoticeMonths = 3 }, SchemaStandIn = new SchemaStandIn { Source = "préambule" },
        }.ToCommand());
        Assert.Equal(
            (null, false, true, 3, null),
            (aggregate.Record.Renewal, aggregate.Record.TerminationTerms.HasDenunciationNoticeMonths, aggregate.Record.TerminationTerms.HasFormalNoticeMonths,
                aggregate.Record.TerminationTerms.FormalNoticeMonths, aggregate.Record.SchemaStandIn));
        Assert.Equal("terms-set,terms-set", aggregate.ChangeKind);
    }

    [Fact]
    public void Every_field_of_an_imported_signatory_is_stored_as_given_and_signed_on_the_import_s_date()
    {
        var signatory = FullCommuneSignatory();
        var request = new ImportConventionsRequest
        {
            Conventions =
            {
                new ConventionImport
                {
                    Draft = Scenario.Draft(Id),
                    Signatories =
                    {
                        new SignatoryImport { Signatory = Scenario.Caf(Id), SignedOn = D.Of(2024, 12, 18) },
                        new SignatoryImport { Signatory = signatory, SignedOn = D.Of(2024, 12, 20) },
                    },
                },
            },
        };

        var (replayed, problems) = ConventionReplay.Run(0, request.ToCommand().Conventions[0]);

        Assert.Empty(problems);
        var expected = signatory.Clone();
        expected.Name = "Commune de Seloncourt";
        expected.SignedOn = D.Of(2024, 12, 20);
        Assert.Equal(expected, replayed!.Record.Signatories[1]);
        Assert.Equal(Scenario.Draft(Id).Territory, replayed.Record.Territory);
        Assert.Equal(5L, replayed.Version);
    }

    [Fact]
    public void Every_field_of_a_grant_and_of_a_transfer_request_is_stored_as_given_in_the_competence_record()
    {
        var aggregate = Draft();
        var grant = new GrantCompetenceRequest
        {
            ConventionId = Id, ExpectedVersion = 4, CompetenceId = "cmp-epci-planifier",
            Scope = new CompetenceScope { Field = FieldOfIntervention.PetiteEnfance, AoCompetence = AoCompetence.Planifier },
            SignatoryId = Id + "-epci", CommuneInseeCodes = { Scenario.Seloncourt }, EffectiveOn = D.Of(2025, 3, 1),
        };
        var transfer = new TransferCompetenceRequest
        {
            ConventionId = Id, ExpectedVersion = 5, CompetenceId = "cmp-montbeliard-qualite",
            Scope = new CompetenceScope { Field = FieldOfIntervention.PetiteEnfance, AoCompetence = AoCompetence.SoutenirQualite },
            CommuneInseeCode = Scenario.Montbeliard, ToSignatoryId = Id + "-epci", Extent = TransferExtent.Partial,
            PartialScope = "le relais petite enfance", EffectiveOn = D.Of(2025, 6, 1),
        };
        Assert.Empty(Unset(grant));
        Assert.Empty(Unset(grant.Scope));
        Assert.Empty(Unset(transfer));

        var granted = aggregate.Grant(grant.ToCommand());
        var transferred = aggregate.Transfer(transfer.ToCommand());

        var expectedGrant = new CompetenceRecord
        {
            CompetenceId = "cmp-epci-planifier", ConventionId = Id, Scope = grant.Scope, HolderSignatoryId = Id + "-epci",
            CommuneInseeCodes = { Scenario.Seloncourt }, Extent = TransferExtent.Whole, EffectiveOn = D.Of(2025, 3, 1),
        };
        var expectedTransfer = new CompetenceRecord
        {
            CompetenceId = "cmp-montbeliard-qualite", ConventionId = Id, Scope = transfer.Scope, HolderSignatoryId = Id + "-epci",
            FromCommuneInseeCode = Scenario.Montbeliard, CommuneInseeCodes = { Scenario.Montbeliard }, Extent = TransferExtent.Partial,
            PartialScope = "le relais petite enfance", EffectiveOn = D.Of(2025, 6, 1), IsTransfer = true,
        };
        Assert.Equal((expectedGrant, expectedTransfer), (granted, transferred));
        Assert.Equal(new[] { expectedGrant, expectedTransfer }, aggregate.Record.Competences);
        Assert.Equal("competence-granted,competence-transferred", aggregate.ChangeKind);
    }

    /// <summary>A convention 2025-2029 and its plan with the axis "axe-1", as the store would load them.</summary>
    private static ActionPlanAggregate Plan()
    {
        var convention = ConventionAggregate.CreateDraft(Scenario.Draft(Id).ToCommand());
        var plan = new ActionPlanAggregate(new ActionPlan { ConventionId = Id }, ConventionSnapshot.Of(convention.Record, DateOnly.MaxValue));
        plan.AddAxis(new AddAxisRequest { AxisId = "axe-1", Title = "Petite enfance" }.ToCommand());
        plan.AddObjective(new AddObjectiveRequest { AxisId = "axe-1", ObjectiveId = "obj-1", Title = "Développer l'accueil", Level = ObjectiveLevel.General }.ToCommand());
        return plan;
    }

    private static Indicator FullIndicator() => new()
    {
        IndicatorId = "ind-places", Name = "Places d'accueil individuel", Unit = "places", Baseline = 0, Target = 40, TargetYear = 2027, Source = "seed 004 l.88",
    };

    private static ActionSheet FullFiche() => new()
    {
        ActionId = "act-rpe", Title = "Ouvrir un relais petite enfance", Pilot = Id + "-epci", Partners = { "CAF du Doubs", "PMI" },
        TargetPublic = "assistantes maternelles", Deadline = D.Of(2027, 9, 1), Indicators = { FullIndicator() },
        Content = "Créer le relais", ServiceOffer = "accueil et information", HumanResources = "1 ETP - Création de poste",
        FollowUpFrequency = "annuelle", EvaluationPeriodicity = "fin de CTG", EvaluationCriteria = { "nombre d'ateliers" },
        Schedule = "Ouverture : septembre 2027", InitialDiagnosis = "aucun relais sur le territoire", OperationalObjectives = "un relais par bassin",
        Implementation = "recrutement puis ouverture", ExpectedResults = "40 assistantes maternelles suivies", Source = "seed 004 fiche 3",
    };

    [Fact]
    public void Every_field_of_an_objectives_indicators_is_stored_as_given_and_absent_figures_stay_absent()
    {
        var plan = Plan();
        var request = new AddObjectiveRequest
        {
            ConventionId = Id, ExpectedVersion = 1, AxisId = "axe-1", ObjectiveId = "obj-2", Title = "Accueil individuel", Level = ObjectiveLevel.Specific,
            ParentObjectiveId = "obj-1", Source = "seed 004 l.80",
            Indicators = { FullIndicator(), new Indicator { Name = "Assistantes maternelles agréées", Unit = "personnes" } },
        };
        Assert.Empty(Unset(request));
        Assert.Empty(Unset(request.Indicators[0]));

        plan.AddObjective(request.ToCommand());

        var expected = new Objective
        {
            ObjectiveId = "obj-2", Title = "Accueil individuel", Level = ObjectiveLevel.Specific, ParentObjectiveId = "obj-1", Source = "seed 004 l.80",
            Indicators = { FullIndicator(), new Indicator { IndicatorId = "obj-2-ind2", Name = "Assistantes maternelles agréées", Unit = "personnes" } },
        };
        var stored = plan.Plan.Axes[0].Objectives[1];
        Assert.Equal(expected, stored);
        Assert.Equal((false, false), (stored.Indicators[1].HasBaseline, stored.Indicators[1].HasTarget));
    }

    [Fact]
    public void Every_field_of_a_fiche_action_is_stored_as_given_and_the_status_it_may_not_carry_is_mapped_to_be_refused()
    {
        var plan = Plan();
        var fiche = FullFiche();
        // Status updates and the current status are not set through AddAction: the refusal below proves they are mapped.
        Assert.Equal(new[] { "status_updates", "current_status" }, Unset(fiche));
        Assert.Empty(Unset(fiche.Indicators[0]));

        plan.AddAction(new AddActionRequest { ConventionId = Id, ExpectedVersion = 2, ObjectiveId = "obj-1", Action = fiche }.ToCommand());

        Assert.Equal(fiche, Assert.Single(plan.Plan.Axes[0].Objectives[0].Actions));
        var withStatus = FullFiche();
        withStatus.ActionId = "act-2";
        withStatus.StatusUpdates.Add(new ActionStatusUpdate { Year = 2025, Quarter = 1, Status = ActionStatus.Done });
        withStatus.CurrentStatus = ActionStatus.Done;
        var refused = Assert.Throws<RuleViolationError>(() => plan.AddAction(new AddActionRequest { ObjectiveId = "obj-1", Action = withStatus }.ToCommand()));
        Assert.Equal(new[] { "action.status_updates", "action.current_status" }, refused.Violations.Select(v => v.Field));
        Assert.Equal(new[] { "action" }, Assert.Throws<RuleViolationError>(
            () => plan.AddAction(new AddActionRequest { ObjectiveId = "obj-1" }.ToCommand())).Violations.Select(v => v.Field));
    }

    [Fact]
    public void Every_field_of_a_status_update_and_of_a_review_is_stored_as_given()
    {
        var plan = Plan();
        plan.AddAction(new AddActionRequest { ObjectiveId = "obj-1", Action = FullFiche() }.ToCommand());
        var update = new ActionStatusUpdate
        {
            Year = 2025, Quarter = 3, Status = ActionStatus.InProgress, Comment = "recrutement lancé",
            IndicatorValues = { new IndicatorValue { IndicatorId = "ind-places", Value = 12 } }, RecordedOn = D.Of(2025, 10, 6),
        };
        var review = new Review { Kind = ReviewKind.MidTerm, HeldOn = D.Of(2027, 6, 15), Summary = "Bilan intermédiaire présenté au COPIL" };
        Assert.Empty(Unset(update));
        Assert.Empty(Unset(update.IndicatorValues[0]));
        Assert.Empty(Unset(review));

        plan.RecordActionStatus(new RecordActionStatusRequest { ConventionId = Id, ExpectedVersion = 3, ActionId = "act-rpe", Update = update }.ToCommand(), new DateOnly(2025, 12, 1));
        plan.RecordReview(new RecordReviewRequest { ConventionId = Id, ExpectedVersion = 4, Review = review }.ToCommand());

        Assert.Equal(update, Assert.Single(plan.Plan.Axes[0].Objectives[0].Actions[0].StatusUpdates));
        Assert.Equal(review, Assert.Single(plan.Plan.Reviews));
        Assert.Equal(new[] { "update" }, Assert.Throws<RuleViolationError>(() => plan.RecordActionStatus(
            new RecordActionStatusRequest { ActionId = "act-rpe" }.ToCommand(), new DateOnly(2025, 12, 1))).Violations.Select(v => v.Field));
        Assert.Equal(new[] { "review" }, Assert.Throws<RuleViolationError>(() => plan.RecordReview(new RecordReviewRequest().ToCommand())).Violations.Select(v => v.Field));
    }
}
