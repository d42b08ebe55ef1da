using Ctg.Application.Tests.Support;
using Ctg.Testing;

namespace Ctg.Application.Tests;

/// <summary>The pipeline and the audit log on a fresh PostgreSQL database (the production database); skipped with the reason without CTG_TEST_PG.</summary>
public sealed class PostgresPipelineTests
{
    private static async Task RunAsync(Func<PipelineHarness, Task> scenario)
    {
        await using var harness = await PipelineHarness.PostgresAsync();
        await scenario(harness);
    }

    [PostgresFact]
    public Task Commit_writes_the_change_its_events_and_one_audit_record() => RunAsync(PipelineScenarios.Commit_writes_the_change_its_events_and_one_audit_record);

    [PostgresFact]
    public Task A_refusal_writes_nothing_but_the_refused_attempt() => RunAsync(PipelineScenarios.A_refusal_writes_nothing_but_the_refused_attempt);

    [PostgresFact]
    public Task A_failure_writes_nothing_at_all() => RunAsync(PipelineScenarios.A_failure_writes_nothing_at_all);

    [PostgresFact]
    public Task The_same_client_request_id_and_request_return_the_first_response_and_write_nothing() =>
        RunAsync(PipelineScenarios.The_same_client_request_id_and_request_return_the_first_response_and_write_nothing);

    [PostgresFact]
    public Task The_same_client_request_id_with_another_request_is_already_exists() =>
        RunAsync(PipelineScenarios.The_same_client_request_id_with_another_request_is_already_exists);

    [PostgresFact]
    public Task Concurrent_calls_with_one_client_request_id_create_once_and_answer_alike() =>
        RunAsync(PipelineScenarios.Concurrent_calls_with_one_client_request_id_create_once_and_answer_alike);

    [PostgresFact]
    public Task A_dry_run_writes_nothing() => RunAsync(PipelineScenarios.A_dry_run_writes_nothing);

    [PostgresFact]
    public Task The_database_refuses_to_change_or_remove_audit_records() => RunAsync(PipelineScenarios.The_database_refuses_to_change_or_remove_audit_records);

    [PostgresFact]
    public Task The_audit_query_filters_by_target_subject_and_time_and_pages() => RunAsync(PipelineScenarios.The_audit_query_filters_by_target_subject_and_time_and_pages);
}
