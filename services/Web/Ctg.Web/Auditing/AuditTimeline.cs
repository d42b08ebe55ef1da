using Ctg.Audit.V1;
using Ctg.Common.V1;
using Ctg.ServiceDefaults;

namespace Ctg.Web.Auditing;

/// <summary>One record of the merged timeline and the service whose log holds it.</summary>
public sealed record TimelineEntry(string Service, AuditRecord Record);

/// <summary>A page of the merged timeline: its entries, the cursor of the next page ("" on the last), and how many
/// records the logs hold about the target in all.</summary>
public sealed record TimelinePage(IReadOnlyList<TimelineEntry> Entries, string NextPageToken, int Total);

/// <summary>
/// One timeline of what was done on a convention, a structure or a run, across the four services' audit logs
/// (each service keeps its own <c>ctg.audit.v1.AuditLog</c>, oldest first): a k-way merge by time. Each log is
/// read a page at a time from where the previous page of the timeline stopped in it, so the merged cursor holds,
/// per log, the log's own page token and how many records of that page were already shown.
/// </summary>
public sealed class AuditTimeline(Func<string, AuditLog.AuditLogClient> logs)
{
    /// <summary>The logs in a fixed order, which also orders records of the same instant.</summary>
    public static readonly string[] Services = ["signatories", "structures", "funding", "reporting"];

    public async Task<TimelinePage> PageAsync(string targetId, string? pageToken, int pageSize, CancellationToken cancellationToken)
    {
        var (positions, knownTotal) = Decode(pageToken) ?? throw new ArgumentException("not a token of this timeline", nameof(pageToken));
        var reads = Services.Select((service, i) => ReadAsync(service, targetId, positions[i], pageSize, cancellationToken)).ToArray();
        var heads = await Task.WhenAll(reads);

        // The page is the pageSize earliest records among every log's next ones: each log supplied at least
        // pageSize of its records (or all it has left), so none of a later page can come before them.
        var entries = heads
            .SelectMany((h, i) => h.Records.Select((r, k) => (Log: i, Index: k, Entry: new TimelineEntry(Services[i], r))))
            .OrderBy(x => x.Entry.Record.OccurredAt?.ToDateTimeOffset() ?? DateTimeOffset.MinValue)
            .ThenBy(x => x.Log)
            .ThenBy(x => x.Entry.Record.Sequence)
            .Take(pageSize)
            .ToList();

        var next = new Position[Services.Length];
        for (var i = 0; i < Services.Length; i++)
        {
            var taken = entries.Count(e => e.Log == i);
            next[i] = heads[i].After(taken);
        }

        // The total as the first page counted it: a log already read to its end is not asked again.
        var total = knownTotal ?? heads.Sum(h => h.Total);
        return new TimelinePage(entries.Select(e => e.Entry).ToList(), next.Any(p => !p.Done) ? Encode(next, total) : "", total);
    }

    /// <summary>Where the timeline stands in one log: the log's page token and how many of that page were shown;
    /// <see cref="Done"/> once the log's last record was read.</summary>
    public readonly record struct Position(string Token, int Shown, bool Done);

    /// <summary>What one log gives from a position: its next records (in order), the positions they start at.</summary>
    private sealed record Head(IReadOnlyList<AuditRecord> Records, IReadOnlyList<(string Token, int Offset)> Starts, string TokenAfter, int Total)
    {
        /// <summary>The position after the first <paramref name="taken"/> records.</summary>
        public Position After(int taken) => taken < Records.Count
            ? new Position(Starts[taken].Token, Starts[taken].Offset, false)
            : new Position(TokenAfter, 0, TokenAfter.Length == 0);
    }

    private async Task<Head> ReadAsync(string service, string targetId, Position position, int pageSize, CancellationToken cancellationToken)
    {
        var records = new List<AuditRecord>();
        var starts = new List<(string, int)>();
        if (position.Done)
        {
            return new Head(records, starts, "", 0);
        }

        var token = position.Token;
        var skip = position.Shown;
        var total = 0;
        var first = true;
        while (true)
        {
            var response = await logs(service).QueryAuditAsync(
                new QueryAuditRequest { TargetId = targetId, Page = new PageRequest { PageSize = pageSize, PageToken = token } },
                cancellationToken: cancellationToken);
            if (first)
            {
                total = response.Page?.TotalSize ?? 0;
                first = false;
            }

            for (var k = skip; k < response.Records.Count; k++)
            {
                records.Add(response.Records[k]);
                starts.Add((token, k));
            }

            skip = 0;
            token = response.Page?.NextPageToken ?? "";
            // Enough of this log for a page, or nothing more in it.
            if (records.Count >= pageSize || token.Length == 0)
            {
                return new Head(records, starts, token, total);
            }
        }
    }

    /// <summary>Per log: "d" when done, else "o", the log's token and the count shown; then the total; in one opaque cursor.</summary>
    public static string Encode(IReadOnlyList<Position> positions, int total) =>
        PageCursor.Encode([
            .. positions.SelectMany(p => new[] { p.Done ? "d" : "o", p.Token, p.Shown.ToString(System.Globalization.CultureInfo.InvariantCulture) }),
            total.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ]);

    /// <summary>The positions and total of a cursor <see cref="Encode"/> made (every log at its start and no total
    /// when empty); null for anything else.</summary>
    public static (Position[] Positions, int? Total)? Decode(string? token)
    {
        if (string.IsNullOrEmpty(token))
        {
            return (Services.Select(_ => new Position("", 0, false)).ToArray(), null);
        }

        var parts = PageCursor.Decode(token);
        if (parts is null || parts.Count != Services.Length * 3 + 1
            || !int.TryParse(parts[^1], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var total))
        {
            return null;
        }

        var positions = new Position[Services.Length];
        for (var i = 0; i < Services.Length; i++)
        {
            var (state, logToken, shown) = (parts[i * 3], parts[i * 3 + 1], parts[i * 3 + 2]);
            if (state is not ("d" or "o") || !int.TryParse(shown, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var count))
            {
                return null;
            }

            positions[i] = new Position(logToken, count, state == "d");
        }

        return (positions, total);
    }
}
