using System.Globalization;
using Ctg.Testing;

namespace Ctg.Reporting.Tests.Support;

/// <summary>The development bus as a real process on a fixed loopback port and SQLite file, so that it
/// can be killed and started again on the same state.</summary>
internal sealed class DevBusProcess : IDisposable
{
    private readonly string[] _arguments;
    private ChildProcess? _process;

    public DevBusProcess(string dataFile, IReadOnlyDictionary<string, Uri> apps, int port = 0)
    {
        Port = port == 0 ? FreePort.Next() : port;
        DataFile = dataFile;
        var arguments = new List<string>
        {
            "--port", Port.ToString(CultureInfo.InvariantCulture),
            "--grpc-port", GrpcPortFor(Port).ToString(CultureInfo.InvariantCulture),
            "--data", dataFile,
            "--max-attempts", "3",
            "--initial-backoff-ms", "50",
            "--max-backoff-ms", "500",
            "--discovery-interval-ms", "500",
            "--idle-poll-ms", "200",
        };
        foreach (var (name, address) in apps)
        {
            arguments.Add("--app");
            arguments.Add($"{name}={address.ToString().TrimEnd('/')}");
        }

        _arguments = [.. arguments];
    }

    public int Port { get; }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<int, int> GrpcPorts = new();

    /// <summary>The Dapr gRPC port of the bus whose HTTP port is given (chosen once per HTTP port), so
    /// that processes given only the bus's HTTP address also find the gRPC API the SDK publishes through.</summary>
    public static int GrpcPortFor(int httpPort) => GrpcPorts.GetOrAdd(httpPort, _ => FreePort.Next());

    public static string GrpcEndpointFor(Uri busAddress) => $"http://127.0.0.1:{GrpcPortFor(busAddress.Port)}";

    public string DataFile { get; }

    public Uri Address => new($"http://127.0.0.1:{Port}");

    public ChildProcess Process => _process ?? throw new InvalidOperationException("The bus is not started.");

    public async Task StartAsync()
    {
        _process = ChildProcess.Start(RepoPaths.DevBusDll, _arguments);
        await Eventually.HttpAnswersAsync(new Uri(Address, "/v1.0/healthz"), TimeSpan.FromSeconds(30), () => _process.RecentOutput());
    }

    public void KillHard() => _process?.KillHard();

    public void Dispose() => _process?.Dispose();
}
