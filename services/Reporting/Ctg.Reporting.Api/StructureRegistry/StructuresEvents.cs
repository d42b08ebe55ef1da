using Ctg.Reporting.Shared;

namespace Ctg.Reporting.StructureRegistry;

// Consumer-side views of the structures service's events (services/Structures/EVENTS.md): only the
// fields reporting reads. Unknown fields are ignored; every property is optional here so that a
// publisher adding or dropping an unrelated field never turns events into poison. The projections
// check the fields they cannot do without and reject the event as poison when one is missing.

public sealed class StructureSnapshotView
{
    public string? StructureId { get; init; }
    public int? Version { get; init; }
    public string? Kind { get; init; }
    public string? Name { get; init; }
    public string? CommuneInsee { get; init; }
    public string? CommuneName { get; init; }
    public string? ManagerName { get; init; }
    public string? ManagementMode { get; init; }
    public string? SupportingCollectivityId { get; init; }
    public string? ConventionId { get; init; }
    public int? AgreedPlaces { get; init; }
    public string? OpeningDate { get; init; }
    public string? ClosingDate { get; init; }
}

/// <summary>structure-registered, structure-changed and structure-closed all carry the snapshot.</summary>
public sealed class StructureEventView
{
    public StructureSnapshotView? Structure { get; init; }
    public string? ClosingDate { get; init; }
}

public sealed class DeclarationSubmittedView
{
    public string? DeclarationId { get; init; }
    public string? StructureId { get; init; }
    public int? Year { get; init; }
    public string? Version { get; init; }
    public int? Revision { get; init; }
    public string? ReceivedOn { get; init; }
    public bool? Late { get; init; }
}

public sealed class ReferenceRecordedView
{
    public string? StructureId { get; init; }
    public string? Kind { get; init; }
    public int? ReferenceYear { get; init; }
    public long? AmountCents { get; init; }
    public string? Unit { get; init; }
    public decimal? ReferenceUnits { get; init; }
    public string? SupportingCollectivityId { get; init; }
    public string? ConventionId { get; init; }
}
