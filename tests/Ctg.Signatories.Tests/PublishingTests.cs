using System.Text.Json;
using Ctg.Data;
using Ctg.DevBus;
using Ctg.Testing;
using Dapper;

namespace Ctg.Signatories.Tests;

/// <summary>Committed events leave the outbox for the Dapr sidecar as CloudEvents, through the Dapr
/// SDK's gRPC PublishEvent; here the real development bus plays the sidecar and its message store
/// shows what the service published.</summary>
public sealed class PublishingTests
{
    [Fact]
    public async Task A_signed_convention_is_published_to_the_sidecar_as_a_cloud_event()
    {
        var options = new DevBusOptions
        {
            Port = FreePort.Next(),
            GrpcPort = FreePort.Next(),
            DaprApiToken = "test-dapr-api-token",
            DataFile = Path.Combine(Path.GetTempPath(), $"ctg-devbus-{Guid.NewGuid():N}.db"),
            MinimumLogLevel = Microsoft.Extensions.Logging.LogLevel.Error,
        };
        var bus = await DevBusApp.StartAsync(options);
        try
        {
            await using var service = await ServiceUnderTest.StartAsync(SignatoriesApp.Build, new()
            {
                ["Dapr:HttpEndpoint"] = $"http://127.0.0.1:{options.Port}",
                ["Dapr:GrpcEndpoint"] = $"http://127.0.0.1:{options.GrpcPort}",
                ["DAPR_API_TOKEN"] = "test-dapr-api-token",
            });
            var conventions = new V1.Conventions.ConventionsClient(service.Channel);
            await conventions.LoadDemoDataAsync(new V1.LoadDemoDataRequest());

            var store = new SqliteConnectionFactory(options.DataFile);
            string? signed = null;
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while (signed is null && DateTime.UtcNow < deadline)
            {
                await using var connection = await store.OpenAsync(CancellationToken.None);
                signed = await connection.QueryFirstOrDefaultAsync<string>(
                    "SELECT cloud_event FROM messages WHERE topic = 'signatories.convention-signed.v1' AND cloud_event LIKE '%ctg-39-jura-nord-2019%'");
                if (signed is null)
                {
                    await Task.Delay(50);
                }
            }

            Assert.NotNull(signed);
            using var cloudEvent = JsonDocument.Parse(signed);
            var root = cloudEvent.RootElement;
            Assert.Equal("ctg/signatories", root.GetProperty("source").GetString());
            Assert.Equal("ctg.signatories.convention-signed.v1", root.GetProperty("type").GetString());
            Assert.Equal("ctg-39-jura-nord-2019", root.GetProperty("data").GetProperty("conventionId").GetString());
            Assert.Equal("2019-12-20", root.GetProperty("data").GetProperty("signedOn").GetString());
        }
        finally
        {
            await bus.StopAsync();
            await bus.DisposeAsync();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            File.Delete(options.DataFile);
        }
    }
}
