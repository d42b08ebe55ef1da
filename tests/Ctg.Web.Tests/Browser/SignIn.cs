using System.Diagnostics;
using Microsoft.Playwright;

namespace Ctg.Web.Tests.Browser;

/// <summary>A person signs in as they would: the web's login page, the provider's form, back to their space.</summary>
public static class SignIn
{
    /// <summary>Two cores shared with other builds: a sign-in is three servers' work (provider, web, a service for
    /// the landing page), so each step gets more than Playwright's default 30 s before it is called stuck.</summary>
    private const float StepTimeout = 90_000;

    public static async Task AsAsync(IPage page, WebPlatform platform, string login, string screenshotPrefix)
    {
        var clock = Stopwatch.StartNew();
        var steps = new List<string>();
        try
        {
            await page.GotoAsync(platform.Web.ToString(), new() { Timeout = StepTimeout });
            steps.Add($"{clock.Elapsed.TotalSeconds:0.0} s: the web's home page");
            Assert.Equal("Connexion — CTG, convention territoriale globale", await page.TitleAsync());
            await Browser.CheckAsync(page, screenshotPrefix + "-01-accueil");
            await page.GetByRole(AriaRole.Link, new() { Name = "Se connecter" }).ClickAsync();
            await page.WaitForURLAsync(url => url.StartsWith(platform.Issuer.ToString(), StringComparison.Ordinal), new() { Timeout = StepTimeout });
            await page.Locator("#login").WaitForAsync(new() { Timeout = StepTimeout });
            steps.Add($"{clock.Elapsed.TotalSeconds:0.0} s: the provider's form");
            await page.Locator("#login").FillAsync(login);
            await page.Locator("#password").FillAsync("demo");
            await page.ScreenshotAsync(new() { Path = Path.Combine(Browser.Artifacts, screenshotPrefix + "-02-fournisseur-identite.png") });

            // The provider answers the form with a page that posts the code to the web's callback; waiting on
            // that callback's answer (the session cookie and the redirect to the person's page) rather than on
            // any URL change says which side was slow when it is.
            var callback = await page.RunAndWaitForResponseAsync(
                () => page.GetByRole(AriaRole.Button, new() { Name = "Se connecter" }).ClickAsync(),
                response => response.Url.StartsWith(new Uri(platform.Web, "/signin-oidc").ToString(), StringComparison.Ordinal),
                new() { Timeout = StepTimeout });
            steps.Add($"{clock.Elapsed.TotalSeconds:0.0} s: the web's callback answered {callback.Status}");
            Assert.Equal(302, callback.Status);
            var location = (await callback.AllHeadersAsync()).GetValueOrDefault("location") ?? "";
            Assert.False(location.Contains("/Erreur", StringComparison.OrdinalIgnoreCase), "the web refused the sign-in: redirected to " + location);

            await page.WaitForURLAsync(
                url => url.StartsWith(platform.Web.ToString(), StringComparison.Ordinal) && !url.Contains("signin-oidc", StringComparison.Ordinal),
                new() { Timeout = StepTimeout, WaitUntil = WaitUntilState.Load });
            steps.Add($"{clock.Elapsed.TotalSeconds:0.0} s: the person's page {page.Url}");
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException(
                $"The sign-in of {login} did not finish ({e.Message}); page at {page.Url}.\nSteps:\n{string.Join("\n", steps)}\n" +
                $"--- identity provider output ---\n{Tail(platform.Log("identity"))}\n--- web output ---\n{Tail(platform.Log("web"))}", e);
        }
    }

    public static async Task OutAsync(IPage page, WebPlatform platform)
    {
        await page.GetByRole(AriaRole.Button, new() { Name = "Se déconnecter" }).ClickAsync();
        await page.WaitForURLAsync(url => url.TrimEnd('/') == platform.Web.ToString().TrimEnd('/'), new() { Timeout = StepTimeout });
    }

    private static string Tail(string log) => log.Length <= 8000 ? log : "…" + log[^8000..];
}
