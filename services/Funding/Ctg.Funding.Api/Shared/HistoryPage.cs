using Ctg.Domain;
using Ctg.ServiceDefaults;

namespace Ctg.Funding.Api.Shared;

/// <summary>
/// Where a page of a funding history starts: a history holds two lists (computations, bonus territoire
/// shares), so its cursor carries the last position read in each. Empty parts mean "from the start".
/// </summary>
public sealed record HistoryCursor(string ComputedAt, string ComputationId, string RunCreatedAt, string RunId)
{
    public static readonly HistoryCursor Start = new("", "", "", "");

    public string Encode() => PageCursor.Encode(ComputedAt, ComputationId, RunCreatedAt, RunId);

    /// <summary>The cursor a token encodes, or null when it is not a history token this service returned.</summary>
    public static HistoryCursor? Decode(string token) =>
        PageCursor.Decode(token) is [var at, var id, var runAt, var runId] ? new HistoryCursor(at, id, runAt, runId) : null;
}

/// <summary>A validated history page request (the shared paging rule: 0 = 50, at most 500).</summary>
public sealed record HistoryPage(int Size, HistoryCursor After)
{
    /// <summary>Reads <c>page_size</c> and <c>page_token</c> of a request, recording violations under those names.</summary>
    public static HistoryPage Read(int pageSize, string pageToken, Violations violations)
    {
        var size = Paging.ReadSize(pageSize, violations, "page_size");
        var after = HistoryCursor.Start;
        if (!string.IsNullOrEmpty(pageToken))
        {
            var decoded = HistoryCursor.Decode(pageToken);
            violations.Require(decoded is not null, "page_token", Paging.PageTokenMessage);
            after = decoded ?? HistoryCursor.Start;
        }

        return new HistoryPage(size, after);
    }
}
