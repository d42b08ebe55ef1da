using Ctg.Data;
using Ctg.ServiceDefaults;
using Ctg.ServiceDefaults.Security;
using Ctg.Structures.Declarations;
using Ctg.Structures.Shared;
using Ctg.Structures.V1;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;

namespace Ctg.Structures.Allocation;

/// <summary>The gRPC face of what allocations read for many CTGs at once (funding's RunAllocations): the CTGs are
/// read a chunk at a time, three queries per chunk, and streamed one message per CTG, so neither side holds the
/// national data set at once. The rows are answered as they are stored, never decoded (<see cref="StoredAllocationDataBase"/>).</summary>
internal sealed class AllocationInputsEndpoint(IDbConnectionFactory connections, AllocationInputsStore store) : StoredAllocationDataBase
{
    public const int MaxConventions = 5000;

    /// <summary>CTGs per query: well under SQL Server's 2,100 parameters, and a few thousand rows per chunk.</summary>
    public const int ChunkSize = 100;

    [Authorize(Policy = CtgPolicies.StructuresRead)]
    public override async Task StreamAllocationInputs(StreamAllocationInputsRequest request, IServerStreamWriter<EncodedAllocationInputs> responseStream, ServerCallContext context)
    {
        var validation = new Validation();
        validation.Require(request.ConventionIds.Count is > 0 and <= MaxConventions, "convention_ids", $"from 1 to {MaxConventions} convention ids.");
        validation.Require(request.ConventionIds.All(id => !string.IsNullOrWhiteSpace(id)), "convention_ids", "must not contain an empty id.");
        validation.Require(request.Year is >= DeclarationPolicy.MinYear and <= DeclarationPolicy.MaxYear, "year",
            $"must be between {DeclarationPolicy.MinYear} and {DeclarationPolicy.MaxYear}.");
        if (request.Version == DeclarationVersion.Unspecified || !Enum.IsDefined(request.Version))
        {
            validation.Add("version", $"unknown declaration version ({(int)request.Version}).");
        }

        validation.ThrowIfAny();
        var ct = context.CancellationToken;
        var scope = StructureScope.Of(context.GetCaller());
        var ids = request.ConventionIds.Distinct(StringComparer.Ordinal).ToList();
        await using var connection = await connections.OpenAsync(ct);
        foreach (var chunk in ids.Chunk(ChunkSize))
        {
            var structures = (await store.StructuresAsync(connection, chunk, scope, ct)).ToLookup(s => s.ConventionId, s => s.Structure, StringComparer.Ordinal);
            var references = (await store.ReferencesAsync(connection, chunk, scope, ct)).ToLookup(r => r.ConventionId, r => r.Reference, StringComparer.Ordinal);
            var declarations = (await store.DeclarationsAsync(connection, chunk, request.Year, request.Version, scope, ct))
                .ToLookup(d => d.ConventionId, d => d.Declaration, StringComparer.Ordinal);
            foreach (var id in chunk)
            {
                var message = EncodedAllocationInputs.Of(id, structures[id], references[id], declarations[id]);
                await responseStream.WriteAsync(message, ct);
            }
        }
    }
}
