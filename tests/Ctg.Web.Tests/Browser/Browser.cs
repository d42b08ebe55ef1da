using Ctg.Testing.Platform;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Ctg.Web.Tests.Browser;

/// <summary>Debian's chromium driven by Playwright (never a browser Playwright downloads), one context per
/// person; every page visited is checked by axe-core and kept as a screenshot under artifacts/.</summary>
public sealed class Browser : IAsyncDisposable
{
    public static readonly string Artifacts = Path.Combine(RepositoryPaths.Root, "tests", "Ctg.Web.Tests", "artifacts");

    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;

    private Browser(IPlaywright playwright, IBrowser browser) => (_playwright, _browser) = (playwright, browser);

    public static async Task<Browser> LaunchAsync()
    {
        var chromium = await HeadlessChromium.FindOrInstallAsync();
        Directory.CreateDirectory(Artifacts);
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = chromium,
            Headless = true,
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        return new Browser(playwright, browser);
    }

    public async Task<IPage> NewPageAsync()
    {
        var context = await _browser.NewContextAsync(new BrowserNewContextOptions { Locale = "fr-FR", ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        return await context.NewPageAsync();
    }

    /// <summary>What the services and the engine send in English or as code names, which a page must translate:
    /// finding one of them on a page means a text escaped the French catalogues.</summary>
    private static readonly string[] NotForPeople =
    [
        "ref_units", "ref_amount", "cej_reference", "entitlement", "new hours", "new part", "new units", "new places",
        "no bonus", "no activity", "no new activity", "revaluation", "floor", "wealth stratum", "eligible", "advances",
        "group ", "base places", "growth", "children", "barème amount", "position on the line", "Exception", "RpcException",
        "StatusCode", "embedded", "NotFound", "PermissionDenied", "Unavailable", "BONUS_TERRITOIRE", "PSU.PRIX", "PSU.BONUS", "RUN_STATUS", "DECISION-",
    ];

    /// <summary>The screenshot of the page as it is, no English or code name on it, and axe-core: no serious or
    /// critical violation.</summary>
    public static async Task CheckAsync(IPage page, string name)
    {
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Artifacts, name + ".png"), FullPage = true });
        // A folded explanation (a closed <details>) counts too: the person may unfold it.
        var text = await page.EvaluateAsync<string>(
            "() => document.body.innerText + '\\n' + [...document.querySelectorAll('details:not([open])')].map(d => d.textContent).join('\\n')");
        var found = NotForPeople.Where(w => text.Contains(w, StringComparison.Ordinal)).ToList();
        Assert.True(found.Count == 0, $"{page.Url} ({name}) shows text that is not for people: {string.Join(", ", found.Select(f => "« " + f + " »"))}");
        var result = await page.RunAxe();
        var blocking = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(blocking.Count == 0, $"axe-core on {page.Url} ({name}):\n" + string.Join("\n", blocking.Select(v =>
            $"- {v.Impact} {v.Id}: {v.Help} — {string.Join(" | ", v.Nodes.Select(n => string.Join(" ", n.Target?.ToString() ?? "")))}")));
    }

    public async ValueTask DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
    }
}
