namespace Ctg.Testing.Platform;

/// <summary>
/// The development bus and the four services as child processes, like tools/platform.sh starts them for
/// make run, but on free ports and in a temporary data directory so that tests never meet make run's data.
/// </summary>
public sealed class PlatformProcesses : IAsyncDisposable
{
    private readonly ProcessGroup _processes = new();

    private PlatformProcesses(string dataDirectory) => DataDirectory = dataDirectory;

    public string DataDirectory { get; }
    public int BusPort { get; private set; }
    public int IdentityPort { get; private set; }

    /// <summary>The development identity provider (issuer) the services trust and ctg logs in to.</summary>
    public Uri Identity => new($"http://127.0.0.1:{IdentityPort}/");

    /// <summary>Where ctg keeps its session (XDG_CONFIG_HOME of the ctg processes), never the developer's own.</summary>
    public string ConfigDirectory => Path.Combine(DataDirectory, "config");
    public IReadOnlyDictionary<string, (int Grpc, int Http)> Ports { get; private set; } = new Dictionary<string, (int, int)>();

    public Uri Grpc(string service) => new($"http://127.0.0.1:{Ports[service].Grpc}");

    public Uri Bus => new($"http://127.0.0.1:{BusPort}");

    /// <summary>The --xxx-url options that point ctg at this platform.</summary>
    public string[] CtgEndpointArguments() =>
    [
        "--signatories-url", Grpc("signatories").ToString(),
        "--structures-url", Grpc("structures").ToString(),
        "--funding-url", Grpc("funding").ToString(),
        "--reporting-url", Grpc("reporting").ToString(),
        "--bus-url", Bus.ToString(),
        "--identity-url", Identity.ToString(),
    ];

    private static readonly (string Name, string Project)[] Services =
    [
        ("signatories", "services/Signatories/Ctg.Signatories.Api"),
        ("structures", "services/Structures/Ctg.Structures.Api"),
        ("funding", "services/Funding/Ctg.Funding.Api"),
        ("reporting", "services/Reporting/Ctg.Reporting.Api"),
    ];

    /// <summary>Endpoints where nothing listens (ports just freed), for the "service unavailable" cases.</summary>
    public static PlatformProcesses Unreachable()
    {
        var platform = new PlatformProcesses(Path.Combine(Path.GetTempPath(), "ctg-e2e-" + Guid.NewGuid().ToString("N"))) { BusPort = FreePort(), IdentityPort = FreePort() };
        platform.Ports = Services.ToDictionary(s => s.Name, _ => (FreePort(), FreePort()));
        return platform;
    }

    /// <param name="identityArguments">Extra settings of the identity provider (e.g. the web client's redirect URIs).</param>
    public static async Task<PlatformProcesses> StartAsync(params string[] identityArguments)
    {
        var data = Path.Combine(Path.GetTempPath(), "ctg-e2e-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(data);
        var platform = new PlatformProcesses(data);
        try
        {
            await platform.StartAllAsync(identityArguments);
            return platform;
        }
        catch
        {
            await platform.DisposeAsync();
            throw;
        }
    }

    private async Task StartAllAsync(string[] identityArguments)
    {
        IdentityPort = FreePort();
        Start("identity", [RepositoryPaths.Dll("tools/Ctg.DevIdentity"), "--environment", "Development", $"--DevIdentity:Issuer={Identity}",
            $"--DevIdentity:DataDirectory={Path.Combine(DataDirectory, "identity")}", "--Logging:LogLevel:Default=Warning", .. identityArguments]);
        await WaitHealthyAsync("identity", new Uri(Identity, "/healthz"));
        BusPort = FreePort();
        Ports = Services.ToDictionary(s => s.Name, _ => (FreePort(), FreePort()));
        var apps = Services.SelectMany(s => new[] { "--app", $"{s.Name}=http://127.0.0.1:{Ports[s.Name].Http}" });
        var busGrpcPort = FreePort();
        // The tokens of both directions, as in the cluster: the bus checks the one and sends the other.
        string[] tokens = ["--dapr-api-token", "e2e-dapr-api-token", "--app-api-token", "e2e-app-api-token"];
        Start("devbus", [RepositoryPaths.Dll("tools/Ctg.DevBus"), "--port", BusPort.ToString(), "--grpc-port", busGrpcPort.ToString(), .. tokens, "--data", Path.Combine(DataDirectory, "devbus.db"), .. apps]);
        await WaitHealthyAsync("devbus", new Uri(Bus, "/v1.0/healthz"));

        var serviceUrls = Services.Select(s => $"--Services:{char.ToUpperInvariant(s.Name[0])}{s.Name[1..]}=http://127.0.0.1:{Ports[s.Name].Grpc}").ToArray();
        foreach (var (name, project) in Services)
        {
            Start(name,
            [
                RepositoryPaths.Dll(project),
                $"--Service:GrpcPort={Ports[name].Grpc}", $"--Service:HttpPort={Ports[name].Http}",
                "--Database:Provider=sqlite", $"--Database:DataDirectory={DataDirectory}",
                $"--Dapr:HttpEndpoint={Bus}", $"--Dapr:GrpcEndpoint=http://127.0.0.1:{busGrpcPort}",
                "--DAPR_API_TOKEN=e2e-dapr-api-token", "--APP_API_TOKEN=e2e-app-api-token", "--Logging:LogLevel:Default=Warning",
                $"--Authentication:Authority={Identity}", "--Authentication:RequireHttpsMetadata=false", "--environment=Development",
                .. serviceUrls,
            ]);
        }
        foreach (var (name, _) in Services)
        {
            await WaitHealthyAsync(name, new Uri($"http://127.0.0.1:{Ports[name].Http}/healthz"));
        }
    }

    private void Start(string name, string[] arguments) => _processes.Start(name, arguments);

    private Task WaitHealthyAsync(string name, Uri url) => _processes.WaitHealthyAsync(name, url, TimeSpan.FromSeconds(60));

    /// <summary>What a process of the platform wrote so far, for a failure message.</summary>
    public string Log(string name) => _processes.Log(name);

    /// <summary>Another process beside the platform (the web application), stopped with it.</summary>
    public void StartBeside(string name, string[] arguments) => Start(name, arguments);

    public Task WaitHealthyAsync(string name, Uri url, TimeSpan timeout) => _processes.WaitHealthyAsync(name, url, timeout);

    private static int FreePort() => Ctg.Testing.FreePort.Next();

    public async ValueTask DisposeAsync()
    {
        await _processes.DisposeAsync();
        try { Directory.Delete(DataDirectory, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
