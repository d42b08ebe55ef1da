using System.Diagnostics;
using System.Net;
using Ctg.DevBus;
using Ctg.Eventing.Tests.Support;
using Ctg.Testing;

namespace Ctg.Eventing.Tests;

/// <summary>The development bus as the separate process `make run` starts: its command line, a hard kill
/// that loses nothing, and a graceful stop on SIGTERM.</summary>
public sealed class DevBusProcessTests
{
    private static readonly HttpClient Http = new();

    [Fact]
    public async Task A_killed_bus_process_restarted_on_its_file_delivers_everything_it_had_accepted()
    {
        var subscriberSettings = new TestAppSettings { Subscribe = true, HttpPort = FreePort.Next() };
        var port = FreePort.Next();
        var data = Path.Combine(Path.GetTempPath(), $"ctg-devbus-process-{Guid.NewGuid():N}.db");
        string[] args = ["--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--data", data,
            "--app", $"reporting=http://127.0.0.1:{subscriberSettings.HttpPort}", "--discovery-interval-ms", "200", "--initial-backoff-ms", "40", "--log-level", "Warning"];
        var bus = new Uri($"http://127.0.0.1:{port}/");

        using (var first = await StartBusAsync(args, port))
        {
            for (var i = 1; i <= 20; i++)
            {
                await DevBusDeliveryTests.PublishRawAsync(bus, SubscriptionEndpointTests.CloudEventFor(new SampleHappened($"k{i}", i)));
            }

            first.Kill(entireProcessTree: true); // kill -9: no shutdown code runs
            await first.WaitForExitAsync();
        }

        using var second = await StartBusAsync(args, port);
        try
        {
            await using var subscriber = await EventingTestApp.StartAsync("reporting", subscriberSettings);
            await Eventually.HoldsAsync(async () => (await subscriber.ReceivedAsync()).Count == 20, "the 20 accepted events were delivered");
            Assert.Equal(Enumerable.Range(1, 20).Select(i => (long)i).ToArray(), (await subscriber.ReceivedAsync()).Select(r => r.Number).ToArray());
        }
        finally
        {
            second.Kill(entireProcessTree: true);
            await second.WaitForExitAsync();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (var file in new[] { data, data + "-wal", data + "-shm" })
            {
                File.Delete(file);
            }
        }
    }

    [Fact]
    public async Task Sigterm_stops_the_bus_gracefully_with_exit_code_zero()
    {
        var port = FreePort.Next();
        var data = Path.Combine(Path.GetTempPath(), $"ctg-devbus-process-{Guid.NewGuid():N}.db");
        using var process = await StartBusAsync(["--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--data", data], port);

        using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        await process.WaitForExitAsync(timeout.Token);
        Assert.Equal(0, process.ExitCode);
        File.Delete(data);
    }

    [Fact]
    public void The_command_line_reads_every_option()
    {
        var options = DevBusOptions.Parse(
            ["--port", "3600", "--data", "x/bus.db", "--app", "signatories=http://127.0.0.1:5101", "--app=funding=http://127.0.0.1:5301",
             "--max-attempts", "7", "--initial-backoff-ms", "100", "--max-backoff-ms", "2000", "--discovery-interval-ms", "1000",
             "--delivery-timeout-ms", "9000", "--pubsub", "other", "--json-logs", "--log-level", "Debug"]);

        Assert.Equal(3600, options.Port);
        Assert.Equal("x/bus.db", options.DataFile);
        Assert.Equal(new Uri("http://127.0.0.1:5101"), options.Apps["signatories"]);
        Assert.Equal(new Uri("http://127.0.0.1:5301"), options.Apps["funding"]);
        Assert.Equal(7, options.MaxAttempts);
        Assert.Equal(TimeSpan.FromMilliseconds(100), options.InitialBackoff);
        Assert.Equal(TimeSpan.FromSeconds(2), options.MaxBackoff);
        Assert.Equal(TimeSpan.FromSeconds(1), options.DiscoveryInterval);
        Assert.Equal(TimeSpan.FromSeconds(9), options.DeliveryTimeout);
        Assert.Equal(["other", "pubsub"], options.PubSubNames.Order().ToArray());
        Assert.True(options.JsonLogs);
        Assert.Equal(Microsoft.Extensions.Logging.LogLevel.Debug, options.MinimumLogLevel);
    }

    [Fact]
    public void An_apps_file_declares_the_subscriber_apps()
    {
        var file = Path.Combine(Path.GetTempPath(), $"ctg-devbus-apps-{Guid.NewGuid():N}.json");
        File.WriteAllText(file, """{"apps": {"structures": "http://127.0.0.1:5202", "reporting": "http://127.0.0.1:5402"}}""");
        try
        {
            var options = DevBusOptions.Parse(["--apps-file", file]);

            Assert.Equal(["reporting", "structures"], options.Apps.Keys.Order().ToArray());
            Assert.Equal(new Uri("http://127.0.0.1:5402"), options.Apps["reporting"]);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Theory]
    [InlineData("--app", "no-address")]
    [InlineData("--max-attempts", "0")]
    [InlineData("--unknown", "1")]
    public void A_bad_command_line_is_refused(string name, string value)
    {
        Assert.Throws<ArgumentException>(() => DevBusOptions.Parse([name, value]));
    }

    private static async Task<Process> StartBusAsync(string[] args, int port)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Ctg.DevBus.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        // Not daprd's 50001, which a make run on the same machine may hold.
        start.ArgumentList.Add("--grpc-port");
        start.ArgumentList.Add(Ctg.Testing.FreePort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture));

        var process = Process.Start(start)!;
        var output = new System.Collections.Concurrent.ConcurrentQueue<string>();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) output.Enqueue(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) output.Enqueue(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await Eventually.HoldsAsync(async () =>
        {
            try
            {
                using var health = await Http.GetAsync($"http://127.0.0.1:{port}/v1.0/healthz");
                return health.StatusCode == HttpStatusCode.NoContent;
            }
            catch (HttpRequestException)
            {
                return false;
            }
        }, $"the bus process answers /v1.0/healthz (exited: {(process.HasExited ? process.ExitCode : "no")}; output: {string.Join(" | ", output.TakeLast(5))})");
        return process;
    }
}
