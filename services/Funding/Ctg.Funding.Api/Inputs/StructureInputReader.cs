using Ctg.Funding.Api.Upstream;
using Ctg.Funding.V1;
using Ctg.ServiceDefaults;
using Ctg.Signatories.V1;
using Ctg.Structures.V1;

namespace Ctg.Funding.Api.Inputs;

/// <summary>A structure, its declaration (null in a simulation that supplies the figures) and its convention, as read.</summary>
public sealed record StructureInputs(Structure Structure, Declaration? Declaration, Convention? Convention);

/// <summary>Reads at compute time what one structure's funding needs from the structures and signatories services.</summary>
public sealed class StructureInputReader(UpstreamReader upstream)
{
    public async Task<StructureInputs> ReadAsync(ComputeStructureRequest request, bool declarationRequired, CancellationToken ct)
    {
        var validation = new Validation();
        validation.Require(!string.IsNullOrWhiteSpace(request.StructureId), "structure_id", "must not be empty");
        validation.Require(request.Year is >= 2000 and <= 2100, "year", "must be between 2000 and 2100");
        validation.Require(request.DeclarationVersion != DeclarationVersion.Unspecified, "declaration_version", "must be set");
        validation.Require(request.DeclarationRevision >= 0, "declaration_revision", "must not be negative (0 = latest)");
        validation.ThrowIfInvalid();

        var structure = await upstream.GetStructureAsync(request.StructureId, ct);
        Convention? convention = null;
        if (!string.IsNullOrEmpty(structure.ConventionId))
        {
            convention = await upstream.GetConventionAsync(structure.ConventionId, ct);
            ConventionChecks.RequireYearWithinPeriod(convention, request.Year);
        }

        Declaration? declaration = null;
        if (declarationRequired)
        {
            declaration = await upstream.FindDeclarationAsync(request.StructureId, request.Year, request.DeclarationVersion, request.DeclarationRevision, ct)
                ?? throw RpcErrors.NotFound($"Structure '{request.StructureId}' has no {request.DeclarationVersion} declaration for {request.Year}"
                    + (request.DeclarationRevision > 0 ? $" (revision {request.DeclarationRevision})." : "."));
        }

        return new StructureInputs(structure, declaration, convention);
    }
}
