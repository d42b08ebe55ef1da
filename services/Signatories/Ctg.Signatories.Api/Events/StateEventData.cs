using Ctg.Signatories.Conventions;
using Ctg.Signatories.Events;
using Ctg.Signatories.Shared;
using Ctg.Signatories.Storage;
using Ctg.Signatories.V1;

namespace Ctg.Signatories.Events;

/// <summary>Maps the stored governance, annexes and action plan to the payloads of their state events
/// (enumerations by their C# names, absent optional values as null — non renseigné, never 0).</summary>
internal static class StateEventData
{
    public static GovernanceChanged Governance(ConventionRecord record, ConventionSnapshot terms, long version) => new(
        record.ConventionId,
        record.CafDepartement,
        terms.Name,
        terms.Start,
        terms.End,
        record.GovernanceBodies.Select(b => new GovernanceBodyData(
            b.BodyId, b.Kind.ToString(), b.Name, b.Thematique,
            b.HasMinMeetingsPerYear ? b.MinMeetingsPerYear : null, b.HasMaxMeetingsPerYear ? b.MaxMeetingsPerYear : null,
            b.FrequencyText, b.Presidency.ToString(), b.Secretariat,
            b.Members.Select(m => new GovernanceMemberData(m.SignatoryId, m.Role, m.FullName)).ToList(),
            b.OtherParticipants.ToList(), b.Source)).ToList(),
        record.Meetings.OrderBy(m => m.HeldOn.Stored()).ThenBy(m => m.MeetingId, StringComparer.Ordinal).Select(m => new MeetingData(
            m.MeetingId, m.BodyId, m.HeldOn.Stored(), m.Attendees.Select(a => a.SignatoryId).ToList(),
            m.HasAttendanceCount ? m.AttendanceCount : null, m.Decisions.ToList(), m.MinutesUrl, m.Source)).ToList(),
        record.CooperationOfficers.Select(o => new CooperationOfficerData(
            o.OfficerId, o.SignatoryId, o.FullName, o.HasFte ? o.Fte : null, o.AppointedOn.StoredOrNull(), o.Source)).ToList(),
        version);

    public static AnnexesChanged Annexes(ConventionRecord record, ConventionSnapshot terms, long version)
    {
        var signatories = record.Signatories.ToDictionary(s => s.SignatoryId, StringComparer.Ordinal);
        return new AnnexesChanged(
            record.ConventionId,
            record.CafDepartement,
            terms.Name,
            terms.Start,
            terms.End,
            record.Projections.Select(p => new ProjectionData(
                p.ProjectionId, p.AuthoritySignatoryId, p.Mode.ToString(), p.Zone,
                p.Years.Select(y => new YearQuantityData(y.Year, y.HasQuantity ? y.Quantity : null, y.Source)).ToList(),
                p.JobsAndSkills, p.HasVacantFte ? p.VacantFte : null, p.HasFteToCreate ? p.FteToCreate : null, p.OtherNeeds,
                p.Investments.Select(i => new InvestmentData(i.ProjectType, i.Description, i.HasEstimatedCostCents ? i.EstimatedCostCents : null, i.Calendar, i.Source)).ToList(),
                p.Source)).ToList(),
            record.CoFinancing.Select(e => new CoFinancingData(
                e.EntryId, e.FunderSignatoryId,
                signatories.TryGetValue(e.FunderSignatoryId, out var funder) ? funder.Name : string.Empty,
                funder?.Kind.ToString() ?? string.Empty,
                e.Beneficiary, string.IsNullOrEmpty(e.StructureId) ? null : e.StructureId, e.Year, e.FinancingType,
                e.HasAmountCents ? e.AmountCents : null, e.HasInKindCents ? e.InKindCents : null,
                e.HasBudgetSharePercent ? e.BudgetSharePercent : null, e.HasChildren ? e.Children : null, e.Estimated, e.Source)).ToList(),
            record.CoordinationPosts.Select(p => new CoordinationPostData(
                p.PostId, p.SignatoryId, p.Description, p.Year, p.HasFte ? p.Fte : null,
                p.HasAnnualCostCents ? p.AnnualCostCents : null, p.HasCafFundingCents ? p.CafFundingCents : null,
                p.HasCafSharePercent ? p.CafSharePercent : null, p.Source)).ToList(),
            record.Renewal is { } renewal
                ? new RenewalData(string.IsNullOrEmpty(renewal.RenewsConventionId) ? null : renewal.RenewsConventionId, renewal.Description,
                    renewal.RenewedStartYear == 0 ? null : renewal.RenewedStartYear, renewal.Source)
                : null,
            record.TerminationTerms is { } t
                ? new TerminationTermsData(t.HasDenunciationNoticeMonths ? t.DenunciationNoticeMonths : null,
                    t.HasFormalNoticeMonths ? t.FormalNoticeMonths : null, t.ExpressRenewalOnly, t.Source)
                : null,
            record.SchemaStandIn?.StandsIn == true,
            version);
    }

    public static ActionPlanChanged ActionPlan(ActionPlan plan, ConventionSnapshot convention, long planVersion) => new(
        plan.ConventionId,
        convention.Record.CafDepartement,
        convention.Name,
        convention.Start,
        convention.End,
        plan.Axes.Select(a => new PlanAxisData(a.AxisId, a.Title, a.Objectives.Select(o => new PlanObjectiveData(
            o.ObjectiveId, o.Title, o.Level.ToString(), o.ParentObjectiveId, Indicators(o.Indicators),
            o.Actions.Select(Action).ToList())).ToList())).ToList(),
        plan.Reviews.Select(r => new PlanReviewData(r.Kind.ToString(), r.HeldOn.Stored(), r.Summary)).ToList(),
        plan.Declared is { } d
            ? new DeclaredCountsData(d.HasAxes ? d.Axes : null, d.HasGeneralObjectives ? d.GeneralObjectives : null,
                d.HasSpecificObjectives ? d.SpecificObjectives : null, d.HasActions ? d.Actions : null, d.Source)
            : null,
        planVersion);

    private static PlanActionData Action(ActionSheet a) => new(
        a.ActionId, a.Title, a.Pilot, a.Partners.ToList(), a.TargetPublic, a.Content, a.HumanResources, a.FollowUpFrequency,
        a.EvaluationCriteria.ToList(), a.Schedule, a.Deadline.StoredOrNull(),
        // The latest quarter reported on; an action nobody reported on has not started.
        (a.StatusUpdates.OrderBy(u => u.Year).ThenBy(u => u.Quarter).LastOrDefault()?.Status ?? ActionStatus.NotStarted).ToString(),
        Indicators(a.Indicators));

    private static List<PlanIndicatorData> Indicators(IEnumerable<Indicator> indicators) =>
        indicators.Select(i => new PlanIndicatorData(i.IndicatorId, i.Name, i.Unit, i.HasBaseline ? i.Baseline : null,
            i.HasTarget ? i.Target : null, i.TargetYear == 0 ? null : i.TargetYear)).ToList();
}
