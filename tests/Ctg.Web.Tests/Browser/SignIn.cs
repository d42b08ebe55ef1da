using Microsoft.Playwright;

namespace Ctg.Web.Tests.Browser;

/// <summary>A person signs in as they would: the web's login page, the provider's form, back to their space.</summary>
public static class SignIn
{
    public static async Task AsAsync(IPage page, WebPlatform platform, string login, string screenshotPrefix)
    {
        await page.GotoAsync(platform.Web.ToString());
        Assert.Equal("Connexion — CTG, convention territoriale globale", await page.TitleAsync());
        await Browser.CheckAsync(page, screenshotPrefix + "-01-accueil");
        await page.GetByRole(AriaRole.Link, new() { Name = "Se connecter" }).ClickAsync();
        await page.WaitForURLAsync(url => url.StartsWith(platform.Issuer.ToString(), StringComparison.Ordinal));
        await page.Locator("#login").FillAsync(login);
        await page.Locator("#password").FillAsync("demo");
        await page.ScreenshotAsync(new() { Path = Path.Combine(Browser.Artifacts, screenshotPrefix + "-02-fournisseur-identite.png") });
        await page.GetByRole(AriaRole.Button, new() { Name = "Se connecter" }).ClickAsync();
        await page.WaitForURLAsync(url => url.StartsWith(platform.Web.ToString(), StringComparison.Ordinal) && !url.Contains("signin-oidc"));
    }

    public static async Task OutAsync(IPage page, WebPlatform platform)
    {
        await page.GetByRole(AriaRole.Button, new() { Name = "Se déconnecter" }).ClickAsync();
        await page.WaitForURLAsync(url => url.TrimEnd('/') == platform.Web.ToString().TrimEnd('/'));
    }
}
