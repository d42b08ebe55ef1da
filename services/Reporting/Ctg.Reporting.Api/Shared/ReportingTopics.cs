
namespace Ctg.Reporting.Shared;

/// <summary>The topics reporting consumes, named as their publishers document them
/// (services/*/EVENTS.md). The service that owns a topic is its first segment: that is the service
/// asked to replay it when a read model is rebuilt.</summary>
public static class ReportingTopics
{
    public const string StructureRegistered = "structures.structure-registered.v1";
    public const string StructureChanged = "structures.structure-changed.v1";
    public const string StructureClosed = "structures.structure-closed.v1";
    public const string DeclarationSubmitted = "structures.declaration-submitted.v1";
    public const string ReferenceRecorded = "structures.reference-recorded.v1";

    public const string ConventionSigned = "signatories.convention-signed.v1";
    public const string ConventionAmended = "signatories.convention-amended.v1";
    public const string ConventionTerminated = "signatories.convention-terminated.v1";
    public const string CompetenceGranted = "signatories.competence-granted.v1";
    public const string CompetenceTransferred = "signatories.competence-transferred.v1";
    public const string ActionStatusUpdated = "signatories.action-status-updated.v1";
    public const string GovernanceChanged = "signatories.governance-changed.v1";
    public const string AnnexesChanged = "signatories.annexes-changed.v1";
    public const string ActionPlanChanged = "signatories.action-plan-changed.v1";

    public const string FundingComputed = "funding.funding-computed.v1";
    public const string AllocationRunCompleted = "funding.allocation-run-completed.v1";
    public const string AllocationApproved = "funding.allocation-approved.v1";
    public const string PaymentScheduled = "funding.payment-scheduled.v1";

    public static string OwnerOf(string topic) => topic[..topic.IndexOf('.', StringComparison.Ordinal)];
}
