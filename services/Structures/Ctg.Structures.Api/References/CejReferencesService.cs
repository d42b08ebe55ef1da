using Ctg.Common.V1;
using Ctg.Data;
using Ctg.Eventing;
using Ctg.ServiceDefaults;
using Ctg.Structures.Events;
using Ctg.Structures.Persistence;
using Ctg.Structures.V1;
using Grpc.Core;
using Ctg.ServiceDefaults.Security;
using Microsoft.AspNetCore.Authorization;

namespace Ctg.Structures.References;

/// <summary>CEJ reference amounts per structure and reference year: the input of the bonus territoire.</summary>
internal sealed class CejReferencesService(
    IDbConnectionFactory connections,
    StructureStore structures,
    ReferenceStore references,
    OutboxWriter outbox,
    TimeProvider clock,
    IOutboxSignal outboxSignal) : CejReferences.CejReferencesBase
{
    [Authorize(Policy = CtgPolicies.StructuresWrite)]
    public override async Task<CejReference> RecordReference(RecordReferenceRequest request, ServerCallContext context)
    {
        var ct = context.CancellationToken;
        var validation = new Validation();
        validation.Require(request.StructureId.Length > 0, "structure_id", "is required.");
        var units = ReferenceRules.Validate(validation, request.ReferenceYear, request.Amount?.Cents, request.Unit, request.ReferenceUnits);
        validation.ThrowIfInvalid();

        await using var connection = await connections.OpenAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        var structure = await structures.GetCurrentAsync(connection, transaction, request.StructureId, ct)
            ?? throw RpcErrors.NotFound($"Structure '{request.StructureId}' does not exist.");
        var preconditions = ReferenceRules.Preconditions(structure, request.Unit);
        if (preconditions.Count > 0)
        {
            throw RpcErrors.FailedPrecondition("This structure cannot have this reference.", [.. preconditions]);
        }

        if (await references.ExistsAsync(connection, transaction, request.StructureId, request.ReferenceYear, ct))
        {
            throw RpcErrors.AlreadyExists($"'{request.StructureId}' already has a {request.ReferenceYear} reference.",
                ("reference_year", "a reference is recorded once per structure and year."));
        }

        var reference = Build(structure, request.ReferenceYear, request.Amount!.Cents, request.Unit, units!.Value, request.SourceNote, clock.NowIso());
        await references.InsertAsync(connection, transaction, reference, structure.ConventionId, ct);
        await outbox.AddAsync(transaction, StructureTopics.ReferenceRecorded, Recorded(reference, units.Value, structure), ct);
        await transaction.CommitAsync(ct);
        outboxSignal.Notify(); // publish now rather than at the next poll
        return reference;
    }

    [Authorize(Policy = CtgPolicies.StructuresRead)]
    public override async Task<ListReferencesResponse> ListReferences(ListReferencesRequest request, ServerCallContext context)
    {
        if (request.StructureId.Length == 0 && request.ConventionId.Length == 0)
        {
            throw RpcErrors.InvalidArgument("Say whose references to list.",
                ("structure_id", "one of structure_id or convention_id is required."));
        }

        await using var connection = await connections.OpenAsync(context.CancellationToken);
        var list = await references.ListAsync(connection, request.StructureId, request.ConventionId, request.ReferenceYear, context.CancellationToken);
        return new ListReferencesResponse { References = { list } };
    }

    internal static CejReference Build(Structure structure, int year, long cents, ReferenceUnit unit, decimal units, string sourceNote, string recordedAt) => new()
    {
        StructureId = structure.StructureId,
        ReferenceYear = year,
        Amount = new Money { Cents = cents },
        Unit = unit,
        ReferenceUnits = ((decimal?)units).ToDecimalValue(),
        Kind = structure.Details.Kind,
        SupportingCollectivityId = structure.Details.SupportingCollectivityId,
        SourceNote = sourceNote,
        RecordedAt = recordedAt,
    };

    internal static ReferenceRecordedV1 Recorded(CejReference r, decimal units, Structure s) => new(
        r.StructureId,
        r.Kind.Code(),
        r.ReferenceYear,
        r.Amount.Cents,
        r.Unit.Code(),
        units,
        r.SupportingCollectivityId,
        s.ConventionId,
        (s.Details.Address.CommuneInsee.Length > 0 ? s.Details.Address.CommuneInsee : null),
        s.Details.Address.CommuneName,
        s.Details.Manager.Name);
}
