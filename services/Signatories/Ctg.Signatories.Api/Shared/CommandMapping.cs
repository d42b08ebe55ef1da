using Ctg.Signatories.ActionPlans;
using Ctg.Signatories.Annexes;
using Ctg.Signatories.Conventions;
using Ctg.Signatories.Governance;
using Ctg.Signatories.Import;
using Ctg.Signatories.V1;

namespace Ctg.Signatories.Shared;

/// <summary>The generated request types as the domain's commands: the one place that knows both shapes.
/// Demo data, written as requests, goes through the same mapping.</summary>
public static partial class CommandMapping
{
    public static CreateDraftCommand ToCommand(this CreateConventionDraftRequest r) => new(
        r.ConventionId, r.CafDepartement, r.Name, r.Territory is null ? null : new TerritoryEntry([.. r.Territory.Communes.Select(ToEntry)]),
        r.Period is null ? null : new PeriodEntry(r.Period.Start, r.Period.End), [.. r.Fields]);

    public static CommuneEntry ToEntry(this Commune c) => new(c.InseeCode, c.Name, c.HasLegalPopulation ? c.LegalPopulation : null, c.PopulationYear);

    // An absent signatory is an empty one: its rules then name each missing field.
    public static AddSignatoryCommand ToCommand(this AddSignatoryRequest r) => new((r.Signatory ?? new Signatory()).ToEntry());

    public static SignatoryEntry ToEntry(this Signatory s) => new(
        s.SignatoryId, s.Name, s.Kind, s.CommuneInseeCode, [.. s.Representatives.Select(p => new RepresentativeEntry(p.FullName, p.Role))],
        s.Deliberation?.ToEntry(), s.SignedOn, s.Siren, [.. s.MemberCommunes.Select(ToEntry)]);

    public static RecordDeliberationCommand ToCommand(this RecordDeliberationRequest r) => new(r.SignatoryId, r.Deliberation?.ToEntry());

    public static DeliberationEntry ToEntry(this Deliberation d) =>
        new(d.Body, d.Date, d.Number, d.MembersInOffice, d.MembersPresent, d.MembersRepresented, d.VotesFor, d.VotesAgainst, d.VotesAbstaining);

    public static SignCommand ToCommand(this SignConventionRequest r) => new(r.SignatoryId, r.SignedOn);

    public static AmendCommand ToCommand(this AmendConventionRequest r) => new(r.Amendment?.ToEntry());

    public static AmendmentEntry ToEntry(this Amendment a) => new(
        a.Number, a.Dated, a.EffectiveOn, a.Description, [.. a.CommunesAdded.Select(ToEntry)], [.. a.CommunesRemoved],
        [.. a.CommunesUpdated.Select(ToEntry)], [.. a.FieldsAdded], [.. a.FieldsRemoved], a.NewEnd, a.NewName);

    public static DefineGovernanceBodyCommand ToCommand(this DefineGovernanceBodyRequest r) => new(r.Body?.ToEntry());

    public static GovernanceBodyEntry ToEntry(this GovernanceBody b) => new(
        b.BodyId, b.Kind, b.Name, b.Thematique, [.. b.Members.Select(m => new BodyMember(m.SignatoryId, m.Role, m.FullName))], [.. b.OtherParticipants],
        b.HasMinMeetingsPerYear ? b.MinMeetingsPerYear : null, b.HasMaxMeetingsPerYear ? b.MaxMeetingsPerYear : null, b.FrequencyText,
        b.Presidency, b.Secretariat, [.. b.Missions], b.Source);

    public static RecordMeetingCommand ToCommand(this RecordMeetingRequest r) => new(r.Meeting?.ToEntry());

    public static MeetingEntry ToEntry(this Meeting m) => new(
        m.MeetingId, m.BodyId, m.HeldOn, [.. m.Attendees.Select(a => new MeetingAttendance(a.SignatoryId, a.Role, a.FullName))],
        m.HasAttendanceCount ? m.AttendanceCount : null, [.. m.Decisions], m.MinutesUrl, m.Source);

    public static SetCooperationOfficerCommand ToCommand(this SetCooperationOfficerRequest r) => new(r.Officer?.ToEntry());

    public static CooperationOfficerEntry ToEntry(this CooperationOfficer o) =>
        new(o.OfficerId, o.SignatoryId, o.FullName, o.HasFte ? o.Fte : null, o.AppointedOn, o.Source);

