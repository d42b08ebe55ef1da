using Ctg.Signatories.Events;
using Ctg.Signatories.Shared;
using Ctg.Signatories.V1;

namespace Ctg.Signatories.Conventions;

/// <summary>The state events of a change: a convention whose governance (or annexes) changed publishes
/// the whole governance (or annexes) at its new version, so that reporting replaces its copy instead of
/// replaying every step. An avenant moves the period the state events carry, so it publishes both.</summary>
public sealed partial class ConventionAggregate
{
    private static readonly HashSet<string> GovernanceChanges = ["governance-body-defined", "meeting-recorded", "cooperation-officer-set"];
    private static readonly HashSet<string> AnnexChanges = ["projection-set", "co-financing-recorded", "coordination-post-recorded", "terms-set"];

    /// <summary>The events of the change: those raised by the commands, then the state events it calls for.</summary>
    public IReadOnlyList<PendingEvent> Events => [.. _events, .. StateEvents()];

    private IEnumerable<PendingEvent> StateEvents()
    {
        var amended = _changes.Contains("amended");
        var hasGovernance = Record.GovernanceBodies.Count > 0 || Record.CooperationOfficers.Count > 0;
        if (_changes.Any(GovernanceChanges.Contains) || (amended && hasGovernance))
        {
            yield return PendingEvent.Of(SignatoriesTopics.GovernanceChanged, StateEventData.Governance(Record, SnapshotAt(DateOnly.MaxValue), NextVersion));
        }

        var hasAnnexes = Record.Projections.Count > 0 || Record.CoFinancing.Count > 0 || Record.CoordinationPosts.Count > 0
            || Record.Renewal is not null || Record.TerminationTerms is not null || Record.SchemaStandIn is not null;
        if (_changes.Any(AnnexChanges.Contains) || (amended && hasAnnexes))
        {
            yield return PendingEvent.Of(SignatoriesTopics.AnnexesChanged, StateEventData.Annexes(Record, SnapshotAt(DateOnly.MaxValue), NextVersion));
        }
    }
}
