using Ctg.Funding.V1;
using Ctg.Structures.V1;
using Ctg.Testing;
using Ctg.Testing.Platform;

namespace Ctg.Web.Tests.Browser;

/// <summary>
/// Everything a person's browser reaches, for real: the platform of the end-to-end tests (dev bus and four
/// services, with the demo data and the Jura Nord 2019 declarations loaded by ctg), the development identity
/// provider and the web application, each its own process on a free port.
/// </summary>
public sealed class WebPlatform : IAsyncLifetime
{
    public PlatformProcesses Platform { get; private set; } = null!;
    public Uri Web { get; private set; } = null!;
    public Uri Issuer { get; private set; } = null!;
    public string DataDirectory { get; } = Directory.CreateTempSubdirectory("ctg-web-tests-").FullName;

    public async Task InitializeAsync()
    {
        var webPort = FreePort.Next();
        Web = new Uri($"http://127.0.0.1:{webPort}/");
        // One identity provider for the services and the web: the demo web client redirected to this test's port.
        Platform = await PlatformProcesses.StartAsync(
            $"--DevIdentity:Clients:ctg-web:RedirectUris:0={new Uri(Web, "/signin-oidc")}",
            $"--DevIdentity:Clients:ctg-web:PostLogoutRedirectUris:0={new Uri(Web, "/signout-callback-oidc")}");
        Issuer = Platform.Identity;
        // Two cores shared with other helpers' builds and benchmarks: the provider may miss ctg's 15 s once.
        var login = await CtgProcess.RunAsync(Platform, "login", "--utilisateur", "financier", "--mot-de-passe", "demo");
        for (var attempt = 2; login.ExitCode == 3 /* service unavailable */ && attempt <= 4; attempt++)
        {
            await Task.Delay(TimeSpan.FromSeconds(5));
            login = await CtgProcess.RunAsync(Platform, "login", "--utilisateur", "financier", "--mot-de-passe", "demo");
        }
        if (login.ExitCode != 0) throw new InvalidOperationException("ctg login failed: " + login);
        var demo = await CtgProcess.RunAsync(Platform, "import", "--demo");
        if (demo.ExitCode != 0) throw new InvalidOperationException("ctg import --demo failed: " + demo);
        var declarations = Path.Combine(RepositoryPaths.Root, "tools/Ctg.Cli/DemoData/declarations_jura_nord_2019.csv");
        var imported = await CtgProcess.RunAsync(Platform, "import", declarations, "--skip-existing");
        if (imported.ExitCode != 0) throw new InvalidOperationException("ctg import of the declarations failed: " + imported);
        // The CAF records the crèche's 2019 funding (funding.compute), which its manager then reads line by line.
        using (var funding = await Platform.ChannelAsync("funding", "financier"))
        {
            await new FundingComputations.FundingComputationsClient(funding).ComputeStructureAsync(new ComputeStructureRequest
            {
                StructureId = "str-39-jn-multi-accueil-fraisans", Year = 2019, DeclarationVersion = DeclarationVersion.Reel,
            });
        }

        Platform.StartBeside("web",
        [
            RepositoryPaths.Dll("services/Web/Ctg.Web"),
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
        // Two cores shared with other builds: the web may take a while to start. Ready means it holds the
        // provider's discovery document and keys (its /readyz), not just that it listens.
        await Platform.WaitHealthyAsync("web", new Uri(Web, "/readyz"), TimeSpan.FromSeconds(180));

        // One sign-in before any test: the first code flow after a start runs the provider's and the web's
        // sign-in code for the first time (JIT, the provider's first authorization, the first gRPC channel of
        // the landing page); a test should measure its own steps, not that.
        await using var browser = await Browser.LaunchAsync();
        var page = await browser.NewPageAsync();
        await SignIn.AsAsync(page, this, "financier", "00-prechauffage");
    }

    public string Log(string name) => Platform.Log(name);

    public async Task DisposeAsync()
    {
        if (Platform is not null) await Platform.DisposeAsync();
        try { Directory.Delete(DataDirectory, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