    public static SetCapacityProjectionCommand ToCommand(this SetCapacityProjectionRequest r) => new(r.Projection?.ToEntry());

    public static CapacityProjectionEntry ToEntry(this CapacityProjection p) => new(
        p.ProjectionId, p.AuthoritySignatoryId, p.Mode, p.Zone,
        [.. p.Years.Select(y => new ProjectedYear(y.Year, y.HasQuantity ? y.Quantity : null, y.Source))],
        p.JobsAndSkills, p.HasVacantFte ? p.VacantFte : null, p.HasFteToCreate ? p.FteToCreate : null, p.OtherNeeds,
        [.. p.Investments.Select(i => new PlannedInvestment(
            i.ProjectType, i.Description, i.HasEstimatedCostCents ? i.EstimatedCostCents : null, i.Calendar, i.Engineering, i.Source))],
        p.Source);

    public static RecordCoFinancingCommand ToCommand(this RecordCoFinancingRequest r) => new(r.Entry?.ToEntry());

    public static CoFinancingEntry ToEntry(this CoFinancing e) => new(
        e.EntryId, e.FunderSignatoryId, e.Beneficiary, e.StructureId, e.Year, e.FinancingType,
        e.HasAmountCents ? e.AmountCents : null, e.HasInKindCents ? e.InKindCents : null,
        e.HasBudgetSharePercent ? e.BudgetSharePercent : null, e.HasBudgetCents ? e.BudgetCents : null,
        e.HasChildren ? e.Children : null, e.Activity, e.Estimated, e.Source);

    public static RecordCoordinationPostCommand ToCommand(this RecordCoordinationPostRequest r) => new(r.Post?.ToEntry());

    public static CoordinationPostEntry ToEntry(this CoordinationPost p) => new(
        p.PostId, p.SignatoryId, p.Description, p.Year, p.HasFte ? p.Fte : null, p.HasAnnualCostCents ? p.AnnualCostCents : null,
        p.HasCafFundingCents ? p.CafFundingCents : null, p.HasCafSharePercent ? p.CafSharePercent : null, p.Source);

    public static SetTermsCommand ToCommand(this SetConventionTermsRequest r) => new(
        r.Renewal is { } renewal ? new RenewalEntry(renewal.RenewsConventionId, renewal.Description, renewal.RenewedStartYear, renewal.Source) : null,
        r.TerminationTerms is { } terms
            ? new TerminationTermsEntry(
                terms.HasDenunciationNoticeMonths ? terms.DenunciationNoticeMonths : null, terms.HasFormalNoticeMonths ? terms.FormalNoticeMonths : null,
                terms.ExpressRenewalOnly, terms.Source)
            : null,
        r.SchemaStandIn is { } standIn ? new SchemaStandInEntry(standIn.StandsIn, standIn.Source) : null);

    public static TerminateCommand ToCommand(this TerminateConventionRequest r) =>
        new(r.Kind, r.NotifiedOn, r.Reason, r.RequestedBySignatoryId);

    public static ImportConventionsCommand ToCommand(this ImportConventionsRequest r) =>
        new([.. r.Conventions.Select(ToCommand)], r.SkipExisting);

    private static ImportConventionCommand ToCommand(ConventionImport c) => new(
        (c.Draft ?? new CreateConventionDraftRequest()).ToCommand(),
        [.. c.Signatories.Select(s => new ImportedSignatory((s.Signatory ?? new Signatory()).ToEntry(), s.SignedOn))],
        [.. c.Grants.Select(g => g.ToCommand())],
        [.. c.Transfers.Select(t => t.ToCommand())]);

    public static ImportConventionsResponse ToResponse(this ConventionImportOutcome outcome, bool dryRun)
    {
        var response = new ImportConventionsResponse { ConventionsRead = outcome.Read, DryRun = dryRun, EventsWritten = outcome.EventsWritten };
        response.ImportedConventionIds.AddRange(outcome.Imported);
        response.SkippedConventionIds.AddRange(outcome.Skipped);
        response.Problems.AddRange(outcome.Problems.Select(p => new ConventionImportProblem
        {
            Index = p.Index, ConventionId = p.ConventionId, Field = p.Field, Message = p.Message, Kind = p.Kind,
        }));
        return response;
    }
}
