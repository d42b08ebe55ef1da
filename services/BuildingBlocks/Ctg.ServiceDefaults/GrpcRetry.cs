using Grpc.Core;
using Polly;
using Polly.Retry;

namespace Ctg.ServiceDefaults;

/// <summary>A Polly retry pipeline for calls from one service to another. It retries only what is
/// transient on the transport (UNAVAILABLE, DEADLINE_EXCEEDED), never a business answer such as
/// INVALID_ARGUMENT or ABORTED. Use it only for idempotent calls (queries, commands carrying an
/// idempotency key): a timed-out command may have been applied.</summary>
/// <example>
/// <code>
/// var reply = await GrpcRetry.Pipeline.ExecuteAsync(
///     async ct => await client.GetConventionAsync(request, deadline: DateTime.UtcNow.AddSeconds(2), cancellationToken: ct),
///     cancellationToken);
/// </code>
/// Give each attempt its own deadline inside the lambda; an exhausted pipeline rethrows the last RpcException.
/// </example>
public static class GrpcRetry
{
    public static ResiliencePipeline Pipeline { get; } = Create();

    public static bool IsTransient(RpcException exception) =>
        exception.StatusCode is StatusCode.Unavailable or StatusCode.DeadlineExceeded;

    public static ResiliencePipeline Create(int maxRetryAttempts = 3, TimeSpan? firstDelay = null) =>
        new ResiliencePipelineBuilder()
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<RpcException>(IsTransient),
                MaxRetryAttempts = maxRetryAttempts,
                Delay = firstDelay ?? TimeSpan.FromMilliseconds(100),
                BackoffType = DelayBackoffType.Exponential,
                // Spread the retries of many callers so a recovering service is not hit all at once.
                UseJitter = true,
            })
            .Build();
}
