using Ctg.Signatories.V1;
using Grpc.Core;

namespace Ctg.Signatories.Tests;

/// <summary>Bad input on the governance and annex commands: INVALID_ARGUMENT naming every broken field,
/// and the convention's version (so nothing) unchanged.</summary>
public sealed class GovernanceAndAnnexesInputTests
{
    private const string Id = "ctg-25-gouvernance";

    private static async Task<(SignatoriesHarness Harness, long Version)> StartAsync()
    {
        var harness = await SignatoriesHarness.StartSqliteAsync();
        await harness.Conventions.CreateConventionDraftAsync(Scenario.Draft(Id));
        await harness.Conventions.AddSignatoryAsync(new AddSignatoryRequest { ConventionId = Id, Signatory = Scenario.Caf(Id) });
        var convention = await harness.Conventions.AddSignatoryAsync(new AddSignatoryRequest { ConventionId = Id, Signatory = Scenario.Epci(Id) });
        return (harness, convention.Version);
    }

    private static async Task<long> VersionAsync(SignatoriesHarness harness) =>
        (await harness.Conventions.GetConventionAsync(new GetConventionRequest { ConventionId = Id })).Version;

    [Fact]
    public async Task A_member_who_is_not_a_signatory_and_an_inverted_frequency_are_refused()
    {
        var (harness, version) = await StartAsync();
        await using var _ = harness;

        var fields = await Expect.StatusAsync(StatusCode.InvalidArgument, () => harness.Governance.DefineGovernanceBodyAsync(new DefineGovernanceBodyRequest
        {
            ConventionId = Id,
            Body = new GovernanceBody
            {
                Kind = GovernanceBodyKind.SteeringCommittee, Name = "Comité de pilotage", MinMeetingsPerYear = 2, MaxMeetingsPerYear = 1,
                Members = { new GovernanceMember { SignatoryId = Id + "-caf", Role = "directeur" }, new GovernanceMember { SignatoryId = "sig-inconnu", Role = "maire" } },
            },
        }).ResponseAsync);

        Assert.Equal(new[] { "body.max_meetings_per_year", "body.members[1].signatory_id" }, fields);
        Assert.Equal(version, await VersionAsync(harness));
        // Every command goes through the pipeline: three accepted, the refused one recorded as such.
        Assert.Equal(3, await harness.CountAsync("audit_log WHERE outcome = 'succeeded'"));
        Assert.Equal(1, await harness.CountAsync("audit_log WHERE outcome = 'rule_violation' AND command = 'signatories.DefineGovernanceBody'"));
    }

    [Fact]
    public async Task A_meeting_outside_the_period_or_with_a_stranger_is_refused_and_a_missed_year_raises_an_alert()
    {
        var (harness, _) = await StartAsync();
        await using var __ = harness;
        var defined = await harness.Governance.DefineGovernanceBodyAsync(new DefineGovernanceBodyRequest
        {
            ConventionId = Id,
            Body = new GovernanceBody { BodyId = "copil", Kind = GovernanceBodyKind.SteeringCommittee, Name = "Comité de pilotage", MinMeetingsPerYear = 1, MaxMeetingsPerYear = 2 },
        });

        var fields = await Expect.StatusAsync(StatusCode.InvalidArgument, () => harness.Governance.RecordMeetingAsync(new RecordMeetingRequest
        {
            ConventionId = Id,
            Meeting = new Meeting { BodyId = "copil", HeldOn = D.Of(2030, 1, 15), Attendees = { new MeetingAttendee { SignatoryId = "sig-inconnu" } }, AttendanceCount = -1 },
        }).ResponseAsync);
        Assert.Equal(new[] { "meeting.held_on", "meeting.attendance_count", "meeting.attendees[0].signatory_id" }, fields);
        Assert.Equal(defined.Version, await VersionAsync(harness));
        Assert.Equal(new[] { "meeting.body_id" }, await Expect.StatusAsync(StatusCode.InvalidArgument, () => harness.Governance.RecordMeetingAsync(new RecordMeetingRequest
        {
            ConventionId = Id, Meeting = new Meeting { BodyId = "comite-inconnu", HeldOn = D.Of(2025, 3, 1) },
        }).ResponseAsync));

        await harness.Governance.RecordMeetingAsync(new RecordMeetingRequest
        {
            ConventionId = Id,
            Meeting = new Meeting { BodyId = "copil", HeldOn = D.Of(2025, 6, 10), Attendees = { new MeetingAttendee { SignatoryId = Id + "-caf", Role = "directeur" } }, Decisions = { "Validation du plan d'actions" } },
        });
        var governance = await harness.Governance.GetGovernanceAsync(new GetGovernanceRequest { ConventionId = Id, AsOf = D.Of(2027, 3, 1) });
        var alert = Assert.Single(governance.Alerts);
        Assert.Equal((2026, 0, 1), (alert.Year, alert.MeetingsHeld, alert.PlannedMinMeetings));
    }

