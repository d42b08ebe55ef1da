using System.Text;
using Dapr;
using Dapr.Client;
using Grpc.Core;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;

namespace Ctg.Eventing.Publishing;

/// <summary>What became of one publish call.</summary>
public enum PublishStatus
{
    /// <summary>The sidecar took the event.</summary>
    Published,

    /// <summary>The sidecar answered and said no (unknown topic or pubsub, not allowed by the component's
    /// scopes, bad body): counts towards parking the event.</summary>
    Refused,

    /// <summary>Nobody answered, or the broker behind the sidecar is down: the event waits, in order,
    /// without counting an attempt.</summary>
    Unavailable,
}

public sealed record PublishOutcome(PublishStatus Status, string Detail)
{
    public static readonly PublishOutcome Ok = new(PublishStatus.Published, "");
}

/// <summary>Sends one stored event to the sidecar with the Dapr SDK (<see cref="DaprClient"/>, gRPC
/// <c>PublishEvent</c>), as the structured CloudEvent the outbox wrote. The content type
/// <c>application/cloudevents+json</c> tells daprd the body already is a CloudEvent, so it forwards our
/// id (the consumers' inbox key), source, type, time and <c>ctgsequence</c> instead of wrapping the body
/// in an envelope of its own. This is the only retry layer on the publishing hop:
/// deploy/dapr/resiliency.yaml gives daprd's outbound publish no retries, so retries are not stacked.</summary>
public sealed class DaprPublisher
{
    private readonly DaprClient _client;
    private readonly ResiliencePipeline _pipeline;
    private readonly DaprOptions _options;
    private readonly ILogger<DaprPublisher> _logger;
    private int _unavailable;

    public DaprPublisher(DaprClient client, DaprOptions options, ILogger<DaprPublisher> logger)
    {
        _client = client;
        _options = options;
        _logger = logger;
        _pipeline = new ResiliencePipelineBuilder()
            .AddRetry(new RetryStrategyOptions
            {
                // Transient only: the sidecar is restarting or overloaded. A refusal will not heal by retrying now.
                ShouldHandle = new PredicateBuilder().Handle<Exception>(exception => Classify(exception) == PublishStatus.Unavailable),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                MaxRetryAttempts = Math.Max(0, options.PublishRetries),
                Delay = options.PublishRetryDelay,
                MaxDelay = options.MaxIdleBackoff,
                OnRetry = args =>
                {
                    _logger.LogDebug("Retrying publish (attempt {Attempt}) after {Delay} ms: {Outcome}",
                        args.AttemptNumber + 1, args.RetryDelay.TotalMilliseconds, args.Outcome.Exception?.Message);
                    return default;
                },
            })
            .Build();
    }

    public Uri Endpoint => _options.ResolveGrpcEndpoint();

    /// <summary>Publishes the event and says how it went; never throws for what the sidecar answers.</summary>
    public async Task<PublishOutcome> PublishAsync(OutboxEvent stored, CancellationToken cancellationToken)
    {
        var body = Encoding.UTF8.GetBytes(CloudEvent.Create(
            stored.EventId, stored.Source, stored.EventType, stored.OccurredAtUtc, stored.Topic, _options.PubSubName, stored.Sequence, stored.Data)
            .ToJsonString());
        try
        {
            await _pipeline.ExecuteAsync(
                async token =>
                {
                    using var attempt = CancellationTokenSource.CreateLinkedTokenSource(token);
                    attempt.CancelAfter(_options.PublishTimeout);
                    await _client.PublishByteEventAsync(
                        _options.PubSubName, stored.Topic, body, CloudEvent.ContentType, metadata: null, attempt.Token);
                },
                cancellationToken);
            if (Interlocked.Exchange(ref _unavailable, 0) == 1)
            {
                _logger.LogInformation("The sidecar at {Endpoint} is available again", Endpoint);
            }

            return PublishOutcome.Ok;
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested && exception is DaprException or RpcException or OperationCanceledException)
        {
            var status = Classify(exception);
            var detail = Describe(exception);
            if (status == PublishStatus.Refused)
            {
                _logger.LogError("The sidecar refused event {EventId} on topic {Topic}: {Detail}", stored.EventId, stored.Topic, detail);
                return new PublishOutcome(PublishStatus.Refused, detail);
            }

            // Warn once per outage, not every round: a service started without a sidecar stays quiet.
            var level = Interlocked.Exchange(ref _unavailable, 1) == 0 ? LogLevel.Warning : LogLevel.Debug;
            _logger.Log(level, "The sidecar at {Endpoint} is unavailable; event {EventId} stays in the outbox: {Reason}", Endpoint, stored.EventId, detail);
            return new PublishOutcome(PublishStatus.Unavailable, detail);
        }
    }

    /// <summary>A refusal is an answer about this event; anything else (no answer, a broker error, a
    /// missing or wrong API token, which would refuse every event alike) leaves it waiting.</summary>
    internal static PublishStatus Classify(Exception exception)
    {
        var rpc = exception as RpcException ?? exception.InnerException as RpcException;
        return rpc?.StatusCode switch
        {
            StatusCode.InvalidArgument or StatusCode.NotFound or StatusCode.PermissionDenied or StatusCode.FailedPrecondition
                or StatusCode.OutOfRange or StatusCode.Unimplemented => PublishStatus.Refused,
            _ => PublishStatus.Unavailable,
        };
    }

    private static string Describe(Exception exception)
    {
        var rpc = exception as RpcException ?? exception.InnerException as RpcException;
        return rpc is null ? exception.Message : $"{rpc.StatusCode}: {rpc.Status.Detail}";
    }
}
