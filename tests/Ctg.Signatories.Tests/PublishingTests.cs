using System.Collections.Concurrent;
using System.Text.Json;
using Ctg.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Ctg.Signatories.Tests;

/// <summary>Committed events leave the outbox for the Dapr sidecar as CloudEvents; here a minimal
/// sidecar on a loopback socket records what the service publishes.</summary>
public sealed class PublishingTests
{
    [Fact]
    public async Task A_signed_convention_is_published_to_the_sidecar_as_a_cloud_event()
    {
        var received = new ConcurrentQueue<(string Topic, string Body)>();
        var sidecarPort = FreePort.Next();
        var sidecarBuilder = WebApplication.CreateSlimBuilder();
        sidecarBuilder.Logging.ClearProviders();
        sidecarBuilder.WebHost.UseUrls($"http://127.0.0.1:{sidecarPort}");
        await using var sidecar = sidecarBuilder.Build();
        sidecar.MapPost("/v1.0/publish/{pubsub}/{topic}", async (string topic, HttpRequest request) =>
        {
            using var reader = new StreamReader(request.Body);
            received.Enqueue((topic, await reader.ReadToEndAsync()));
            return Results.NoContent();
        });
        sidecar.MapGet("/v1.0/healthz", () => Results.NoContent());
        await sidecar.StartAsync();

        await using var service = await ServiceUnderTest.StartAsync(SignatoriesApp.Build, new() { ["Dapr:HttpEndpoint"] = $"http://127.0.0.1:{sidecarPort}" });
        using var http = new HttpClient { BaseAddress = service.HttpAddress };
        Assert.Equal("[]", (await http.GetStringAsync("/dapr/subscribe")).Trim());

        var conventions = new V1.Conventions.ConventionsClient(service.Channel);
        await conventions.LoadDemoDataAsync(new V1.LoadDemoDataRequest());

        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (!received.Any(r => r.Topic == "signatories.convention-signed.v1") && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        var signed = Assert.Single(received, r => r.Topic == "signatories.convention-signed.v1");
        using var cloudEvent = JsonDocument.Parse(signed.Body);
        var root = cloudEvent.RootElement;
        Assert.Equal("ctg/signatories", root.GetProperty("source").GetString());
        Assert.Equal("ctg.signatories.convention-signed.v1", root.GetProperty("type").GetString());
        Assert.Equal("ctg-39-jura-nord-2019", root.GetProperty("data").GetProperty("conventionId").GetString());
        Assert.Equal("2019-12-20", root.GetProperty("data").GetProperty("signedOn").GetString());
        await sidecar.StopAsync();
    }
}
