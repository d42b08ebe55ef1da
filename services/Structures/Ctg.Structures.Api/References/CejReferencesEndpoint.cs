using Ctg.Application.Commands;
using Ctg.Data;
using Ctg.Domain;
using Ctg.ServiceDefaults;
using Ctg.ServiceDefaults.Security;
using Ctg.Structures.Shared;
using Ctg.Structures.V1;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;

namespace Ctg.Structures.References;

/// <summary>The gRPC face of CEJ reference amounts per structure and reference year (the input of the bonus
/// territoire): request checks, the command pipeline for the write, the scoped list.</summary>
internal sealed class CejReferencesEndpoint(
    IDbConnectionFactory connections,
    ICommandPipeline pipeline,
    StructureStore structures,
    ReferenceStore references) : CejReferences.CejReferencesBase
{
    [Authorize(Policy = CtgPolicies.StructuresWrite)]
    public override Task<CejReference> RecordReference(RecordReferenceRequest request, ServerCallContext context)
    {
        var validation = new Validation();
        validation.Require(request.StructureId.Length > 0, "structure_id", "is required.");
        var units = ReferenceRules.Validate(validation, request.ReferenceYear, request.Amount?.Cents, request.Unit, request.ReferenceUnits);
        validation.ThrowIfAny();
        var command = new ReferenceCommand(request.StructureId, request.ReferenceYear, request.Amount!.Cents, request.Unit, units!.Value, request.SourceNote);
        var scope = StructureScope.Of(context.GetCaller());
        return pipeline.ExecuteAsync(context, "structures.RecordReference", request,
            ctx => RecordReferenceHandler.HandleAsync(ctx, new SqlReferenceWrites(ctx, structures, references), scope, command),
            request.ClientRequestId, request.StructureId);
    }

    [Authorize(Policy = CtgPolicies.StructuresRead)]
    public override async Task<ListReferencesResponse> ListReferences(ListReferencesRequest request, ServerCallContext context)
    {
        if (request.StructureId.Length == 0 && request.ConventionId.Length == 0)
        {
            throw new RuleViolationError("Say whose references to list.",
                new FieldViolation("structure_id", "one of structure_id or convention_id is required."));
        }

        await using var connection = await connections.OpenAsync(context.CancellationToken);
        var scope = StructureScope.Of(context.GetCaller());
        if (request.StructureId.Length > 0 && !scope.IsEverything
            && await structures.GetCurrentAsync(connection, null, request.StructureId, context.CancellationToken) is { } structure && !scope.Allows(structure))
        {
            throw new NotFoundError($"Structure '{request.StructureId}' does not exist.");
        }

        var list = await references.ListAsync(connection, request.StructureId, request.ConventionId, request.ReferenceYear, scope, context.CancellationToken);
        return new ListReferencesResponse { References = { list } };
    }
}
