using Ctg.Data;
using Ctg.Eventing;
using Ctg.ServiceDefaults;
using Ctg.Structures.Events;
using Ctg.Structures.Persistence;
using Ctg.Structures.V1;
using Grpc.Core;
using Ctg.ServiceDefaults.Security;
using Microsoft.AspNetCore.Authorization;

namespace Ctg.Structures.Declarations;

/// <summary>Activity declarations: a first revision per (structure, year, version), then corrections as
/// new revisions with a reason. Nothing is ever overwritten.</summary>
internal sealed class ActivityDeclarationsService(
    IDbConnectionFactory connections,
    StructureStore structures,
    DeclarationStore declarations,
    OutboxWriter outbox,
    TimeProvider clock,
    IOutboxSignal outboxSignal) : ActivityDeclarations.ActivityDeclarationsBase
{
    [Authorize(Policy = CtgPolicies.DeclarationsWrite)]
    public override Task<Declaration> SubmitDeclaration(SubmitDeclarationRequest request, ServerCallContext context) =>
        RecordAsync(request.StructureId, request.Year, request.Version, request.Figures, request.ReceivedOn, reason: null, expectedRevision: 0, context.CancellationToken);

    [Authorize(Policy = CtgPolicies.DeclarationsWrite)]
    public override Task<Declaration> CorrectDeclaration(CorrectDeclarationRequest request, ServerCallContext context)
    {
        if (string.IsNullOrWhiteSpace(request.Reason))
        {
            var validation = new Validation().Add("reason", "is required: a correction says why.");
            validation.Require(request.ExpectedRevision > 0, "expected_revision", "is required: the revision being corrected.");
            validation.ThrowIfInvalid();
        }

        return RecordAsync(request.StructureId, request.Year, request.Version, request.Figures, request.ReceivedOn, request.Reason.Trim(), request.ExpectedRevision, context.CancellationToken);
    }

    private async Task<Declaration> RecordAsync(
        string structureId, int year, DeclarationVersion version, ActivityFigures? figures, Common.V1.Date? receivedOnProto,
        string? reason, int expectedRevision, CancellationToken ct)
    {
        var validation = new Validation();
        validation.Require(structureId.Length > 0, "structure_id", "is required.");
        validation.Require(year is >= DeclarationPolicy.MinYear and <= DeclarationPolicy.MaxYear, "year",
            $"must be between {DeclarationPolicy.MinYear} and {DeclarationPolicy.MaxYear}.");
        if (version == DeclarationVersion.Unspecified || !Enum.IsDefined(version))
        {
            validation.Add("version", $"unknown declaration version ({(int)version}).");
        }

        if (reason is not null)
        {
            validation.Require(expectedRevision > 0, "expected_revision", "is required: the revision being corrected.");
        }

        var today = clock.Today();
        if (receivedOnProto is not null && !Values.IsValid(receivedOnProto))
        {
            validation.Add("received_on", "is not a valid date.");
        }

        var receivedOn = receivedOnProto.ToDateOnly() ?? today;
        validation.Require(receivedOn <= today, "received_on", "is in the future.");
        validation.ThrowIfInvalid();

        await using var connection = await connections.OpenAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        var structure = await structures.GetCurrentAsync(connection, transaction, structureId, ct)
            ?? throw RpcErrors.NotFound($"Structure '{structureId}' does not exist.");

        var parsed = DeclarationRules.Parse(validation, figures, structure.Details.Kind, "figures");
        validation.ThrowIfInvalid();
        var preconditions = DeclarationPolicy.Preconditions(structure, year, version, receivedOn, today);
        if (preconditions.Count > 0)
        {
            throw RpcErrors.FailedPrecondition("The structure cannot declare this year and version now.", [.. preconditions]);
        }

        var latest = await declarations.LatestRevisionAsync(connection, transaction, structureId, year, version, ct);
        if (reason is null && latest > 0)
        {
            throw RpcErrors.AlreadyExists($"The {version.Code()} {year} of '{structureId}' exists; a change is a correction with a reason.",
                ("version", $"revision {latest} exists: use CorrectDeclaration."));
        }

        if (reason is not null && latest == 0)
        {
            throw RpcErrors.FailedPrecondition($"There is no {version.Code()} {year} of '{structureId}' to correct.",
                ("version", "nothing to correct: use SubmitDeclaration."));
        }

        if (reason is not null && latest != expectedRevision)
        {
            throw RpcErrors.Aborted($"The latest revision is {latest}, not {expectedRevision}; reload and retry.");
        }

        var declaration = DeclarationPolicy.Build(structure, year, version, parsed, receivedOn, latest + 1, reason ?? "", clock.NowIso());
        await declarations.InsertAsync(connection, transaction, declaration, ct);
        await outbox.AddAsync(transaction, StructureTopics.DeclarationSubmitted, DeclarationEvents.Submitted(declaration, parsed, structure), ct);
        await transaction.CommitAsync(ct);
        outboxSignal.Notify(); // publish now rather than at the next poll
        return declaration;
    }

    [Authorize(Policy = CtgPolicies.StructuresRead)]
    public override async Task<Declaration> GetDeclaration(GetDeclarationRequest request, ServerCallContext context)
    {
        await using var connection = await connections.OpenAsync(context.CancellationToken);
        return await declarations.GetAsync(connection, request.StructureId, request.Year, request.Version, request.Revision, context.CancellationToken)
            ?? throw RpcErrors.NotFound($"No {request.Version.Code()} {request.Year} declaration{(request.Revision > 0 ? $" revision {request.Revision}" : "")} for '{request.StructureId}'.");
    }

    [Authorize(Policy = CtgPolicies.StructuresRead)]
    public override async Task<ListDeclarationsResponse> ListDeclarations(ListDeclarationsRequest request, ServerCallContext context)
    {
        await using var connection = await connections.OpenAsync(context.CancellationToken);
        if (!await structures.ExistsAsync(connection, null, request.StructureId, context.CancellationToken))
        {
            throw RpcErrors.NotFound($"Structure '{request.StructureId}' does not exist.");
        }

        var list = await declarations.ListAsync(connection, request.StructureId, request.Year, context.CancellationToken);
        return new ListDeclarationsResponse { Declarations = { list } };
    }
}

internal static class DeclarationEvents
{
    public static DeclarationSubmittedV1 Submitted(Declaration d, ParsedFigures f, Structure s) => new(
        d.DeclarationId,
        d.StructureId,
        d.Kind.Code(),
        d.Year,
        d.Version.Code(),
        d.Revision,
        d.CorrectionReason.Length > 0 ? d.CorrectionReason : null,
        d.ReceivedOn.ToDateOnly()!.Value.ToIso(),
        d.DueDate.ToDateOnly()!.Value.ToIso(),
        d.Late,
        d.NeedsReview,
        f.BillingRate,
        f.HoursInvoiced,
        f.HoursAttended,
        f.OperatingCostsCents,
        f.FamilyParticipationsCents,
        f.RegimeGeneralShare,
        f.AeehHours,
        f.AeehChildren,
        f.Places,
        f.MonthsOpen,
        f.Etp,
        f.OpeningHours,
        s.Details.Eaje is { } eaje ? eaje.SuppliesNappies && eaje.SuppliesMeals : null,
        s.Details.SupportingCollectivityId,
        s.ConventionId,
        (s.Details.Address.CommuneInsee.Length > 0 ? s.Details.Address.CommuneInsee : null),
        s.Details.Address.CommuneName,
        s.Details.Manager.Name);
}
