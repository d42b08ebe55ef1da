using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace Ctg.Eventing;

/// <summary>Sends one stored event to the sidecar with Dapr's publish API,
/// <c>POST /v1.0/publish/{pubsub}/{topic}</c>, as a structured CloudEvent. The content type
/// <c>application/cloudevents+json</c> tells daprd the body already is a CloudEvent, so it forwards our
/// id, source, type and time instead of wrapping the body in an envelope of its own.
/// This is the only retry layer on the publishing hop: deploy/dapr/resiliency.yaml gives daprd's
/// outbound publish no retries, so retries are not stacked.</summary>
public sealed class DaprPublisher : IDisposable
{
    private readonly HttpClient _http;
    private readonly ResiliencePipeline<HttpResponseMessage> _pipeline;
    private readonly DaprOptions _options;
    private readonly ILogger<DaprPublisher> _logger;
    private int _unavailable;

    public DaprPublisher(DaprOptions options, ILogger<DaprPublisher> logger)
    {
        _options = options;
        _logger = logger;
        _http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
        {
            BaseAddress = options.ResolveHttpEndpoint(),
            // Each attempt has its own timeout in the pipeline; this is only a safety net.
            Timeout = Timeout.InfiniteTimeSpan,
        };
        _pipeline = new ResiliencePipelineBuilder<HttpResponseMessage>()
            .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                // Transient only: the sidecar is restarting or overloaded. A 400/403/404 (bad body, topic
                // not allowed by the component's scopes, unknown pubsub) will not heal by retrying now.
                ShouldHandle = new PredicateBuilder<HttpResponseMessage>()
                    .Handle<HttpRequestException>()
                    .Handle<TimeoutRejectedException>()
                    .HandleResult(IsTransient),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                MaxRetryAttempts = Math.Max(0, options.PublishRetries),
                Delay = options.PublishRetryDelay,
                MaxDelay = options.MaxIdleBackoff,
                OnRetry = args =>
                {
                    _logger.LogDebug(
                        "Retrying publish (attempt {Attempt}) after {Delay} ms: {Outcome}",
                        args.AttemptNumber + 1,
                        args.RetryDelay.TotalMilliseconds,
                        args.Outcome.Exception?.Message ?? ((int?)args.Outcome.Result?.StatusCode)?.ToString(System.Globalization.CultureInfo.InvariantCulture));
                    return default;
                },
            })
            .AddTimeout(options.PublishTimeout)
            .Build();
    }

    public Uri Endpoint => _http.BaseAddress!;

    internal static bool IsTransient(HttpResponseMessage response) =>
        (int)response.StatusCode >= 500
        || response.StatusCode == HttpStatusCode.RequestTimeout
        || response.StatusCode == HttpStatusCode.TooManyRequests;

    /// <summary>Publishes the event; true when the sidecar accepted it (2xx). False, logged, when it
    /// stayed unavailable through every retry or refused the event: the caller keeps it for later.</summary>
    public async Task<bool> TryPublishAsync(OutboxEvent stored, CancellationToken cancellationToken)
    {
        var body = CloudEvent.Create(
            stored.EventId, stored.Source, stored.EventType, stored.OccurredAtUtc, stored.Topic, _options.PubSubName, stored.Sequence, stored.Data)
            .ToJsonString();
        var path = $"v1.0/publish/{Uri.EscapeDataString(_options.PubSubName)}/{Uri.EscapeDataString(stored.Topic)}";
        try
        {
            using var response = await _pipeline.ExecuteAsync(
                async token =>
                {
                    using var request = new HttpRequestMessage(HttpMethod.Post, path)
                    {
                        Content = new StringContent(body, Encoding.UTF8),
                    };
                    request.Content.Headers.ContentType = new MediaTypeHeaderValue(CloudEvent.ContentType);
                    return await _http.SendAsync(request, token);
                },
                cancellationToken);
            if (response.IsSuccessStatusCode)
            {
                if (Interlocked.Exchange(ref _unavailable, 0) == 1)
                {
                    _logger.LogInformation("The sidecar at {Endpoint} is available again", _http.BaseAddress);
                }

                return true;
            }

            var detail = await response.Content.ReadAsStringAsync(cancellationToken);
            _logger.LogError(
                "The sidecar refused event {EventId} on topic {Topic}: HTTP {StatusCode} {Detail}",
                stored.EventId, stored.Topic, (int)response.StatusCode, detail);
            return false;
        }
        catch (Exception exception) when (exception is HttpRequestException or TimeoutRejectedException)
        {
            // Warn once per outage, not every round: a service started without a sidecar stays quiet.
            var level = Interlocked.Exchange(ref _unavailable, 1) == 0 ? LogLevel.Warning : LogLevel.Debug;
            _logger.Log(
                level,
                "The sidecar at {Endpoint} is unavailable; event {EventId} stays in the outbox: {Reason}",
                _http.BaseAddress, stored.EventId, exception.Message);
            return false;
        }
    }

    public void Dispose() => _http.Dispose();
}
