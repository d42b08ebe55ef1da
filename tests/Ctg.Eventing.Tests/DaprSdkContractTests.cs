using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Ctg.Eventing.Replay;
using Ctg.Eventing.Tests.Support;
using Dapr.Client;
using Grpc.Core;
using Grpc.Net.Client;
using Autogen = Dapr.Client.Autogen.Grpc.v1;

namespace Ctg.Eventing.Tests;

/// <summary>The Dapr SDK's own DaprClient against the development bus: the calls the services make
/// (publish, bulk publish, service invocation, metadata) work as they would against daprd, and the bus
/// checks the sidecar token.</summary>
public sealed class DaprSdkContractTests
{
    [Fact]
    public async Task Publish_of_a_structured_cloud_event_keeps_its_id_and_a_plain_object_is_wrapped()
    {
        await using var bus = await RunningBus.StartAsync(RunningBus.FastOptions());
        using var client = ClientFor(bus);
        var cloudEvent = SubscriptionEndpointTests.CloudEventFor(new SampleHappened("structured", 1));

        await client.PublishByteEventAsync("pubsub", SampleHappened.Topic, Encoding.UTF8.GetBytes(cloudEvent), "application/cloudevents+json");
        await client.PublishEventAsync("pubsub", SampleHappened.Topic, new { value = "plain", number = 2 });

        var messages = await bus.MessagesAsync(SampleHappened.Topic);
        Assert.Equal(2, messages.Count);
        var structured = JsonDocument.Parse(messages[0].CloudEvent).RootElement;
        Assert.Equal(JsonDocument.Parse(cloudEvent).RootElement.GetProperty("id").GetString(), structured.GetProperty("id").GetString());
        Assert.Equal("ctg/structures", structured.GetProperty("source").GetString());
        var plain = JsonDocument.Parse(messages[1].CloudEvent).RootElement;
        Assert.Equal("plain", plain.GetProperty("data").GetProperty("value").GetString());
        Assert.Equal(SampleHappened.Topic, plain.GetProperty("topic").GetString());
    }

    [Fact]
    public async Task Bulk_publish_stores_every_entry_and_an_unknown_pubsub_is_an_error()
    {
        await using var bus = await RunningBus.StartAsync(RunningBus.FastOptions());
        using var client = ClientFor(bus);

        var response = await client.BulkPublishEventAsync("pubsub", SampleHappened.Topic, new[] { new { value = "a" }, new { value = "b" }, new { value = "c" } });

        Assert.Empty(response.FailedEntries);
        Assert.Equal(["a", "b", "c"], (await bus.MessagesAsync(SampleHappened.Topic))
            .Select(m => JsonDocument.Parse(m.CloudEvent).RootElement.GetProperty("data").GetProperty("value").GetString()!).ToArray());
        var error = await Assert.ThrowsAsync<Dapr.DaprException>(() => client.PublishEventAsync("nope", SampleHappened.Topic, new { value = "x" }));
        Assert.Equal(StatusCode.InvalidArgument, Assert.IsType<RpcException>(error.InnerException).StatusCode);
    }

    [Fact]
    public async Task Metadata_lists_the_pubsub_component_and_the_subscriptions_the_bus_discovered()
    {
        var subscriberSettings = new TestAppSettings { Subscribe = true, HttpPort = Ctg.Testing.FreePort.Next() };
        await using var bus = await RunningBus.StartAsync(RunningBus.FastOptions(("reporting", new Uri($"http://127.0.0.1:{subscriberSettings.HttpPort}/"))));
        await using var subscriber = await EventingTestApp.StartAsync("reporting", subscriberSettings);
        using var client = ClientFor(bus);

        var metadata = await client.GetMetadataAsync();
        Assert.Equal(("devbus", "pubsub"), (metadata.Id, Assert.Single(metadata.Components).Name));

        // The SDK's DaprMetadata has no subscriptions: read them with its generated gRPC client.
        using var channel = GrpcChannel.ForAddress(bus.GrpcEndpoint);
        var grpc = new Autogen.Dapr.DaprClient(channel);
        var headers = new Metadata { { "dapr-api-token", bus.Options.DaprApiToken! } };
        await Eventually.HoldsAsync(async () => (await grpc.GetMetadataAsync(new Autogen.GetMetadataRequest(), headers)).Subscriptions.Count == 1, "the subscription was discovered");
        var subscription = Assert.Single((await grpc.GetMetadataAsync(new Autogen.GetMetadataRequest(), headers)).Subscriptions);
        Assert.Equal((SampleHappened.Topic, "reporting.dead-letter.v1"), (subscription.Topic, subscription.DeadLetterTopic));
        Assert.Equal("/events/" + SampleHappened.Topic, Assert.Single(subscription.Rules.Rules).Path);
    }

