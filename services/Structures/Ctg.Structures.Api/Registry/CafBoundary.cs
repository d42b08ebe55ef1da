using Ctg.Application.Commands;
using Ctg.Domain;
using Ctg.Structures.Shared;
using Ctg.Structures.Upstream;

namespace Ctg.Structures.Registry;

/// <summary>A CAF's finance officer registers and moves structures only within the CTGs of their own CAF.
/// A collectivity whose CTG the caller cannot read (its CAF unknown here) is refused too: an unknown CAF
/// must never be a way around the boundary.</summary>
internal static class CafBoundary
{
    public static void ThrowIfOutsideCallerCaf(ICommandContext ctx, SupportingCollectivity collectivity)
    {
        if (ctx.Caller.IsRestrictedToCafs && !ctx.Caller.Cafs.Contains(collectivity.CafDepartement, StringComparer.Ordinal))
        {
            throw new AccessDeniedError(collectivity.CafDepartement.Length == 0
                ? $"The CTG of supporting collectivity '{collectivity.SignatoryId}' is not one of your CAF's."
                : $"The supporting collectivity '{collectivity.SignatoryId}' belongs to a CTG of another CAF than yours.");
        }
    }
}
