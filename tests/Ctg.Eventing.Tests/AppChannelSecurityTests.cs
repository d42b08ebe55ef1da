using System.Net;
using System.Text;
using Ctg.Eventing.Tests.Support;

namespace Ctg.Eventing.Tests;

/// <summary>The app channel accepts deliveries only with the app token, and only events whose source is
/// the service that owns the topic.</summary>
public sealed class AppChannelSecurityTests
{
    private static readonly HttpClient Http = new();

    [Theory]
    [InlineData(null)]
    [InlineData("wrong-token")]
    public async Task A_delivery_without_the_app_token_gets_401_and_nothing_is_applied(string? token)
    {
        await using var app = await EventingTestApp.StartAsync("reporting", new TestAppSettings { Subscribe = true, AppApiToken = "right-token" });

        var (status, _) = await DeliverAsync(app, SubscriptionEndpointTests.CloudEventFor(new SampleHappened("forged", 1)), token);
        using var replay = await SendAsync(app, "/events/replay", null, token);
        using var subscribe = await SendAsync(app, "/dapr/subscribe", null, token, HttpMethod.Get);

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal(HttpStatusCode.Unauthorized, replay.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, subscribe.StatusCode);
        Assert.Empty(await app.ReceivedAsync());
        Assert.Equal(0, app.Settings.Behaviour.Calls);
    }

    [Fact]
    public async Task A_delivery_with_the_app_token_is_applied()
    {
        await using var app = await EventingTestApp.StartAsync("reporting", new TestAppSettings { Subscribe = true, AppApiToken = "right-token" });

        var (status, body) = await DeliverAsync(app, SubscriptionEndpointTests.CloudEventFor(new SampleHappened("genuine", 1)), "right-token");

        Assert.Equal((HttpStatusCode.OK, """{"status":"SUCCESS"}"""), (status, body));
        Assert.Equal(["genuine"], (await app.ReceivedAsync()).Select(r => r.Value).ToArray());
    }

    [Fact]
    public async Task An_event_from_another_source_than_the_topic_owner_is_acknowledged_and_ignored()
    {
        await using var app = await EventingTestApp.StartAsync("reporting", new TestAppSettings { Subscribe = true });
        var forged = SubscriptionEndpointTests.CloudEventFor(new SampleHappened("forged", 1)).Replace("\"ctg/structures\"", "\"ctg/reporting\"", StringComparison.Ordinal);

        var (status, body) = await DeliverAsync(app, forged, token: null);

        Assert.Equal((HttpStatusCode.OK, """{"status":"SUCCESS"}"""), (status, body));
        Assert.Empty(await app.ReceivedAsync());
        Assert.Equal(0, app.Settings.Behaviour.Calls);
    }

    [Fact]
    public async Task Cloud_event_headers_sent_by_the_caller_do_not_replace_the_body_attributes()
    {
        await using var app = await EventingTestApp.StartAsync("reporting", new TestAppSettings { Subscribe = true });
        var cloudEvent = SubscriptionEndpointTests.CloudEventFor(new SampleHappened("real", 1)).Replace("\"ctg/structures\"", "\"ctg/reporting\"", StringComparison.Ordinal);
        using var content = new StringContent(cloudEvent, Encoding.UTF8, "application/cloudevents+json");
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(app.HttpAddress, "/events/" + SampleHappened.Topic)) { Content = content };
        request.Headers.Add("Cloudevent.source", "ctg/structures");

        using var response = await Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(await app.ReceivedAsync());
    }

    private static async Task<(HttpStatusCode, string)> DeliverAsync(EventingTestApp app, string body, string? token)
    {
        using var response = await SendAsync(app, "/events/" + SampleHappened.Topic, body, token);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private static Task<HttpResponseMessage> SendAsync(EventingTestApp app, string path, string? body, string? token, HttpMethod? method = null)
    {
        var request = new HttpRequestMessage(method ?? HttpMethod.Post, new Uri(app.HttpAddress, path));
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/cloudevents+json");
        }

        if (token is not null)
        {
            request.Headers.Add("dapr-api-token", token);
        }

        return Http.SendAsync(request);
    }
}
