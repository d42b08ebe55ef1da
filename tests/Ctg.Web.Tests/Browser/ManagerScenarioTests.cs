using Ctg.Structures.V1;
using Ctg.Testing.Platform;
using Grpc.Net.Client;
using Microsoft.Playwright;

namespace Ctg.Web.Tests.Browser;

/// <summary>Scenario 1 of issue 11: the manager of the CC Jura Nord structures in a real browser.</summary>
[Collection(WebPlatformCollection.Name)]
public sealed class ManagerScenarioTests(WebPlatform platform)
{
    private const string Crèche = "str-39-jn-multi-accueil-fraisans";
    private const char Nbsp = '\u00A0';

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
        using var structuresChannel = await platform.Platform.ChannelAsync("structures", "financier");
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
        var psu = page.Locator("table tbody tr", new() { HasText = "Prestation de service unique (PSU)" });
        Assert.Equal("non calculable : PSU, prix plafond, bande 2, sans couches et repas (psu.prix_plafond.bande_2.sans_fournitures) absent pour 2019", await psu.Locator(".not-computable").InnerTextAsync());
        Assert.Contains($"9{Nbsp}000,00{Nbsp}€", await page.Locator("table tbody tr", new() { HasText = "Bonus mixité sociale" }).InnerTextAsync());
        await page.GetByText("Comment est calculé : Bonus mixité sociale").ClickAsync();
        var explanation = page.Locator("details.explanation[open]", new() { HasText = "Comment est calculé : Bonus mixité sociale" });
        Assert.Contains("Paramètres du barème", await explanation.InnerTextAsync());
        Assert.Contains("Fiabilité", await explanation.InnerTextAsync());
        await Browser.CheckAsync(page, "gestionnaire-04-structure-2019");

        // A declaration with a wrong value: the error is on its field and nothing is written.
        await page.GotoAsync(new Uri(platform.Web, $"/structures/{Crèche}/declaration?annee=2020&version=Previsionnel").ToString());
        Assert.Equal("Déclarer l'activité 2020 — Multi-accueil Fraisans — CTG, convention territoriale globale", await page.TitleAsync());
        // The date is read and typed jj/mm/aaaa whatever the browser's language: a text field, today by default.
        var receivedOn = page.GetByLabel("Date de réception");
        Assert.Equal("text", await receivedOn.GetAttributeAsync("type"));
        Assert.Equal(DateTime.UtcNow.ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture), await receivedOn.InputValueAsync());
        await Browser.CheckAsync(page, "gestionnaire-05-declaration");
        await receivedOn.FillAsync("31/02/2020");
        await page.GetByLabel("Places agréées").FillAsync("30");
        await page.GetByLabel("Heures facturées").FillAsync("49 277");
        await page.GetByLabel("Heures réalisées").FillAsync("-45 000");
        await page.GetByLabel("Charges de fonctionnement (€)").FillAsync("414 306,00");
        await page.GetByLabel("Participations familiales (€)").FillAsync("70 000");
        await page.GetByLabel("Part du régime général").FillAsync("0,98");
        await page.GetByRole(AriaRole.Button, new() { Name = "Envoyer la déclaration" }).ClickAsync();
        await page.Locator("#e_recue_le").WaitForAsync();
        Assert.Equal("La déclaration n'a pas été enregistrée : 1 erreur", await page.Locator("#erreurs h2").InnerTextAsync());
        Assert.Equal("Saisissez une date valide (jj/mm/aaaa).", await page.Locator("#e_recue_le").InnerTextAsync());
        await receivedOn.FillAsync("16/03/2020");
        await page.GetByRole(AriaRole.Button, new() { Name = "Envoyer la déclaration" }).ClickAsync();
        await page.Locator("#e_hours_attended").WaitForAsync();
        Assert.Equal("La déclaration n'a pas été enregistrée : 1 erreur", await page.Locator("#erreurs h2").InnerTextAsync());
        Assert.Equal("La valeur ne peut pas être négative.", await page.Locator("#e_hours_attended").InnerTextAsync());
        Assert.Equal("true", await page.GetByLabel("Heures réalisées").GetAttributeAsync("aria-invalid"));
        Assert.Equal("-45 000", await page.GetByLabel("Heures réalisées").InputValueAsync());
        await Browser.CheckAsync(page, "gestionnaire-06-declaration-refusee");
        using var declarationsChannel = await platform.Platform.ChannelAsync("structures", "financier");
        var declarations = new ActivityDeclarations.ActivityDeclarationsClient(declarationsChannel);
        Assert.Empty((await declarations.ListDeclarationsAsync(new ListDeclarationsRequest { StructureId = Crèche, Year = 2020 })).Declarations);

        // Then a correct one.
        await page.GetByLabel("Heures réalisées").FillAsync("45 000");
        await page.GetByRole(AriaRole.Button, new() { Name = "Envoyer la déclaration" }).ClickAsync();
        await page.WaitForURLAsync($"**/structures/{Crèche}?annee=2020");
        Assert.Equal("Déclaration prévisionnel 2020 enregistrée.", await page.Locator(".success").InnerTextAsync());
        await Browser.CheckAsync(page, "gestionnaire-07-declaration-enregistree");
        var saved = Assert.Single((await declarations.ListDeclarationsAsync(new ListDeclarationsRequest { StructureId = Crèche, Year = 2020 })).Declarations);
        Assert.Equal(DeclarationVersion.Previsionnel, saved.Version);
        Assert.Equal(1, saved.Revision);
        Assert.Equal("45000", saved.Figures.HoursAttended.Value);
        Assert.Equal("49277", saved.Figures.HoursInvoiced.Value);
        Assert.Equal(41_430_600, saved.Figures.OperatingCosts.Cents);
        Assert.Equal(7_000_000, saved.Figures.FamilyParticipations.Cents);
        Assert.Equal("0.98", saved.Figures.RegimeGeneralShare.Value);
        Assert.Equal(30, saved.Figures.Places);
        Assert.Equal(new Ctg.Common.V1.Date { Year = 2020, Month = 3, Day = 16 }, saved.ReceivedOn);

        // The manager has no access to the financial space.
        var refused = await page.GotoAsync(new Uri(platform.Web, "/financier").ToString());
        Assert.Equal(403, refused!.Status);
        Assert.Equal("Accès refusé — CTG, convention territoriale globale", await page.TitleAsync());
        await Browser.CheckAsync(page, "gestionnaire-08-espace-financier-refuse");
    }
}
