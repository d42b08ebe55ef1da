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
    public static CreateDraftCommand ToCommand(this CreateConventionDraftRequest r) =>
        new(r.ConventionId, r.CafDepartement, r.Name, r.Territory, r.Period, [.. r.Fields]);

    public static AddSignatoryCommand ToCommand(this AddSignatoryRequest r) => new(r.Signatory ?? new Signatory());

    public static RecordDeliberationCommand ToCommand(this RecordDeliberationRequest r) => new(r.SignatoryId, r.Deliberation);

    public static SignCommand ToCommand(this SignConventionRequest r) => new(r.SignatoryId, r.SignedOn);

    public static AmendCommand ToCommand(this AmendConventionRequest r) => new(r.Amendment);

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

    public static SetTermsCommand ToCommand(this SetConventionTermsRequest r) => new(r.Renewal, r.TerminationTerms, r.SchemaStandIn);

    public static TerminateCommand ToCommand(this TerminateConventionRequest r) =>
        new(r.Kind, r.NotifiedOn, r.Reason, r.RequestedBySignatoryId);

    public static ImportConventionsCommand ToCommand(this ImportConventionsRequest r) =>
        new([.. r.Conventions.Select(ToCommand)], r.SkipExisting);

    private static ImportConventionCommand ToCommand(ConventionImport c) => new(
        (c.Draft ?? new CreateConventionDraftRequest()).ToCommand(),
        [.. c.Signatories.Select(s => new ImportedSignatory(s.Signatory ?? new Signatory(), s.SignedOn))],
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
