using System.Net.Http.Json;
using Ctg.Eventing;
using Ctg.Eventing.Replay;
using Microsoft.Extensions.Configuration;

namespace Ctg.Reporting.Rebuild;

/// <summary>Asks a source service to replay a topic through the bus (its <c>POST /events/replay</c>,
/// served by Ctg.Eventing). By default the call goes through the Dapr sidecar's service invocation API
/// (<c>{dapr}/v1.0/invoke/{service}/method/events/replay</c>), so that reporting needs no address of
/// its own for each service; <c>Reporting:ReplaySources:{service}</c> gives a direct base address
/// instead (the development bus does not serve service invocation).</summary>
public sealed class ReplaySources(IConfiguration configuration, DaprOptions dapr, IHttpClientFactory httpClients)
{
    public Uri BaseAddressOf(string service)
    {
        var configured = configuration[$"Reporting:ReplaySources:{service}"];
        return !string.IsNullOrWhiteSpace(configured)
            ? new Uri(configured.TrimEnd('/') + "/")
            : new Uri(dapr.ResolveHttpEndpoint(), $"v1.0/invoke/{Uri.EscapeDataString(service)}/method/");
    }

    public async Task<ReplayResult> ReplayAsync(string service, string topic, CancellationToken cancellationToken)
    {
        var http = httpClients.CreateClient(nameof(ReplaySources));
        var address = new Uri(BaseAddressOf(service), $"events/replay?topic={Uri.EscapeDataString(topic)}");
        try
        {
            using var response = await http.PostAsync(address, content: null, cancellationToken);
            var result = await response.Content.ReadFromJsonAsync<ReplayResult>(cancellationToken);
            return result ?? new ReplayResult(0, 0, false, $"HTTP {(int)response.StatusCode} without a replay result");
        }
        catch (Exception exception) when (exception is HttpRequestException or System.Text.Json.JsonException or NotSupportedException
            || (exception is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return new ReplayResult(0, 0, false, $"{service} could not be asked to replay {topic}: {exception.Message}");
        }
    }
}
