using Ctg.Reporting.V1;
using Ctg.Testing;

namespace Ctg.Reporting.Tests.Support;

/// <summary>The whole path as it runs for real, on loopback: a publisher (in-process, real outbox and
/// publisher) → the development bus (process) → reporting (process), plus optional observer apps
/// subscribed through the same bus. Every piece can be killed and restarted on its own state.</summary>
internal sealed class BusRig : IAsyncDisposable
{
    private readonly string _directory;

    private BusRig(string directory, EventProducer producer, ReportingProcess reporting, DevBusProcess bus)
    {
        _directory = directory;
        Producer = producer;
        Reporting = reporting;
        Bus = bus;
    }

    public EventProducer Producer { get; }

    public ReportingProcess Reporting { get; }

    public DevBusProcess Bus { get; }

    public static async Task<BusRig> StartAsync(params ObserverApp[] observers)
    {
        var directory = Path.Combine(Path.GetTempPath(), "ctg-rig-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        var busPort = FreePort.Next();
        var busAddress = new Uri($"http://127.0.0.1:{busPort}");
        var producer = await EventProducer.StartAsync(busAddress);
        // The producer plays every source service: it is the one asked to replay any topic.
        var reporting = new ReportingProcess(Path.Combine(directory, "reporting"), busAddress, new Dictionary<string, Uri>
        {
            ["structures"] = producer.Address,
            ["signatories"] = producer.Address,
            ["funding"] = producer.Address,
        });
        var apps = new Dictionary<string, Uri> { ["reporting"] = reporting.HttpAddress };
        for (var i = 0; i < observers.Length; i++)
        {
            apps[$"observer{i}"] = observers[i].Address;
        }

        var bus = new DevBusProcess(Path.Combine(directory, "devbus.db"), apps, busPort);
        var rig = new BusRig(directory, producer, reporting, bus);
        try
        {
            await reporting.StartAsync();
            await bus.StartAsync();
        }
        catch
        {
            await rig.DisposeAsync();
            throw;
        }

        return rig;
    }

    public Task<ReadModelStats> StatsAsync() => Reporting.Client.GetReadModelStatsAsync(new GetReadModelStatsRequest()).ResponseAsync;

    /// <summary>Waits until reporting has applied exactly the expected number of events per topic.</summary>
    public Task AppliedAsync(IReadOnlyDictionary<string, long> expected, TimeSpan timeout)
    {
        ReadModelStats? last = null;
        return Eventually.HoldsAsync(
            async () =>
            {
                last = await StatsAsync();
                var applied = last.Applied.ToDictionary(a => a.Topic, a => a.Applied);
                return expected.All(kv => applied.GetValueOrDefault(kv.Key) == kv.Value) && applied.Keys.All(expected.ContainsKey);
            },
            timeout,
            async () => $"applied {Describe(last)}; producer outbox unpublished {await Producer.UnpublishedAsync()}; "
                + $"reporting output: {Reporting.Process.RecentOutput()}; bus output: {Bus.Process.RecentOutput()}",
            pollMs: 250);
    }

    public static string Describe(ReadModelStats? stats) =>
        stats is null ? "(none)" : string.Join(", ", stats.Applied.Select(a => $"{a.Topic}={a.Applied}"));

    public async ValueTask DisposeAsync()
    {
        Bus.Dispose();
        Reporting.Dispose();
        await Producer.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A killed process may still hold a file for a moment; the temp directory is cleaned later.
        }
    }
}
