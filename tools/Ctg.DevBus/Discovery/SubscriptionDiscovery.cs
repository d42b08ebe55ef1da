using System.Text.Json;
using Ctg.DevBus.Delivery;
using Ctg.DevBus.Storage;

namespace Ctg.DevBus.Discovery;

/// <summary>Reads each configured app's <c>GET /dapr/subscribe</c> at start and then periodically, as
/// daprd does at app start, so that an app that starts late or restarts with new subscriptions is picked
/// up. Subscriptions already known are delivered from SQLite at once, before any app answers.</summary>
public sealed class SubscriptionDiscovery(
    BusStore store, DeliverySupervisor supervisor, DevBusOptions options, ILogger<SubscriptionDiscovery> logger) : BackgroundService
{
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(3) };
    private readonly Dictionary<string, bool> _reachable = [];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        logger.LogInformation("Development bus serving pubsub {PubSubNames} for apps {Apps}",
            string.Join(",", options.PubSubNames), string.Join(",", options.Apps.Select(a => $"{a.Key}={a.Value}")));
        supervisor.Reconcile(await store.ActiveSubscriptionsAsync(stoppingToken), stoppingToken);
        while (!stoppingToken.IsCancellationRequested)
        {
            foreach (var (app, address) in options.Apps)
            {
                var declared = await ReadSubscriptionsAsync(app, address, stoppingToken);
                if (declared is not null)
                {
                    supervisor.Reconcile(await store.SyncAppAsync(app, declared, stoppingToken), stoppingToken);
                }
            }

            supervisor.Reconcile(await store.ActiveSubscriptionsAsync(stoppingToken), stoppingToken);
            await Task.Delay(options.DiscoveryInterval, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await supervisor.DisposeAsync();
        _http.Dispose();
    }

    /// <summary>The app's declared subscriptions, or null when it does not answer (keep what we know).</summary>
    private async Task<IReadOnlyList<DeclaredSubscription>?> ReadSubscriptionsAsync(string app, Uri address, CancellationToken cancellationToken)
    {
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(address, "/dapr/subscribe"));
            if (options.AppApiToken is not null)
            {
                request.Headers.TryAddWithoutValidation(SidecarApi.AppToken.Header, options.AppApiToken);
            }

            using var response = await _http.SendAsync(request, cancellationToken);
            if (response.StatusCode == System.Net.HttpStatusCode.NotFound)
            {
                return Reached(app, []);
            }

            response.EnsureSuccessStatusCode();
            using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
            var declared = new List<DeclaredSubscription>();
            foreach (var entry in document.RootElement.EnumerateArray())
            {
                // daprd reads these names case-insensitively: the SDK writes pubsubName, the docs pubsubname.
                var pubsub = Property(entry, "pubsubname")?.GetString() ?? throw new KeyNotFoundException("pubsubname");
                var topic = Property(entry, "topic")?.GetString() ?? throw new KeyNotFoundException("topic");
                var route = Route(entry);
                if (!options.PubSubNames.Contains(pubsub) || route is null)
                {
                    logger.LogWarning("Ignoring subscription of {App} to {PubSub}/{Topic}: unknown pubsub or no route", app, pubsub, topic);
                    continue;
                }

                var deadLetter = Property(entry, "deadLetterTopic") is { ValueKind: JsonValueKind.String } dl && dl.GetString()!.Length > 0
                    ? dl.GetString()
                    : null;
                declared.Add(new DeclaredSubscription(pubsub, topic, route, deadLetter));
            }

            return Reached(app, declared);
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException or JsonException or KeyNotFoundException or InvalidOperationException)
        {
            if (cancellationToken.IsCancellationRequested)
            {
                return null;
            }

            if (_reachable.GetValueOrDefault(app, true))
            {
                logger.LogWarning("Cannot read /dapr/subscribe of {App} at {Address}: {Reason}", app, address, exception.Message);
            }

            _reachable[app] = false;
            return null;
        }
    }

    private IReadOnlyList<DeclaredSubscription> Reached(string app, IReadOnlyList<DeclaredSubscription> declared)
    {
        if (!_reachable.GetValueOrDefault(app))
        {
            logger.LogInformation("App {App} declares {Count} subscription(s): {Topics}", app, declared.Count, string.Join(",", declared.Select(d => d.Topic)));
        }

        _reachable[app] = true;
        return declared;
    }

    private static JsonElement? Property(JsonElement entry, string name)
    {
        foreach (var property in entry.EnumerateObject())
        {
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return property.Value;
            }
        }

        return null;
    }

    /// <summary><c>route</c> (v1) or <c>routes.default</c> (v2; rules with CEL matches are not evaluated,
    /// the first rule's path stands in when there is no default).</summary>
    private static string? Route(JsonElement entry)
    {
        // The SDK declares routes without a leading slash (events/x); the app's root is meant either way.
        return Rooted(RawRoute(entry));
    }

    private static string? Rooted(string? route) => route is null ? null : "/" + route.TrimStart('/');

    private static string? RawRoute(JsonElement entry)
    {
        if (Property(entry, "route") is { ValueKind: JsonValueKind.String } route)
        {
            return route.GetString();
        }

        if (Property(entry, "routes") is { ValueKind: JsonValueKind.Object } routes)
        {
            if (Property(routes, "default") is { ValueKind: JsonValueKind.String } fallback)
            {
                return fallback.GetString();
            }

            if (Property(routes, "rules") is { ValueKind: JsonValueKind.Array } rules)
            {
                return rules.EnumerateArray().Select(r => Property(r, "path")?.GetString()).FirstOrDefault(p => p is not null);
            }
        }

        return null;
    }
}
