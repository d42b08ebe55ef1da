using System.Net;
using Ctg.Eventing.Tests.Support;

namespace Ctg.Eventing.Tests;

/// <summary>The dev bus forwards Dapr service invocation (<c>/v1.0/invoke/{app}/method/...</c>) to the app,
/// so a consumer asks a service to replay its events through the bus, as it would through daprd.</summary>
public sealed class ServiceInvocationTests
{
    // Calls to the bus carry the sidecar token the bus of these tests asks for (RunningBus.FastOptions).
    private static readonly HttpClient Http = new() { DefaultRequestHeaders = { { "dapr-api-token", "test-dapr-api-token" } } };

    [Fact]
    public async Task A_replay_request_through_the_bus_reaches_the_service_and_returns_its_answer()
    {
        var httpPort = Ctg.Testing.FreePort.Next();
        await using var bus = await RunningBus.StartAsync(RunningBus.FastOptions(("structures", new Uri($"http://127.0.0.1:{httpPort}/"))));
        await using var publisher = await EventingTestApp.StartAsync("structures", new TestAppSettings { HttpPort = httpPort, Bus = bus.Options });
        await publisher.PublishAsync("one", 1);
        await publisher.PublishAsync("two", 2);
        await Eventually.HoldsAsync(async () => (await publisher.OutboxAsync()).All(r => r.PublishedAt is not null), "both events were published");

        var response = await Http.PostAsync(new Uri(bus.Endpoint, $"v1.0/invoke/structures/method/events/replay?topic={SampleHappened.Topic}&fromSequence=2"), null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var body = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(1, body.RootElement.GetProperty("replayed").GetInt32());
        Assert.Equal(2L, body.RootElement.GetProperty("lastSequence").GetInt64());
    }

    [Fact]
    public async Task An_unknown_app_id_is_a_dapr_error_not_a_forward()
    {
        await using var bus = await RunningBus.StartAsync(RunningBus.FastOptions());

        var response = await Http.PostAsync(new Uri(bus.Endpoint, "v1.0/invoke/nobody/method/events/replay"), null);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("ERR_DIRECT_INVOKE", await response.Content.ReadAsStringAsync());
    }
}
