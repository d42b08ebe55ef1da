using Ctg.Audit.V1;
using Ctg.Web.Auditing;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;

namespace Ctg.Web.Tests.Unit;

public sealed class AuditTimelineTests
{
    /// <summary>A service's audit log as the services page it: oldest first, the token the last sequence shown.</summary>
    private sealed class FakeLog(IReadOnlyList<AuditRecord> records) : AuditLog.AuditLogClient
    {
        public int Calls { get; private set; }

        public override AsyncUnaryCall<QueryAuditResponse> QueryAuditAsync(QueryAuditRequest request, CallOptions options)
        {
            Calls++;
            var after = request.Page.PageToken.Length == 0 ? 0 : long.Parse(request.Page.PageToken, System.Globalization.CultureInfo.InvariantCulture);
            var rows = records.Where(r => r.TargetIds.Contains(request.TargetId) && r.Sequence > after).Take(request.Page.PageSize + 1).ToList();
            var page = rows.Take(request.Page.PageSize).ToList();
            var response = new QueryAuditResponse
            {
                Page = new Ctg.Common.V1.PageResponse
                {
                    NextPageToken = rows.Count > page.Count ? page[^1].Sequence.ToString(System.Globalization.CultureInfo.InvariantCulture) : "",
                    TotalSize = records.Count(r => r.TargetIds.Contains(request.TargetId)),
                },
            };
            response.Records.AddRange(page);
            return new AsyncUnaryCall<QueryAuditResponse>(Task.FromResult(response), Task.FromResult(new Metadata()), () => Status.DefaultSuccess, () => [], () => { });
        }
    }

    private static AuditRecord At(long sequence, int minute, string command, string target = "ctg-1") => new()
    {
        Sequence = sequence,
        OccurredAt = Timestamp.FromDateTimeOffset(new DateTimeOffset(2026, 12, 1, 10, minute, 0, TimeSpan.Zero)),
        Command = command,
        TargetIds = { target },
    };

    private static Dictionary<string, FakeLog> Logs() => new()
    {
        ["signatories"] = new([At(1, 0, "s1"), At(2, 5, "s2"), At(3, 9, "s3"), At(4, 12, "s4")]),
        ["structures"] = new([At(1, 1, "t1"), At(2, 2, "t2"), At(3, 3, "other", "ctg-2"), At(4, 10, "t3")]),
        ["funding"] = new([At(1, 4, "f1"), At(2, 5, "f2"), At(3, 11, "f3")]),
        ["reporting"] = new([]),
    };

    [Fact]
    public async Task The_four_logs_make_one_timeline_by_time_paged_with_one_cursor_that_resumes_inside_each_log()
    {
        var logs = Logs();
        var timeline = new AuditTimeline(service => logs[service]);

        var seen = new List<string>();
        var token = "";
        var pages = 0;
        do
        {
            var page = await timeline.PageAsync("ctg-1", token, pageSize: 3, CancellationToken.None);
            Assert.Equal(10, page.Total);
            seen.AddRange(page.Entries.Select(e => $"{e.Record.Command}@{e.Service}"));
            token = page.NextPageToken;
            pages++;
        }
        while (token.Length > 0);

        // Same instant (10:05) in two logs: the logs' fixed order decides, signatories first.
        Assert.Equal(
            ["s1@signatories", "t1@structures", "t2@structures", "f1@funding", "s2@signatories", "f2@funding", "s3@signatories", "t3@structures", "f3@funding", "s4@signatories"],
            seen);
        Assert.Equal(4, pages);
    }

    [Fact]
    public async Task A_target_nobody_touched_has_an_empty_timeline_and_a_forged_cursor_is_refused()
    {
        var logs = Logs();
        var page = await new AuditTimeline(service => logs[service]).PageAsync("ctg-9", null, 50, CancellationToken.None);

        Assert.Equal((0, "", 0), (page.Entries.Count, page.NextPageToken, page.Total));
        Assert.Null(AuditTimeline.Decode("bm90LWEtdG9rZW4"));
        Assert.Null(AuditTimeline.Decode(Ctg.ServiceDefaults.PageCursor.Encode("o", "", "x")));
        await Assert.ThrowsAsync<ArgumentException>(() => new AuditTimeline(service => logs[service]).PageAsync("ctg-1", "forged", 50, CancellationToken.None));
    }
}
