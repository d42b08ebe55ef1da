using Ctg.Domain;
using Ctg.Signatories.Annexes;
using Ctg.Signatories.Conventions;
using Ctg.Signatories.Events;
using Ctg.Signatories.Governance;
using Ctg.Signatories.Shared;
using Ctg.Signatories.V1;

namespace Ctg.Signatories.Tests;

/// <summary>Host-free: the governance and annex commands on the aggregate alone, given as the domain's command
/// records (mapped from the requests by CommandMapping), with the same field paths the API answers and the state
/// events a change publishes.</summary>
public sealed class GovernanceAndAnnexesRulesTests
{
    private const string Id = "ctg-25-regles";

    /// <summary>A draft 2025-2029 with the CAF du Doubs and the EPCI, loaded as the store would after saving it at version 3.</summary>
    private static ConventionAggregate Draft()
    {
        var aggregate = ConventionAggregate.CreateDraft(Scenario.Draft(Id).ToCommand());
        aggregate.AddSignatory(new AddSignatoryRequest { Signatory = Scenario.Caf(Id) }.ToCommand());
        aggregate.AddSignatory(new AddSignatoryRequest { Signatory = Scenario.Epci(Id) }.ToCommand());
        return ConventionAggregate.Load(aggregate.Record, 3);
    }

    private static DefineGovernanceBodyCommand Copil() => new DefineGovernanceBodyRequest
    {
        Body = new GovernanceBody
        {
            BodyId = "copil", Kind = GovernanceBodyKind.SteeringCommittee, Name = "Comité de pilotage", MinMeetingsPerYear = 1, MaxMeetingsPerYear = 2,
            Members = { new GovernanceMember { SignatoryId = Id + "-caf", Role = "directeur" } },
        },
    }.ToCommand();

    [Fact]
    public void A_body_and_its_meeting_change_the_governance_and_publish_it_whole_at_the_next_version()
    {
        var aggregate = Draft();

        var bodyId = aggregate.DefineGovernanceBody(Copil());
        aggregate.RecordMeeting(new RecordMeetingRequest
        {
            Meeting = new Meeting { BodyId = "copil", HeldOn = D.Of(2025, 6, 10), Attendees = { new MeetingAttendee { SignatoryId = Id + "-epci" } } },
        }.ToCommand());

        Assert.Equal("copil", bodyId);
        Assert.Equal("governance-body-defined,meeting-recorded", aggregate.ChangeKind);
        Assert.Equal(new[] { "Comité de pilotage" }, aggregate.Record.GovernanceBodies.Select(b => b.Name));
        var published = Assert.Single(aggregate.Events);
        Assert.Equal("signatories.governance-changed.v1", published.Topic);
        Assert.Equal(4, Assert.IsType<GovernanceChanged>(published.Event).Version);
    }

    [Fact]
    public void A_meeting_after_the_period_with_a_stranger_and_a_negative_attendance_names_each_field_and_changes_nothing()
    {
        var aggregate = Draft();
        aggregate.DefineGovernanceBody(Copil());

        var refused = Assert.Throws<RuleViolationError>(() => aggregate.RecordMeeting(new RecordMeetingCommand(
            new MeetingEntry("", "copil", D.Of(2030, 1, 15), [new MeetingAttendance("sig-inconnu", "", "")], -1, [], "", ""))));

        Assert.Equal(new[] { "meeting.held_on", "meeting.attendance_count", "meeting.attendees[0].signatory_id" }, refused.Violations.Select(v => v.Field));
        Assert.Empty(aggregate.Record.Meetings);
        Assert.Equal(new[] { "meeting" }, Assert.Throws<RuleViolationError>(() => aggregate.RecordMeeting(new RecordMeetingCommand(null))).Violations.Select(v => v.Field));
    }

    [Fact]
    public void A_co_financing_by_a_stranger_with_a_negative_amount_and_a_share_above_100_is_refused_field_by_field()
    {
        var aggregate = Draft();

        var refused = Assert.Throws<RuleViolationError>(() => aggregate.RecordCoFinancing(new RecordCoFinancingRequest
        {
            Entry = new CoFinancing { FunderSignatoryId = "sig-inconnu", Beneficiary = "Crèche", Year = 2025, AmountCents = -1, BudgetSharePercent = 120 },
        }.ToCommand()));

        Assert.Equal(new[] { "entry.funder_signatory_id", "entry.amount_cents", "entry.budget_share_percent" }, refused.Violations.Select(v => v.Field));
        Assert.Empty(aggregate.Record.CoFinancing);
        Assert.Empty(aggregate.Events);
    }

    [Fact]
    public void A_projection_and_the_notice_periods_are_kept_and_published_and_the_terms_cannot_change_once_signed()
    {
        var aggregate = Draft();
        var projectionId = aggregate.SetCapacityProjection(new SetCapacityProjectionCommand(new CapacityProjectionEntry(
            "eaje", Id + "-epci", CareMode.EajePsu, "", [new ProjectedYear(2027, 48, "")], "", null, null, "", [], "")));
        aggregate.SetTerms(new SetConventionTermsRequest { TerminationTerms = new TerminationTerms { DenunciationNoticeMonths = 3, Source = "article 10" } }.ToCommand());

        Assert.Equal("eaje", projectionId);
        Assert.Equal(3, aggregate.Record.TerminationTerms.DenunciationNoticeMonths);
        Assert.Equal(new[] { "signatories.annexes-changed.v1" }, aggregate.Events.Select(e => e.Topic));

        var signed = ConventionAggregate.Load(aggregate.Record, 4);
        signed.Sign(new SignConventionRequest { SignatoryId = Id + "-caf", SignedOn = D.Of(2024, 12, 20) }.ToCommand());
        signed.Sign(new SignConventionRequest { SignatoryId = Id + "-epci", SignedOn = D.Of(2024, 12, 20) }.ToCommand());
        var refused = Assert.Throws<PreconditionFailedError>(() => signed.SetTerms(new SetTermsCommand(null, new TerminationTermsEntry(6, null, false, ""), null)));
        Assert.Equal(new[] { "convention_id" }, refused.Violations.Select(v => v.Field));
        Assert.Equal(3, signed.Record.TerminationTerms.DenunciationNoticeMonths);
    }
}
