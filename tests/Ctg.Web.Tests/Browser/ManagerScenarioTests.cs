using Ctg.Structures.V1;
using Grpc.Net.Client;
using Microsoft.Playwright;

namespace Ctg.Web.Tests.Browser;

/// <summary>Scenario 1 of issue 11: the manager of the CC Jura Nord structures in a real browser.</summary>
[Collection(WebPlatformCollection.Name)]
public sealed class ManagerScenarioTests(WebPlatform platform)
{
    private const string Crèche = "str-39-jn-multi-accueil-fraisans";

    [Fact]
    public async Task Manager_sees_only_their_structures_the_funding_and_its_explanation_then_declares()
    {
        await using var browser = await Browser.LaunchAsync();
        var page = await browser.NewPageAsync();
        await SignIn.AsAsync(page, platform, "gestionnaire", "gestionnaire");

        // Their structures, and only theirs.
        Assert.EndsWith("/gestionnaire", page.Url);
        Assert.Equal("Mes structures — CTG, convention territoriale globale", await page.TitleAsync());
        await Browser.CheckAsync(page, "gestionnaire-03-structures");
        var rows = page.Locator("table tbody tr");
        using var structuresChannel = GrpcChannel.ForAddress(platform.Platform.Grpc("structures"));
        var registry = new StructureRegistry.StructureRegistryClient(structuresChannel);
        var theirs = await registry.ListStructuresAsync(new ListStructuresRequest { Filter = new StructureFilter { ManagerName = "Communauté de communes Jura Nord" }, Page = new() { PageSize = 500 } });
        var all = await registry.ListStructuresAsync(new ListStructuresRequest { Page = new() { PageSize = 500 } });
        Assert.True(all.Structures.Count > theirs.Structures.Count, "the demo data holds structures of other managers");
        Assert.Equal(theirs.Structures.Count, await rows.CountAsync());
        var names = await page.Locator("table tbody th").AllInnerTextsAsync();
        Assert.Equal(theirs.Structures.Select(s => s.Details.Name).Order(), names.Order());

        // The crèche's funding and its explanation.
        await page.GetByRole(AriaRole.Link, new() { Name = "Multi-accueil Fraisans" }).ClickAsync();
        await page.WaitForURLAsync($"**/structures/{Crèche}");
        Assert.Equal("Multi-accueil Fraisans — financements 2019 — CTG, convention territoriale globale", await page.TitleAsync());
        await Browser.CheckAsync(page, "gestionnaire-04-structure-2019");
    }
}
