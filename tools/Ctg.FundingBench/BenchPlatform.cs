using System.Net;
using System.Net.Sockets;

namespace Ctg.FundingBench;

/// <summary>
/// The real platform for a benchmark, each part its own process on a free port with SQLite under a temporary
/// folder, started as tools/platform.sh does for make run: the development identity provider, the development
/// bus, the signatories, structures and funding services, and on demand reporting and the web application.
/// </summary>
public sealed class BenchPlatform : IAsyncDisposable
{
    /// <summary>A development-only user of the provider for loading and allocating the national data: a finance
    /// officer with no CAF claim, so that the conventions of every CAF are in reach.</summary>
    public const string BenchLogin = "banc-essai";
    public const string BenchPassword = "banc-essai-dev";

    private readonly List<ServiceProcess> _processes = [];
    private readonly Dictionary<string, int> _grpcPorts = new(StringComparer.Ordinal);

    private BenchPlatform(string dataDirectory) => DataDirectory = dataDirectory;

    public string DataDirectory { get; }

    public Uri Identity { get; private set; } = null!;

    public Uri? Web { get; private set; }

    public IReadOnlyList<ServiceProcess> Processes => _processes;

    public Uri Grpc(string service) => new($"http://127.0.0.1:{_grpcPorts[service]}");

    public ServiceProcess Process(string name) => _processes.Single(p => p.Name == name);

    /// <summary>The services whose memory the benchmarks report.</summary>
    public IEnumerable<ServiceProcess> Services => _processes.Where(p => _grpcPorts.ContainsKey(p.Name));

    /// <param name="seeded">A cache whose databases the services start from, when it holds a load.</param>
    public static async Task<BenchPlatform> StartAsync(bool withWeb, LoadCache? seeded = null)
    {
        var data = Directory.CreateTempSubdirectory("ctg-bench-").FullName;
        if (seeded is { Exists: true }) seeded.CopyInto(data);
        var platform = new BenchPlatform(data);
        try
        {
            await platform.StartAllAsync(withWeb);
            return platform;
        }
        catch
        {
            await platform.DisposeAsync();
            throw;
        }
    }

    private async Task StartAllAsync(bool withWeb)
    {
        var timeout = TimeSpan.FromSeconds(120);
        var identityPort = FreePort();
        Identity = new Uri($"http://127.0.0.1:{identityPort}/");
        var webPort = FreePort();
        Web = withWeb ? new Uri($"http://127.0.0.1:{webPort}/") : null;
        var identity = Start("identity", "tools/Ctg.DevIdentity",
        [
            "--environment", "Development", $"--DevIdentity:Issuer={Identity}", $"--DevIdentity:DataDirectory={Path.Combine(DataDirectory, "identity")}",
            "--Logging:LogLevel:Default=Warning",
            $"--DevIdentity:Users:{BenchLogin}:Password={BenchPassword}", $"--DevIdentity:Users:{BenchLogin}:Name=Banc d'essai",
            $"--DevIdentity:Users:{BenchLogin}:Roles:0=ctg.finance_officer",
            $"--DevIdentity:Clients:ctg-web:RedirectUris:0=http://127.0.0.1:{webPort}/signin-oidc",
            $"--DevIdentity:Clients:ctg-web:PostLogoutRedirectUris:0=http://127.0.0.1:{webPort}/signout-callback-oidc",
        ]);

        string[] services = withWeb ? ["signatories", "structures", "funding", "reporting"] : ["signatories", "structures", "funding"];
        var httpPorts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var name in services)
        {
            _grpcPorts[name] = FreePort();
            httpPorts[name] = FreePort();
        }

        var busPort = FreePort();
        var busGrpcPort = FreePort();
        string[] tokens = ["--dapr-api-token", "bench-dapr-api-token", "--app-api-token", "bench-app-api-token"];
        var bus = Start("devbus", "tools/Ctg.DevBus",
        [
            "--port", busPort.ToString(), "--grpc-port", busGrpcPort.ToString(), .. tokens, "--data", Path.Combine(DataDirectory, "devbus.db"),
            "--discovery-interval-ms", "1000", .. services.SelectMany(s => new[] { "--app", $"{s}=http://127.0.0.1:{httpPorts[s]}" }),
        ]);
        // The services of make run that this benchmark does not start are pointed at a port where nothing listens.
        var urls = new[] { "signatories", "structures", "funding", "reporting" }
            .Select(s => $"--Services:{char.ToUpperInvariant(s[0])}{s[1..]}=http://127.0.0.1:{(_grpcPorts.TryGetValue(s, out var p) ? p : FreePort())}")
            .ToArray();
        var started = services.Select(name => (name, Start(name, ProjectOf(name),
        [
            $"--Service:GrpcPort={_grpcPorts[name]}", $"--Service:HttpPort={httpPorts[name]}",
            "--Database:Provider=sqlite", $"--Database:DataDirectory={DataDirectory}",
            $"--Dapr:HttpEndpoint=http://127.0.0.1:{busPort}", $"--Dapr:GrpcEndpoint=http://127.0.0.1:{busGrpcPort}",
            "--DAPR_API_TOKEN=bench-dapr-api-token", "--APP_API_TOKEN=bench-app-api-token", "--Logging:LogLevel:Default=Warning",
            // RunAllocations logs where its time went: the bench prints that line.
            "--Logging:LogLevel:Ctg.Funding.Api.Allocation.AllocationBatchRunner=Information",
            $"--Authentication:Authority={Identity}", "--Authentication:RequireHttpsMetadata=false", "--environment=Development",
            .. urls,
        ]))).ToList();
        await identity.WaitHealthyAsync(new Uri(Identity, "/healthz"), timeout);
        await bus.WaitHealthyAsync(new Uri($"http://127.0.0.1:{busPort}/v1.0/healthz"), timeout);
        foreach (var (name, process) in started)
        {
            await process.WaitHealthyAsync(new Uri($"http://127.0.0.1:{httpPorts[name]}/healthz"), timeout);
        }

        if (Web is not null)
        {
            var web = Start("web", "services/Web/Ctg.Web",
            [
                "--environment", "Development", $"--Web:Port={webPort}", $"--Authentication:Authority={Identity}",
                "--Authentication:ClientSecret=ctg-web-dev-secret", "--Authentication:RequireHttpsMetadata=false", "--Logging:LogLevel:Default=Warning",
                .. urls,
            ]);
            await web.WaitHealthyAsync(new Uri(Web, "/healthz"), timeout);
        }
    }

    private static string ProjectOf(string service) => service switch
    {
        "signatories" => "services/Signatories/Ctg.Signatories.Api",
        "structures" => "services/Structures/Ctg.Structures.Api",
        "funding" => "services/Funding/Ctg.Funding.Api",
        _ => "services/Reporting/Ctg.Reporting.Api",
    };

    private ServiceProcess Start(string name, string project, IEnumerable<string> arguments)
    {
        var process = ServiceProcess.Start(name, RepositoryPaths.Dll(project), arguments);
        _processes.Add(process);
        return process;
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public ValueTask DisposeAsync()
    {
        foreach (var process in Enumerable.Reverse(_processes))
        {
            process.Dispose();
        }

        try { Directory.Delete(DataDirectory, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        return ValueTask.CompletedTask;
    }
}
