using Ctg.Application.Tests.Support;

namespace Ctg.Application.Tests;

/// <summary>The pipeline and the audit log on a real SQLite file (the embedded default).</summary>
public sealed class SqlitePipelineTests
{
    private static async Task RunAsync(Func<PipelineHarness, Task> scenario)
    {
        await using var harness = await PipelineHarness.SqliteAsync();
        await scenario(harness);
    }

    [Fact]
    public Task Commit_writes_the_change_its_events_and_one_audit_record() => RunAsync(PipelineScenarios.Commit_writes_the_change_its_events_and_one_audit_record);

    [Fact]
    public Task A_refusal_writes_nothing_but_the_refused_attempt() => RunAsync(PipelineScenarios.A_refusal_writes_nothing_but_the_refused_attempt);

    [Fact]
    public Task A_failure_writes_nothing_at_all() => RunAsync(PipelineScenarios.A_failure_writes_nothing_at_all);

    [Fact]
    public Task The_same_client_request_id_and_request_return_the_first_response_and_write_nothing() =>
        RunAsync(PipelineScenarios.The_same_client_request_id_and_request_return_the_first_response_and_write_nothing);

    [Fact]
    public Task The_same_client_request_id_with_another_request_is_already_exists() =>
        RunAsync(PipelineScenarios.The_same_client_request_id_with_another_request_is_already_exists);

    [Fact]
    public Task Concurrent_calls_with_one_client_request_id_create_once_and_answer_alike() =>
        RunAsync(PipelineScenarios.Concurrent_calls_with_one_client_request_id_create_once_and_answer_alike);

    [Fact]
    public Task A_dry_run_writes_nothing() => RunAsync(PipelineScenarios.A_dry_run_writes_nothing);

    [Fact]
    public Task The_database_refuses_to_change_or_remove_audit_records() => RunAsync(PipelineScenarios.The_database_refuses_to_change_or_remove_audit_records);

    [Fact]
    public Task The_audit_query_filters_by_target_subject_and_time_and_pages() => RunAsync(PipelineScenarios.The_audit_query_filters_by_target_subject_and_time_and_pages);

    [Fact]
    public async Task A_command_with_a_client_request_id_must_be_run_idempotently()
    {
        await using var harness = await PipelineHarness.SqliteAsync();
        var error = await Assert.ThrowsAsync<ArgumentException>(() => harness.Pipeline.ExecuteAsync(
            PipelineHarness.Command("w-1", "Bleu", "req-1"), context => Task.FromResult(1), CancellationToken.None));

        Assert.StartsWith("Command test.CreateWidget carries a client request id", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, await harness.CountAsync("audit_log"));
    }
}
