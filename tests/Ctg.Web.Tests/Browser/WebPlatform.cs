using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Ctg.EndToEnd.Tests;

namespace Ctg.Web.Tests.Browser;

/// <summary>
/// Everything a person's browser reaches, for real: the platform of the end-to-end tests (dev bus and four
/// services, with the demo data and the Jura Nord 2019 declarations loaded by ctg), the development identity
/// provider and the web application, each its own process on a free port.
/// </summary>
public sealed class WebPlatform : IAsyncLifetime
{
    private readonly List<(string Name, Process Process, StringBuilder Log)> _processes = [];

    public PlatformProcesses Platform { get; private set; } = null!;
    public Uri Web { get; private set; } = null!;
    public Uri Issuer { get; private set; } = null!;
    public string DataDirectory { get; } = Directory.CreateTempSubdirectory("ctg-web-tests-").FullName;

    public async Task InitializeAsync()
    {
        var webPort = FreePort();
        Web = new Uri($"http://127.0.0.1:{webPort}/");
        // One identity provider for the services and the web: the demo web client redirected to this test's port.
        Platform = await PlatformProcesses.StartAsync(
            $"--DevIdentity:Clients:ctg-web:RedirectUris:0={new Uri(Web, "/signin-oidc")}",
            $"--DevIdentity:Clients:ctg-web:PostLogoutRedirectUris:0={new Uri(Web, "/signout-callback-oidc")}");
        Issuer = Platform.Identity;
        var login = await CtgProcess.RunAsync(Platform, "login", "--utilisateur", "financier", "--mot-de-passe", "demo");
        if (login.ExitCode != 0) throw new InvalidOperationException("ctg login failed: " + login);
        var demo = await CtgProcess.RunAsync(Platform, "import", "--demo");
        if (demo.ExitCode != 0) throw new InvalidOperationException("ctg import --demo failed: " + demo);
        var declarations = Path.Combine(RepositoryPaths.Root, "tools/Ctg.Cli/DemoData/declarations_jura_nord_2019.csv");
        var imported = await CtgProcess.RunAsync(Platform, "import", declarations, "--skip-existing");
        if (imported.ExitCode != 0) throw new InvalidOperationException("ctg import of the declarations failed: " + imported);

        Start("web", RepositoryPaths.Dll("services/Web/Ctg.Web"),
        [
            "--environment", "Development",
            $"--Web:Port={webPort}",
            $"--Authentication:Authority={Issuer}",
            "--Authentication:ClientSecret=ctg-web-dev-secret",
            "--Authentication:RequireHttpsMetadata=false",
            $"--Services:Signatories={Platform.Grpc("signatories")}",
            $"--Services:Structures={Platform.Grpc("structures")}",
            $"--Services:Funding={Platform.Grpc("funding")}",
            $"--Services:Reporting={Platform.Grpc("reporting")}",
        ]);
        await WaitHealthyAsync("web", new Uri(Web, "/healthz"));
    }

    private void Start(string name, string dll, string[] arguments)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(dll);
        foreach (var a in arguments) info.ArgumentList.Add(a);
        var process = Process.Start(info) ?? throw new InvalidOperationException($"{name} did not start.");
        var log = new StringBuilder();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _processes.Add((name, process, log));
    }

    private async Task WaitHealthyAsync(string name, Uri url)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var process = _processes.Single(p => p.Name == name).Process;
        var until = DateTime.UtcNow.AddSeconds(180); // two cores shared with other builds
        while (DateTime.UtcNow < until)
        {
            if (process.HasExited) throw new InvalidOperationException($"{name} exited with {process.ExitCode} at start-up:\n{Log(name)}");
            try
            {
                using var response = await http.GetAsync(url);
                if (response.IsSuccessStatusCode) return;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet.
            }
            await Task.Delay(200);
        }
        throw new TimeoutException($"{name} not healthy on {url} after 180 s:\n{Log(name)}");
    }

    public string Log(string name)
    {
        var log = _processes.Single(p => p.Name == name).Log;
        lock (log) return log.ToString();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async Task DisposeAsync()
    {
        foreach (var (_, process, _) in Enumerable.Reverse(_processes))
        {
            try
            {
                if (!process.HasExited)
                {
                    process.Kill(entireProcessTree: true);
                    await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
                }
            }
            catch (Exception e) when (e is InvalidOperationException or TimeoutException)
            {
                // Already gone.
            }
            process.Dispose();
        }
        if (Platform is not null) await Platform.DisposeAsync();
        try { Directory.Delete(DataDirectory, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
