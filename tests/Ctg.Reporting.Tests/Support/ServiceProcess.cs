using System.Globalization;
using Ctg.Testing;
using Grpc.Net.Client;

namespace Ctg.Reporting.Tests.Support;

/// <summary>Any platform service as a real process (<c>dotnet Ctg.X.Api.dll</c>) on its own loopback ports
/// and SQLite directory, talking to the bus.</summary>
internal sealed class ServiceProcess : IDisposable
{
    private readonly string _dll;
    private readonly List<string> _arguments;
    private ChildProcess? _process;

    public ServiceProcess(string dll, string dataDirectory, Uri busAddress)
    {
        _dll = dll;
        GrpcPort = FreePort.Next();
        HttpPort = FreePort.Next();
        _arguments =
        [
            $"--Service:GrpcPort={GrpcPort.ToString(CultureInfo.InvariantCulture)}",
            $"--Service:HttpPort={HttpPort.ToString(CultureInfo.InvariantCulture)}",
            "--Database:Provider=sqlite",
            $"--Database:DataDirectory={dataDirectory}",
            "--Database:ApplyMigrationsOnStart=true",
            $"--Dapr:HttpEndpoint={busAddress}", $"--Dapr:GrpcEndpoint={DevBusProcess.GrpcEndpointFor(busAddress)}",
            "--Logging:LogLevel:Default=Warning",
            .. TestIdentity.Shared.ServiceArguments,
        ];
        Channel = TestChannels.As(new Uri($"http://127.0.0.1:{GrpcPort}"));
    }

    public int GrpcPort { get; }

    public int HttpPort { get; }

    public Uri GrpcAddress => new($"http://127.0.0.1:{GrpcPort}");

    public Uri HttpAddress => new($"http://127.0.0.1:{HttpPort}");

    public GrpcChannel Channel { get; }

    public ChildProcess Process => _process ?? throw new InvalidOperationException("Not started.");

    public ServiceProcess With(string argument)
    {
        _arguments.Add(argument);
        return this;
    }

    public async Task StartAsync()
    {
        _process = ChildProcess.Start(_dll, _arguments);
        await Eventually.HttpAnswersAsync(new Uri(HttpAddress, "/healthz"), TimeSpan.FromSeconds(30), () => _process.RecentOutput());
    }

    public void Dispose()
    {
        _process?.Dispose();
        Channel.Dispose();
    }
}
