using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Ctg.DevBus.SidecarApi;

namespace Ctg.DevBus.Delivery;

public enum DeliveryOutcomeKind
{
    /// <summary>The app took the message.</summary>
    Success,

    /// <summary>The app asked for another attempt (RETRY, an error status, a timeout): counts as an attempt.</summary>
    Retry,

    /// <summary>The app will never take it (DROP, 404): dead-letter it now.</summary>
    Drop,

    /// <summary>Nobody answered (app stopped or restarting): wait for it, without counting an attempt,
    /// as daprd would simply not be running next to a stopped app.</summary>
    Unreachable,
}

public sealed record DeliveryOutcome(DeliveryOutcomeKind Kind, string Detail);

/// <summary>Delivers one message to an app route and reads the answer as Dapr's app contract defines it:
/// HTTP 2xx with <c>{"status": "SUCCESS" | "RETRY" | "DROP"}</c> (an empty body or no status is success),
/// 404 drops the message, any other status is retried.</summary>
public sealed class AppDeliveryClient(DevBusOptions options) : IDisposable
{
    private readonly HttpClient _http = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2) })
    {
        Timeout = Timeout.InfiniteTimeSpan,
    };

    public async Task<DeliveryOutcome> DeliverAsync(Uri app, string route, string cloudEvent, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.DeliveryTimeout);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(app, route))
        {
            Content = new StringContent(cloudEvent, Encoding.UTF8),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(CloudEvents.ContentType);
        if (options.AppApiToken is not null)
        {
            request.Headers.TryAddWithoutValidation(AppToken.Header, options.AppApiToken);
        }

        try
        {
            using var response = await _http.SendAsync(request, timeout.Token);
            var body = await response.Content.ReadAsStringAsync(timeout.Token);
            return Interpret(response.StatusCode, body);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new DeliveryOutcome(DeliveryOutcomeKind.Retry, $"no answer within {options.DeliveryTimeout.TotalMilliseconds} ms");
        }
        catch (HttpRequestException exception)
        {
            return new DeliveryOutcome(DeliveryOutcomeKind.Unreachable, exception.Message);
        }
    }

    public static DeliveryOutcome Interpret(HttpStatusCode statusCode, string body)
    {
        var code = (int)statusCode;
        if (statusCode == HttpStatusCode.NotFound)
        {
            return new DeliveryOutcome(DeliveryOutcomeKind.Drop, "the app answered 404");
        }

        if (code is < 200 or > 299)
        {
            return new DeliveryOutcome(DeliveryOutcomeKind.Retry, $"the app answered HTTP {code}");
        }

        if (string.IsNullOrWhiteSpace(body))
        {
            return new DeliveryOutcome(DeliveryOutcomeKind.Success, "empty 2xx");
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("status", out var status)
                || status.ValueKind != JsonValueKind.String
                || string.IsNullOrEmpty(status.GetString()))
            {
                return new DeliveryOutcome(DeliveryOutcomeKind.Success, "2xx without status");
            }

            return status.GetString()!.ToUpperInvariant() switch
            {
                "SUCCESS" => new DeliveryOutcome(DeliveryOutcomeKind.Success, "SUCCESS"),
                "RETRY" => new DeliveryOutcome(DeliveryOutcomeKind.Retry, "the app answered RETRY"),
                "DROP" => new DeliveryOutcome(DeliveryOutcomeKind.Drop, "the app answered DROP"),
                var other => new DeliveryOutcome(DeliveryOutcomeKind.Retry, $"unknown status {other}"),
            };
        }
        catch (JsonException)
        {
            // Dapr treats a 2xx whose body is not JSON as success.
            return new DeliveryOutcome(DeliveryOutcomeKind.Success, "2xx with a non-JSON body");
        }
    }

    public void Dispose() => _http.Dispose();
}
