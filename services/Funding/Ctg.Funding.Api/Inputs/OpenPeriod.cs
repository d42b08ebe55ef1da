using Ctg.Funding.Api.Shared;
using Ctg.Structures.V1;

namespace Ctg.Funding.Api.Inputs;

/// <summary>A structure's opening and closing dates as the registry answered them, read once for both the
/// single computation and the allocation: null when unknown, refused when not a calendar date.</summary>
internal static class OpenPeriod
{
    public static (DateOnly? Opening, DateOnly? Closing) Of(Structure structure)
    {
        var owner = $"Structure '{structure.StructureId}'";
        return (UpstreamDates.Read(structure.Details?.OpeningDate, owner, "an opening date", "details.opening_date"),
            UpstreamDates.Read(structure.ClosingDate, owner, "a closing date", "closing_date"));
    }
}
