using System.Collections;
using Ctg.Domain;
using Ctg.Signatories.ActionPlans;
using Ctg.Signatories.Annexes;
using Ctg.Signatories.Conventions;
using Ctg.Signatories.Governance;
using Ctg.Signatories.Shared;
using Ctg.Signatories.V1;
using Google.Protobuf;

namespace Ctg.Signatories.Tests;

/// <summary>Host-free: a governance body, a meeting, a chargé de coopération, a projection, a co-financing line and a
/// coordination post reach the aggregate as domain values (GovernanceBodyEntry, MeetingEntry, CooperationOfficerEntry,
/// CapacityProjectionEntry, CoFinancingEntry, CoordinationPostEntry) that CommandMapping makes from the requests, and so do
/// a competence's scope (CompetenceScopeEntry) and the action plan's fiche, indicators, status update and review
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
