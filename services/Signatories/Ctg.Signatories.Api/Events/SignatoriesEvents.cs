using System.Data.Common;
using Ctg.Application.Commands;
using Ctg.Eventing;

namespace Ctg.Signatories.Events;

/// <summary>The topics this service publishes. Explicit and versioned: a breaking change of a payload
/// gets a new topic (…v2) so existing consumers keep working. Payloads are documented in EVENTS.md.</summary>
public static class SignatoriesTopics
{
    public const string ConventionSigned = "signatories.convention-signed.v1";
    public const string ConventionAmended = "signatories.convention-amended.v1";
    public const string ConventionTerminated = "signatories.convention-terminated.v1";
    public const string CompetenceGranted = "signatories.competence-granted.v1";
    public const string CompetenceTransferred = "signatories.competence-transferred.v1";
    public const string ActionStatusUpdated = "signatories.action-status-updated.v1";
    public const string GovernanceChanged = "signatories.governance-changed.v1";
    public const string AnnexesChanged = "signatories.annexes-changed.v1";
    public const string ActionPlanChanged = "signatories.action-plan-changed.v1";
}

/// <summary>An event waiting to be written to the outbox in the transaction of the change. It keeps
/// the concrete event type, so that the outbox serializes every field of the payload.</summary>
public sealed class PendingEvent
{
    private readonly Action<ICommandContext> _raise;

    private PendingEvent(string topic, IntegrationEvent @event, Action<ICommandContext> raise)
    {
        Topic = topic;
        Event = @event;
        _raise = raise;
    }

    public string Topic { get; }

    public IntegrationEvent Event { get; }

    public static PendingEvent Of<TEvent>(string topic, TEvent @event)
        where TEvent : IntegrationEvent =>
        new(topic, @event, ctx => ctx.Raise(topic, @event));

    /// <summary>Hands the event to the command pipeline, which writes it to the outbox in the command's transaction.</summary>
    public void Raise(ICommandContext ctx) => _raise(ctx);
}

public sealed record CommuneData(string InseeCode, string Name, long? LegalPopulation, int? PopulationYear);

public sealed record SignatoryData(string SignatoryId, string Name, string Kind, string? CommuneInseeCode, DateOnly? SignedOn);

/// <summary>Every signatory has signed: the convention is signed (active once its period starts).</summary>
public sealed record ConventionSigned(
    string ConventionId,
    string CafDepartement,
    string Name,
    DateOnly SignedOn,
    DateOnly PeriodStart,
    DateOnly PeriodEnd,
    IReadOnlyList<string> Fields,
    IReadOnlyList<SignatoryData> Signatories,
    IReadOnlyList<CommuneData> Communes,
    long Version) : IntegrationEvent;

/// <summary>An avenant was signed; its changes apply from <see cref="EffectiveOn"/>.</summary>
public sealed record ConventionAmended(
    string ConventionId,
    int AmendmentNumber,
    DateOnly Dated,
    DateOnly EffectiveOn,
    string Description,
    IReadOnlyList<CommuneData> CommunesAdded,
    IReadOnlyList<string> CommunesRemoved,
    IReadOnlyList<CommuneData> CommunesUpdated,
    IReadOnlyList<string> FieldsAdded,
    IReadOnlyList<string> FieldsRemoved,
    DateOnly? NewEnd,
    string? NewName,
    long Version) : IntegrationEvent;

/// <summary>A termination was notified; the convention ends on <see cref="EffectiveOn"/>.</summary>
public sealed record ConventionTerminated(
    string ConventionId,
    string Kind,
    DateOnly NotifiedOn,
    DateOnly EffectiveOn,
    string Reason,
    string? RequestedBySignatoryId,
    long Version) : IntegrationEvent;

public sealed record CompetenceGranted(
    string ConventionId,
    string CompetenceId,
    string Field,
    string? AoCompetence,
    string SignatoryId,
    string SignatoryName,
    string SignatoryKind,
    IReadOnlyList<string> CommuneInseeCodes,
    DateOnly EffectiveOn,
    long Version) : IntegrationEvent;

public sealed record CompetenceTransferred(
    string ConventionId,
    string CompetenceId,
    string Field,
    string? AoCompetence,
    string FromCommuneInseeCode,
    string ToSignatoryId,
    string ToSignatoryName,
    string ToSignatoryKind,
    string Extent,
    string? PartialScope,
    DateOnly EffectiveOn,
    long Version) : IntegrationEvent;

public sealed record IndicatorValueData(string IndicatorId, string Name, string Unit, double? Baseline, double? Target, double Value);

public sealed record ActionStatusUpdated(
    string ConventionId,
    string AxisId,
    string ObjectiveId,
    string ActionId,
    string ActionTitle,
    string Pilot,
    int Year,
    int Quarter,
    string Status,
    string Comment,
    IReadOnlyList<IndicatorValueData> IndicatorValues,
    DateOnly RecordedOn,
    long PlanVersion) : IntegrationEvent;
