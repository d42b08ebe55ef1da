using System.Data.Common;
using System.Security.Cryptography;
using Ctg.Application.Audit;
using Ctg.Application.Commands;
using Ctg.Application.Tests.Support;
using Ctg.Testing;
using Ctg.Audit.V1;
using Ctg.Common.V1;
using Ctg.Domain;
using Dapper;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;

namespace Ctg.Application.Tests;

/// <summary>What the pipeline and the audit log guarantee, run on each database (SQLite and PostgreSQL tests call these).</summary>
internal static class PipelineScenarios
{
    private static readonly CancellationToken None = CancellationToken.None;

    public static async Task Commit_writes_the_change_its_events_and_one_audit_record(PipelineHarness harness)
    {
        var command = PipelineHarness.Command("w-1", "Bleu");
        var result = await harness.Pipeline.ExecuteAsync(command, async context =>
        {
            context.AddTarget("atelier-39");
            return await PipelineHarness.CreateWidgetAsync(context, "w-1", "Bleu");
        }, None);

        Assert.Equal("w-1", result.Value);
        Assert.Equal(1, await harness.CountAsync("widgets"));
        var outbox = await harness.OutboxAsync();
        Assert.Equal([WidgetCreated.Topic], outbox.Select(e => e.Topic));
        Assert.Contains("\"widgetId\":\"w-1\"", outbox[0].Data, StringComparison.Ordinal);
        var entry = Assert.Single(await harness.AuditAsync());
        Assert.Equal(
            ("user-claire", "Claire Martin", "ctg.finance_officer", "ctg-web", PipelineHarness.CreateWidget, "w-1 atelier-39", "succeeded", "events: test.widget-created.v1"),
            (entry.Subject, entry.DisplayName, string.Join(' ', entry.Roles), entry.ClientId, entry.Command, string.Join(' ', entry.TargetIds), entry.Outcome, entry.Detail));
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(new StringValue { Value = "w-1|Bleu" }.ToByteArray())), entry.RequestSha256);
        Assert.Equal(64, entry.RequestSha256.Length);
        Assert.Equal(harness.Clock.Now, entry.OccurredAt);
        Assert.Equal(1, entry.Sequence);
        Assert.Equal(1, harness.Signal.Count);
    }

    public static async Task A_refusal_writes_nothing_but_the_refused_attempt(PipelineHarness harness)
    {
        var refusal = new RuleViolationError("The widget is invalid.", new FieldViolation("name", "must not be empty"), new FieldViolation("colour", "is unknown"));
        var thrown = await Assert.ThrowsAsync<RuleViolationError>(() => harness.Pipeline.ExecuteAsync<StringValue>(PipelineHarness.Command("w-1", ""), async context =>
        {
            await PipelineHarness.CreateWidgetAsync(context, "w-1", "");
            throw refusal;
        }, None));

        Assert.Same(refusal, thrown);
        Assert.Equal((0, 0), (await harness.CountAsync("widgets"), await harness.CountAsync("outbox")));
        var entry = Assert.Single(await harness.AuditAsync());
        Assert.Equal(("rule_violation", "The widget is invalid. [name: must not be empty; colour: is unknown]", "w-1"),
            (entry.Outcome, entry.Detail, string.Join(' ', entry.TargetIds)));
        Assert.Equal(0, harness.Signal.Count);
    }

    public static async Task A_failure_writes_nothing_at_all(PipelineHarness harness)
    {
        await Assert.ThrowsAsync<InvalidOperationException>(() => harness.Pipeline.ExecuteAsync<StringValue>(PipelineHarness.Command("w-1", "Bleu"), async context =>
        {
            await PipelineHarness.CreateWidgetAsync(context, "w-1", "Bleu");
            throw new InvalidOperationException("a bug");
        }, None));

        Assert.Equal((0, 0, 0), (await harness.CountAsync("widgets"), await harness.CountAsync("outbox"), await harness.CountAsync("audit_log")));
    }

    public static async Task The_same_client_request_id_and_request_return_the_first_response_and_write_nothing(PipelineHarness harness)
    {
        var first = await harness.Pipeline.ExecuteIdempotentAsync(PipelineHarness.Command("w-1", "Bleu", "req-1"),
            context => PipelineHarness.CreateWidgetAsync(context, "w-1", "Bleu"), None);
        var handlerRanAgain = false;
        var second = await harness.Pipeline.ExecuteIdempotentAsync(PipelineHarness.Command("w-1", "Bleu", "req-1"), context =>
        {
            handlerRanAgain = true;
            return Task.FromResult(new StringValue { Value = "another answer" });
        }, None);

        Assert.Equal(("w-1", "w-1", false), (first.Value, second.Value, handlerRanAgain));
        Assert.Equal((1, 1, 1, 1), (await harness.CountAsync("widgets"), await harness.CountAsync("outbox"), await harness.CountAsync("audit_log"), await harness.CountAsync("idempotency_keys")));
        Assert.Equal(1, harness.Signal.Count);
    }

    public static async Task The_same_client_request_id_with_another_request_is_already_exists(PipelineHarness harness)
    {
        await harness.Pipeline.ExecuteIdempotentAsync(PipelineHarness.Command("w-1", "Bleu", "req-1"),
            context => PipelineHarness.CreateWidgetAsync(context, "w-1", "Bleu"), None);
        var error = await Assert.ThrowsAsync<AlreadyExistsError>(() => harness.Pipeline.ExecuteIdempotentAsync(PipelineHarness.Command("w-2", "Rouge", "req-1"),
            context => PipelineHarness.CreateWidgetAsync(context, "w-2", "Rouge"), None));

        Assert.Equal("Client request id 'req-1' was already used for another request.", error.Message);
        Assert.Equal(["client_request_id"], error.Violations.Select(v => v.Field));
        Assert.Equal((1, 1), (await harness.CountAsync("widgets"), await harness.CountAsync("outbox")));
        Assert.Equal(["succeeded", "already_exists"], (await harness.AuditAsync()).Select(e => e.Outcome));
    }

    public static async Task Concurrent_calls_with_one_client_request_id_create_once_and_answer_alike(PipelineHarness harness)
    {
        async Task<StringValue> Call() => await harness.Pipeline.ExecuteIdempotentAsync(PipelineHarness.Command("w-1", "Bleu", "req-1"), async context =>
        {
            // Each run creates its own widget: only the idempotency key can stop the second one.
            var created = await PipelineHarness.CreateWidgetAsync(context, "w-" + Guid.NewGuid().ToString("N"), "Bleu");
            return created;
        }, None);

        var answers = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(Call)));

        Assert.Single(answers.Select(a => a.Value).Distinct());
        Assert.Equal((1, 1, 1), (await harness.CountAsync("widgets"), await harness.CountAsync("outbox"), await harness.CountAsync("audit_log")));
    }

    public static async Task A_dry_run_writes_nothing(PipelineHarness harness)
    {
        var result = await harness.Pipeline.ExecuteAsync(PipelineHarness.Command("w-1", "Bleu") with { DryRun = true },
            context => PipelineHarness.CreateWidgetAsync(context, "w-1", "Bleu"), None);

        Assert.Equal("w-1", result.Value);
        Assert.Equal((0, 0, 0), (await harness.CountAsync("widgets"), await harness.CountAsync("outbox"), await harness.CountAsync("audit_log")));
    }

    public static async Task The_database_refuses_to_change_or_remove_audit_records(PipelineHarness harness)
    {
        await harness.Pipeline.ExecuteAsync(PipelineHarness.Command("w-1", "Bleu"), context => PipelineHarness.CreateWidgetAsync(context, "w-1", "Bleu"), None);
        await using var connection = await harness.OpenAsync();

        foreach (var statement in new[]
        {
            "UPDATE audit_log SET outcome = 'succeeded', subject = 'someone-else'",
            "DELETE FROM audit_log",
            "UPDATE audit_log_targets SET target_id = 'w-2'",
            "DELETE FROM audit_log_targets",
        })
        {
            var refused = await Assert.ThrowsAnyAsync<DbException>(() => connection.ExecuteAsync(statement));
            Assert.Contains("append-only", refused.Message, StringComparison.Ordinal);
        }

        var entry = Assert.Single(await harness.AuditAsync());
        Assert.Equal(("user-claire", "w-1"), (entry.Subject, string.Join(' ', entry.TargetIds)));
    }

    public static async Task The_audit_query_filters_by_target_subject_and_time_and_pages(PipelineHarness harness)
    {
        var start = harness.Clock.Now;
        var nadia = PipelineHarness.Claire with { Subject = "user-nadia", DisplayName = "Nadia Roux" };
        for (var i = 1; i <= 5; i++)
        {
            harness.Clock.Now = start.AddMinutes(i);
            var command = PipelineHarness.Command($"w-{i}", "Bleu") with { Caller = i % 2 == 0 ? nadia : PipelineHarness.Claire, TargetIds = [$"w-{i}", "atelier-39"] };
            var id = $"w-{i}";
            await harness.Pipeline.ExecuteAsync(command, context => PipelineHarness.CreateWidgetAsync(context, id, "Bleu"), None);
        }

        var service = new AuditLogService(harness.Reader);
        async Task<QueryAuditResponse> Query(QueryAuditRequest request) => await service.QueryAudit(request, new TestCallContext());

        Assert.Equal(["w-3"], (await Query(new QueryAuditRequest { TargetId = "w-3" })).Records.Select(r => r.TargetIds[0]));
        Assert.Equal(["w-2", "w-4"], (await Query(new QueryAuditRequest { Subject = "user-nadia" })).Records.Select(r => r.TargetIds[0]));
        var range = await Query(new QueryAuditRequest
        {
            From = Timestamp.FromDateTimeOffset(start.AddMinutes(2)),
            To = Timestamp.FromDateTimeOffset(start.AddMinutes(4)),
        });
        Assert.Equal(["w-2", "w-3"], range.Records.Select(r => r.TargetIds[0]));
        Assert.Equal(Timestamp.FromDateTimeOffset(start.AddMinutes(2)), range.Records[0].OccurredAt);

        var first = await Query(new QueryAuditRequest { TargetId = "atelier-39", Page = new PageRequest { PageSize = 2 } });
        Assert.Equal(("1 2", 5), (string.Join(' ', first.Records.Select(r => r.Sequence)), first.Page.TotalSize));
        var second = await Query(new QueryAuditRequest { TargetId = "atelier-39", Page = new PageRequest { PageSize = 2, PageToken = first.Page.NextPageToken } });
        var last = await Query(new QueryAuditRequest { TargetId = "atelier-39", Page = new PageRequest { PageSize = 2, PageToken = second.Page.NextPageToken } });
        Assert.Equal(new[] { 3L, 4L }, second.Records.Select(r => r.Sequence));
        Assert.Equal(("5", ""), (string.Join(' ', last.Records.Select(r => r.Sequence)), last.Page.NextPageToken));
    }
}
