using System.Net.Http.Json;
using Dapr.Client;

namespace Ctg.Eventing.Replay;

/// <summary>Asks another service to replay its events, through Dapr service invocation
/// (<c>POST events/replay</c> on the app id, with the SDK's invocation client
/// <see cref="DaprClient.CreateInvokeHttpClient"/>, which the SDK recommends over its obsolete
/// InvokeMethod family): the caller needs no address of its own for each service, and daprd's access
/// control decides who may ask.</summary>
public interface IReplaySourceClient
{
    Task<ReplayResult> ReplayAsync(string appId, string? topic, long fromSequence, CancellationToken cancellationToken);
}

public sealed class DaprReplaySourceClient : IReplaySourceClient, IDisposable
{
    private readonly HttpClient _http;

    public DaprReplaySourceClient(DaprOptions options)
    {
        _http = DaprClient.CreateInvokeHttpClient(appId: null, options.ResolveHttpEndpoint().ToString().TrimEnd('/'), options.ApiToken);
        // A replay may carry a service's whole history.
        _http.Timeout = TimeSpan.FromMinutes(10);
    }

    public async Task<ReplayResult> ReplayAsync(string appId, string? topic, long fromSequence, CancellationToken cancellationToken)
    {
        var query = $"fromSequence={fromSequence.ToString(System.Globalization.CultureInfo.InvariantCulture)}"
            + (string.IsNullOrWhiteSpace(topic) ? "" : $"&topic={Uri.EscapeDataString(topic)}");
        try
        {
            // The SDK's handler turns the host (the app id) into the sidecar's /v1.0/invoke/{app-id}/method/ path.
            using var response = await _http.PostAsync(new Uri($"http://{appId}/events/replay?{query}"), content: null, cancellationToken);
            var result = await response.Content.ReadFromJsonAsync<ReplayResult>(cancellationToken);
            return result ?? new ReplayResult(0, 0, false, $"HTTP {(int)response.StatusCode} without a replay result");
        }
        catch (Exception exception) when (exception is HttpRequestException or System.Text.Json.JsonException or NotSupportedException
            || (exception is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return new ReplayResult(0, 0, false, $"{appId} could not be asked to replay {topic ?? "every topic"}: {exception.Message}");
        }
    }

    public void Dispose() => _http.Dispose();
}
