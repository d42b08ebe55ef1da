using Ctg.ServiceDefaults;
using Ctg.ServiceDefaults.Security;
using Ctg.Signatories.Conventions;
using Ctg.Signatories.Shared;
using Ctg.Signatories.V1;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;

namespace Ctg.Signatories.Directory;

/// <summary>Resolves a signatory id for other services, with its convention's status on a date.</summary>
public sealed class SignatoryDirectoryService(ConventionStore store, TimeProvider clock) : SignatoryDirectory.SignatoryDirectoryBase
{
    [Authorize(Policy = CtgPolicies.SignatoriesRead)]
    public override async Task<SignatoryView> GetSignatory(GetSignatoryRequest request, ServerCallContext context)
    {
        var asOf = Dates.AsOf(request.AsOf, clock);
        var conventionId = string.IsNullOrEmpty(request.SignatoryId)
            ? null
            : await store.ConventionIdOfSignatoryAsync(request.SignatoryId, context.CancellationToken);
        // A signatory of another CAF's convention is answered as an unknown one, naming no convention.
        var aggregate = conventionId is null ? null : await store.FindVisibleAsync(conventionId, ConventionScope.Of(context.GetCaller()), context.CancellationToken);
        if (aggregate is null)
        {
            throw RpcErrors.NotFound($"Signatory '{request.SignatoryId}' does not exist.");
        }

        var signatory = aggregate.FindSignatory(request.SignatoryId);
        return new SignatoryView
        {
            SignatoryId = signatory.SignatoryId,
            ConventionId = aggregate.Record.ConventionId,
            Name = signatory.Name,
            Kind = signatory.Kind,
            ConventionStatus = aggregate.SnapshotAt(asOf).Status,
        };
    }
}
