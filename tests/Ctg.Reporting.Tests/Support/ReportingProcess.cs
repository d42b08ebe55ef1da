using System.Globalization;
using Ctg.Testing;
using Grpc.Net.Client;
using ReportingClient = Ctg.Reporting.V1.Reporting.ReportingClient;

namespace Ctg.Reporting.Tests.Support;

/// <summary>The reporting service as a real process (<c>dotnet Ctg.Reporting.Api.dll</c>) on fixed ports and
/// a SQLite directory of its own, so that a <c>kill -9</c> and a restart find the same database.</summary>
internal sealed class ReportingProcess : IDisposable
{
    private readonly string[] _arguments;
    private ChildProcess? _process;

    public ReportingProcess(string dataDirectory, Uri busAddress, IReadOnlyDictionary<string, Uri>? replaySources = null)
    {
        GrpcPort = FreePort.Next();
        HttpPort = FreePort.Next();
        var arguments = new List<string>
        {
            $"--Service:GrpcPort={GrpcPort.ToString(CultureInfo.InvariantCulture)}",
            $"--Service:HttpPort={HttpPort.ToString(CultureInfo.InvariantCulture)}",
            "--Database:Provider=sqlite",
            $"--Database:DataDirectory={dataDirectory}",
            "--Database:ApplyMigrationsOnStart=true",
            $"--Dapr:HttpEndpoint={busAddress}", $"--Dapr:GrpcEndpoint={DevBusProcess.GrpcEndpointFor(busAddress)}",
            "--Logging:LogLevel:Default=Warning",
        };
        arguments.AddRange(TestIdentity.Shared.ServiceArguments);
        foreach (var (service, address) in replaySources ?? new Dictionary<string, Uri>())
        {
            arguments.Add($"--Reporting:ReplaySources:{service}={address}");
        }

        _arguments = [.. arguments];
        Channel = TestChannels.As(new Uri($"http://127.0.0.1:{GrpcPort}"));
        Client = new ReportingClient(Channel);
    }

    public int GrpcPort { get; }

    public int HttpPort { get; }

    public Uri HttpAddress => new($"http://127.0.0.1:{HttpPort}");

    public GrpcChannel Channel { get; }

    public ReportingClient Client { get; }

    public ChildProcess Process => _process ?? throw new InvalidOperationException("Reporting is not started.");

    public async Task StartAsync()
    {
        _process = ChildProcess.Start(RepoPaths.ReportingDll, _arguments);
        await Eventually.HttpAnswersAsync(new Uri(HttpAddress, "/healthz"), TimeSpan.FromSeconds(30), () => _process.RecentOutput());
    }

    public void KillHard() => _process?.KillHard();

    public void Dispose()
    {
        _process?.Dispose();
        Channel.Dispose();
    }
}