    [Fact]
    public async Task Service_invocation_over_http_and_grpc_reaches_the_app_with_the_app_token()
    {
        var appSettings = new TestAppSettings { HttpPort = Ctg.Testing.FreePort.Next() };
        var options = RunningBus.FastOptions(("structures", new Uri($"http://127.0.0.1:{appSettings.HttpPort}/")));
        await using var bus = await RunningBus.StartAsync(options);
        // The app expects the bus's app token: an invocation that did not carry it would get 401.
        await using var app = await EventingTestApp.StartAsync("structures", appSettings with { Bus = options });
        await app.PublishAsync("one", 1);
        await Eventually.HoldsAsync(async () => (await bus.MessagesAsync()).Count == 1, "the event was published");

        var replayed = await new DaprReplaySourceClient(new DaprOptions { HttpEndpoint = bus.Endpoint.ToString(), ApiToken = options.DaprApiToken })
            .ReplayAsync("structures", SampleHappened.Topic, 0, CancellationToken.None);
        Assert.Equal((1, true), (replayed.Replayed, replayed.Completed));

        using var channel = GrpcChannel.ForAddress(bus.GrpcEndpoint);
        var grpc = new Autogen.Dapr.DaprClient(channel);
        var answer = await grpc.InvokeServiceAsync(
            new Autogen.InvokeServiceRequest
            {
                Id = "structures",
                Message = new Autogen.InvokeRequest
                {
                    Method = "events/replay",
                    HttpExtension = new Autogen.HTTPExtension { Verb = Autogen.HTTPExtension.Types.Verb.Post, Querystring = "topic=" + SampleHappened.Topic },
                },
            },
            new Metadata { { "dapr-api-token", options.DaprApiToken! } });
        var result = JsonSerializer.Deserialize<ReplayResult>(answer.Data.Value.ToStringUtf8(), new JsonSerializerOptions(JsonSerializerDefaults.Web))!;
        Assert.Equal((1, true), (result.Replayed, result.Completed));
    }

    [Fact]
    public async Task A_client_without_the_sidecar_token_is_refused()
    {
        await using var bus = await RunningBus.StartAsync(RunningBus.FastOptions());
        using var client = new DaprClientBuilder().UseGrpcEndpoint(bus.GrpcEndpoint.ToString().TrimEnd('/')).UseHttpEndpoint(bus.Endpoint.ToString().TrimEnd('/')).Build();

        var error = await Assert.ThrowsAsync<Dapr.DaprException>(() => client.PublishEventAsync("pubsub", SampleHappened.Topic, new { value = "x" }));

        Assert.Equal(StatusCode.Unauthenticated, Assert.IsType<RpcException>(error.InnerException).StatusCode);
        using var http = new HttpClient();
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, (await http.GetAsync(new Uri(bus.Endpoint, "v1.0/metadata"))).StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.NoContent, (await http.GetAsync(new Uri(bus.Endpoint, "v1.0/healthz"))).StatusCode);
        Assert.Empty(await bus.MessagesAsync());
    }

    private static DaprClient ClientFor(RunningBus bus) => new DaprClientBuilder()
        .UseGrpcEndpoint(bus.GrpcEndpoint.ToString().TrimEnd('/'))
        .UseHttpEndpoint(bus.Endpoint.ToString().TrimEnd('/'))
        .UseDaprApiToken(bus.Options.DaprApiToken!)
        .Build();
}
