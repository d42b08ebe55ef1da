using Ctg.Funding.Api.Shared;
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
        RequireOpenDuring(structure, request.Year);

        // The prestation de service and its bonuses do not depend on a CTG (RULES.md §2, DECISION-PS-WITHOUT-CTG):
        // the convention is only named in the result when it covers the year; only the bonus territoire needs one.
        Convention? convention = null;
        if (!string.IsNullOrEmpty(structure.ConventionId))
        {
            var read = await upstream.GetConventionAsync(structure.ConventionId, ct);
            convention = ConventionChecks.Covers(read, request.Year) ? read : null;
        }

        Declaration? declaration = null;
        if (declarationRequired)
        {
            declaration = await upstream.FindDeclarationAsync(request.StructureId, request.Year, request.DeclarationVersion, request.DeclarationRevision, ct)
                ?? throw new Ctg.Domain.NotFoundError($"Structure '{request.StructureId}' has no {request.DeclarationVersion} declaration for {request.Year}"
                    + (request.DeclarationRevision > 0 ? $" (revision {request.DeclarationRevision})." : "."));
        }

        return new StructureInputs(structure, declaration, convention);
    }

    /// <summary>INVALID_ARGUMENT on year when the structure opened after it or closed before it.</summary>
    private static void RequireOpenDuring(Structure structure, int year)
    {
        var (opening, closing) = OpenPeriod.Of(structure);
        if (opening is { } o && o > new DateOnly(year, 12, 31))
        {
            throw DomainErrors.RuleViolation($"Structure '{structure.StructureId}' opened on {o:dd/MM/yyyy}, after {year}.",
                ("year", $"the structure is not open during {year}"));
        }

        if (closing is { } c && c < new DateOnly(year, 1, 1))
        {
            throw DomainErrors.RuleViolation($"Structure '{structure.StructureId}' closed on {c:dd/MM/yyyy}, before {year}.",
                ("year", $"the structure is not open during {year}"));
        }
    }
}
