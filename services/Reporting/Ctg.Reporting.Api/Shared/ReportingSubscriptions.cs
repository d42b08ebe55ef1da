using Ctg.Eventing;
using Ctg.Eventing.Subscriptions;
using Ctg.Reporting.AoCompliance;
using Ctg.Reporting.ConventionDocuments;
using Ctg.Reporting.Funding;
using Ctg.Reporting.StructureRegistry;
using static Ctg.Reporting.Shared.ProjectionSupport;

namespace Ctg.Reporting.Shared;

/// <summary>Every topic reporting listens to, with the projection that applies it.</summary>
public static class ReportingSubscriptions
{
    public static void Declare(SubscriptionBuilder subscriptions)
    {
        On<StructureEventView>(subscriptions, ReportingTopics.StructureRegistered, StructureProjections.OnStructureEvent);
        On<StructureEventView>(subscriptions, ReportingTopics.StructureChanged, StructureProjections.OnStructureEvent);
        On<StructureEventView>(subscriptions, ReportingTopics.StructureClosed, StructureProjections.OnStructureEvent);
        On<DeclarationSubmittedView>(subscriptions, ReportingTopics.DeclarationSubmitted, StructureProjections.OnDeclarationSubmitted);
        On<ReferenceRecordedView>(subscriptions, ReportingTopics.ReferenceRecorded, StructureProjections.OnReferenceRecorded);

        On<ConventionSignedView>(subscriptions, ReportingTopics.ConventionSigned, SignatoryProjections.OnConventionSigned);
        On<ConventionAmendedView>(subscriptions, ReportingTopics.ConventionAmended, SignatoryProjections.OnConventionAmended);
        On<ConventionTerminatedView>(subscriptions, ReportingTopics.ConventionTerminated, SignatoryProjections.OnConventionTerminated);
        On<CompetenceGrantedView>(subscriptions, ReportingTopics.CompetenceGranted, SignatoryProjections.OnCompetenceGranted);
        On<CompetenceTransferredView>(subscriptions, ReportingTopics.CompetenceTransferred, SignatoryProjections.OnCompetenceTransferred);
        On<ActionStatusUpdatedView>(subscriptions, ReportingTopics.ActionStatusUpdated, SignatoryProjections.OnActionStatusUpdated);
        On<StateEventHeaderView>(subscriptions, ReportingTopics.GovernanceChanged, ConventionDocumentProjections.Keep(ConventionDocumentProjections.Governance));
        On<StateEventHeaderView>(subscriptions, ReportingTopics.AnnexesChanged, ConventionDocumentProjections.Keep(ConventionDocumentProjections.Annexes));
        On<StateEventHeaderView>(subscriptions, ReportingTopics.ActionPlanChanged, ConventionDocumentProjections.Keep(ConventionDocumentProjections.ActionPlan));

        On<FundingComputedView>(subscriptions, ReportingTopics.FundingComputed, FundingProjections.OnFundingComputed);
        On<AllocationRunCompletedView>(subscriptions, ReportingTopics.AllocationRunCompleted, FundingProjections.OnAllocationRunCompleted);
        On<AllocationApprovedView>(subscriptions, ReportingTopics.AllocationApproved, FundingProjections.OnAllocationApproved);
        On<PaymentScheduledView>(subscriptions, ReportingTopics.PaymentScheduled, FundingProjections.OnPaymentScheduled);
    }

    private static void On<TEvent>(SubscriptionBuilder subscriptions, string topic, Func<TEvent, EventContext, Task> handler) =>
        subscriptions.On(topic, Counted(topic, handler));
}
