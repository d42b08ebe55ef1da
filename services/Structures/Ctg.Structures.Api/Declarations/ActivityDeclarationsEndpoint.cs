using Ctg.Application.Commands;
using Ctg.Data;
using Ctg.Domain;
using Ctg.ServiceDefaults;
using Ctg.ServiceDefaults.Security;
using Ctg.Structures.Shared;
using Ctg.Structures.V1;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;

namespace Ctg.Structures.Declarations;

/// <summary>The gRPC face of activity declarations: request checks and mapping, the command pipeline for
/// the writes (<see cref="RecordDeclarationHandler"/>), and the scoped reads. A first revision per
/// (structure, year, version), then corrections as new revisions with a reason; nothing is overwritten.</summary>
internal sealed class ActivityDeclarationsEndpoint(
    IDbConnectionFactory connections,
    ICommandPipeline pipeline,
    StructureStore structures,
    DeclarationStore declarations,
    TimeProvider clock) : ActivityDeclarations.ActivityDeclarationsBase
{
    [Authorize(Policy = CtgPolicies.DeclarationsWrite)]
    public override Task<Declaration> SubmitDeclaration(SubmitDeclarationRequest request, ServerCallContext context)
    {
        var command = ToCommand(request.StructureId, request.Year, request.Version, request.Figures, request.ReceivedOn, reason: null, expectedRevision: 0);
        return RecordAsync(context, "structures.SubmitDeclaration", request, command, request.ClientRequestId);
    }

    [Authorize(Policy = CtgPolicies.DeclarationsWrite)]
    public override Task<Declaration> CorrectDeclaration(CorrectDeclarationRequest request, ServerCallContext context)
    {
        if (string.IsNullOrWhiteSpace(request.Reason))
        {
            var validation = new Validation().Add("reason", "is required: a correction says why.");
            validation.Require(request.ExpectedRevision > 0, "expected_revision", "is required: the revision being corrected.");
            validation.ThrowIfAny();
        }

        var command = ToCommand(request.StructureId, request.Year, request.Version, request.Figures, request.ReceivedOn, request.Reason.Trim(), request.ExpectedRevision);
        return RecordAsync(context, "structures.CorrectDeclaration", request, command, clientRequestId: null);
    }

    private Task<Declaration> RecordAsync(ServerCallContext context, string name, Google.Protobuf.IMessage request, DeclarationCommand command, string? clientRequestId)
    {
        var scope = StructureScope.Of(context.GetCaller());
        return pipeline.ExecuteAsync(context, name, request,
            ctx => RecordDeclarationHandler.HandleAsync(ctx, new SqlDeclarationWrites(ctx, structures, declarations), scope, command),
            clientRequestId, command.StructureId);
    }

    /// <summary>The request's own fields, checked before anything is read: INVALID_ARGUMENT with every violation.</summary>
    private DeclarationCommand ToCommand(
        string structureId, int year, DeclarationVersion version, ActivityFigures? figures, Common.V1.Date? receivedOn, string? reason, int expectedRevision)
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
        var received = ProtoDates.Optional(validation, receivedOn, "received_on") ?? today;
        validation.Require(received <= today, "received_on", "is in the future.");
        validation.ThrowIfAny();
        return new DeclarationCommand(structureId, year, version, figures, received, reason, expectedRevision);
    }

    [Authorize(Policy = CtgPolicies.StructuresRead)]
    public override async Task<Declaration> GetDeclaration(GetDeclarationRequest request, ServerCallContext context)
    {
        await using var connection = await connections.OpenAsync(context.CancellationToken);
        var structure = await structures.GetCurrentAsync(connection, null, request.StructureId, context.CancellationToken);
        if (structure is not null && !StructureScope.Of(context.GetCaller()).Allows(structure))
        {
            throw new NotFoundError($"Structure '{request.StructureId}' does not exist.");
        }

        return await declarations.GetAsync(connection, request.StructureId, request.Year, request.Version, request.Revision, context.CancellationToken)
            ?? throw new NotFoundError($"No {request.Version.Code()} {request.Year} declaration{(request.Revision > 0 ? $" revision {request.Revision}" : "")} for '{request.StructureId}'.");
    }

    [Authorize(Policy = CtgPolicies.StructuresRead)]
    public override async Task<ListDeclarationsResponse> ListDeclarations(ListDeclarationsRequest request, ServerCallContext context)
    {
        await using var connection = await connections.OpenAsync(context.CancellationToken);
        var structure = await structures.GetCurrentAsync(connection, null, request.StructureId, context.CancellationToken);
        if (structure is null || !StructureScope.Of(context.GetCaller()).Allows(structure))
        {
            throw new NotFoundError($"Structure '{request.StructureId}' does not exist.");
        }

        var list = await declarations.ListAsync(connection, request.StructureId, request.Year, context.CancellationToken);
        return new ListDeclarationsResponse { Declarations = { list } };
    }

    [Authorize(Policy = CtgPolicies.StructuresRead)]
    public override async Task StreamConventionDeclarations(
        StreamConventionDeclarationsRequest request, IServerStreamWriter<Declaration> responseStream, ServerCallContext context)
    {
        var validation = new Validation();
        validation.Require(request.ConventionId.Length > 0, "convention_id", "is required.");
        validation.Require(request.Year is >= DeclarationPolicy.MinYear and <= DeclarationPolicy.MaxYear, "year",
            $"must be between {DeclarationPolicy.MinYear} and {DeclarationPolicy.MaxYear}.");
        if (request.Version == DeclarationVersion.Unspecified || !Enum.IsDefined(request.Version))
        {
            validation.Add("version", $"unknown declaration version ({(int)request.Version}).");
        }

        validation.ThrowIfAny();
        await using var connection = await connections.OpenAsync(context.CancellationToken);
        await foreach (var declaration in declarations.StreamLatestOfConventionAsync(
                           connection, request.ConventionId, request.Year, request.Version, StructureScope.Of(context.GetCaller()), context.CancellationToken))
        {
            await responseStream.WriteAsync(declaration, context.CancellationToken);
        }
    }
}