    [Fact]
    public async Task A_projection_year_outside_the_CTG_and_negative_places_or_amounts_are_refused()
    {
        var (harness, version) = await StartAsync();
        await using var _ = harness;

        var projection = await Expect.StatusAsync(StatusCode.InvalidArgument, () => harness.Annexes.SetCapacityProjectionAsync(new SetCapacityProjectionRequest
        {
            ConventionId = Id,
            Projection = new CapacityProjection
            {
                AuthoritySignatoryId = Id + "-epci", Mode = CareMode.EajePsu,
                Years = { new YearQuantity { Year = 2024, Quantity = 30 }, new YearQuantity { Year = 2026, Quantity = -5 } },
                Investments = { new InvestmentProject { ProjectType = "extension", EstimatedCostCents = -100 } },
            },
        }).ResponseAsync);
        Assert.Equal(new[] { "projection.years[0].year", "projection.years[1].quantity", "projection.investments[0].estimated_cost_cents" }, projection);

        var coFinancing = await Expect.StatusAsync(StatusCode.InvalidArgument, () => harness.Annexes.RecordCoFinancingAsync(new RecordCoFinancingRequest
        {
            ConventionId = Id,
            Entry = new CoFinancing { FunderSignatoryId = "sig-inconnu", Beneficiary = "Crèche", Year = 2025, AmountCents = -1, BudgetSharePercent = 120 },
        }).ResponseAsync);
        Assert.Equal(new[] { "entry.funder_signatory_id", "entry.amount_cents", "entry.budget_share_percent" }, coFinancing);
        Assert.Equal(version, await VersionAsync(harness));

        var saved = await harness.Annexes.SetCapacityProjectionAsync(new SetCapacityProjectionRequest
        {
            ConventionId = Id,
            Projection = new CapacityProjection
            {
                ProjectionId = "eaje", AuthoritySignatoryId = Id + "-epci", Mode = CareMode.EajePsu,
                Years = { new YearQuantity { Year = 2027, Quantity = 48 }, new YearQuantity { Year = 2025, Quantity = 36 }, new YearQuantity { Year = 2026 } },
            },
        });
        Assert.Equal(new[] { (2025, true, 36d), (2026, false, 0d), (2027, true, 48d) }, saved.Projections.Single().Years.Select(y => (y.Year, y.HasQuantity, y.Quantity)));
        Assert.Equal(version + 1, saved.Version);
    }

    [Fact]
    public async Task Notice_periods_set_before_signing_drive_the_termination_and_cannot_change_once_signed()
    {
        var (harness, _) = await StartAsync();
        await using var __ = harness;
        Assert.Equal(new[] { "termination_terms.formal_notice_months" }, await Expect.StatusAsync(StatusCode.InvalidArgument, () =>
            harness.Annexes.SetConventionTermsAsync(new SetConventionTermsRequest { ConventionId = Id, TerminationTerms = new TerminationTerms { FormalNoticeMonths = -1 } }).ResponseAsync));
        await harness.Annexes.SetConventionTermsAsync(new SetConventionTermsRequest
        {
            ConventionId = Id, TerminationTerms = new TerminationTerms { DenunciationNoticeMonths = 3, Source = "article 10" },
            Renewal = new Renewal { Description = "CTG 2020-2024", RenewedStartYear = 2020 },
        });
        await harness.Conventions.SignConventionAsync(new SignConventionRequest { ConventionId = Id, SignatoryId = Id + "-caf", SignedOn = D.Of(2025, 1, 20) });
        await harness.Conventions.SignConventionAsync(new SignConventionRequest { ConventionId = Id, SignatoryId = Id + "-epci", SignedOn = D.Of(2025, 1, 20) });

        Assert.Equal(new[] { "convention_id" }, await Expect.StatusAsync(StatusCode.FailedPrecondition, () =>
            harness.Annexes.SetConventionTermsAsync(new SetConventionTermsRequest { ConventionId = Id, TerminationTerms = new TerminationTerms { DenunciationNoticeMonths = 1 } }).ResponseAsync));
        var afterFormalNotice = await harness.Conventions.TerminateConventionAsync(new TerminateConventionRequest
        {
            ConventionId = Id, Kind = TerminationKind.MutualConsent, NotifiedOn = D.Of(2026, 2, 10), Reason = "Dénonciation",
        });
        Assert.Equal(D.Of(2026, 5, 10), afterFormalNotice.Termination.EffectiveOn);
    }
}
