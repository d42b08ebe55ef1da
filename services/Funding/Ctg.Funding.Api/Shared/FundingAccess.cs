using Ctg.Domain;
using Ctg.Funding.Api.Upstream;
using Ctg.Funding.V1;
using Ctg.ServiceDefaults.Security;

namespace Ctg.Funding.Api.Shared;

/// <summary>
/// Row-level scoping of funding's reads (issue 10). Funding keeps no registry of its own, so it asks the
/// services that own the rows, with the caller's forwarded token: structures answers NOT_FOUND for a
/// structure outside a manager's gestionnaires or a staff member's CAF, and lists only the structures of
/// a CTG the caller may see; a convention's CAF is the signatories service's. Whatever is outside the
/// caller's scope is answered NOT_FOUND, as if it did not exist. Callers with a national view (auditors,
/// administrators, staff and partners without a CAF claim) are not checked: nothing is read for them.
/// </summary>
public sealed class FundingAccess(UpstreamReader upstream)
{
    /// <summary>NOT_FOUND unless the caller may see the structure.</summary>
    public async Task RequireStructureAsync(CallerIdentity caller, string structureId, CancellationToken ct)
    {
        if (caller.IsRestrictedToGestionnaires || caller.IsRestrictedToCafs)
        {
            await upstream.GetStructureAsync(structureId, ct);
        }
    }

    /// <summary>NOT_FOUND when the convention belongs to a CAF the caller does not work for.</summary>
    public async Task RequireConventionAsync(CallerIdentity caller, string conventionId, CancellationToken ct)
    {
        // An empty id is the request's own mistake, reported by its validation with the other fields.
        if (!caller.IsRestrictedToCafs || string.IsNullOrWhiteSpace(conventionId))
        {
            return;
        }

        var convention = await upstream.GetConventionAsync(conventionId, ct);
        if (!caller.Cafs.Contains(convention.CafDepartement, StringComparer.Ordinal))
        {
            throw new NotFoundError($"Convention '{conventionId}' is unknown to the signatories service.");
        }
    }

    /// <summary>
    /// A run as the caller may read it: whole for staff of its CAF; for a structure manager, only what concerns
    /// their structures (RunScope.Narrow). NOT_FOUND when nothing of it is theirs.
    /// </summary>
    public async Task<AllocationRun> ScopeRunAsync(CallerIdentity caller, AllocationRun run, CancellationToken ct)
    {
        await RequireConventionAsync(caller, run.ConventionId, ct);
        if (!caller.IsRestrictedToGestionnaires)
        {
            return run;
        }

        var visible = await VisibleStructuresAsync(run.ConventionId, ct);
        return RunScope.Narrow(run, visible) ?? throw new NotFoundError($"Allocation run '{run.RunId}' is unknown.");
    }

    /// <summary>NOT_FOUND when a manager has no structure in the convention (a convention of another CAF for staff).</summary>
    public async Task<IReadOnlySet<string>?> RequireConventionStructuresAsync(CallerIdentity caller, string conventionId, CancellationToken ct)
    {
        await RequireConventionAsync(caller, conventionId, ct);
        if (!caller.IsRestrictedToGestionnaires)
        {
            return null;
        }

        var visible = await VisibleStructuresAsync(conventionId, ct);
        return visible.Count > 0 ? visible : throw new NotFoundError($"Convention '{conventionId}' has no allocation run.");
    }

    private async Task<IReadOnlySet<string>> VisibleStructuresAsync(string conventionId, CancellationToken ct) =>
        (await upstream.StreamStructuresAsync(conventionId, ct)).Select(s => s.StructureId).ToHashSet(StringComparer.Ordinal);
}
