using Ctg.Funding.V1;
using Ctg.Testing.Platform;
using Microsoft.Playwright;

namespace Ctg.Web.Tests.Browser;

/// <summary>The auditor reads who did what on a run; the administrator loads a barème and compares it.</summary>
[Collection(WebPlatformCollection.Name)]
public sealed class AuditorAdministratorTests(WebPlatform platform)
{
    private const string Convention = "ctg-39-jura-nord-2019";

    [Fact]
    public async Task The_auditor_reads_the_audit_trail_of_a_run_in_French()
    {
        using var fundingChannel = await platform.Platform.ChannelAsync("funding", "financier");
        var run = await new AllocationRuns.AllocationRunsClient(fundingChannel).RunAllocationAsync(new RunAllocationRequest
        {
            ConventionId = Convention, Year = 2019, DeclarationVersion = Ctg.Structures.V1.DeclarationVersion.Reel,
        });

        await using var browser = await Browser.LaunchAsync();
        var page = await browser.NewPageAsync();
        await SignIn.AsAsync(page, platform, "auditeur", "auditeur");
        await page.GotoAsync(new Uri(platform.Web, $"/financier/calculs/{run.RunId}").ToString());
        Assert.Equal(0, await page.GetByRole(AriaRole.Button, new() { Name = "Valider le calcul" }).CountAsync());
        await page.GetByRole(AriaRole.Link, new() { Name = "Journal d'audit de ce calcul" }).ClickAsync();
        await page.WaitForURLAsync("**/financier/audit?**");
        Assert.Equal($"Journal d'audit — {run.RunId} — CTG, convention territoriale globale", await page.TitleAsync());
        var row = page.Locator("#journal tbody tr", new() { HasText = "Calcul du bonus territoire lancé" });
        Assert.Equal(1, await row.CountAsync());
        var cells = (await row.Locator("th, td").AllInnerTextsAsync()).Select(t => t.Trim()).ToArray();
        Assert.Matches(@"^\d{2}/\d{2}/\d{4} \d{2}:\d{2}:\d{2} \(heure de Paris\)$", cells[0]);
        Assert.Equal("Claire Martin (financier — gestionnaire financier de la CAF)", cells[1]);
        Assert.Equal("effectué", cells[3]);
        Assert.Equal($"{Convention}, {run.RunId}", cells[4]);
        Assert.Equal("financements", cells[5]);
        await Browser.CheckAsync(page, "auditeur-03-journal-calcul");

        // The convention's trail: one timeline across the services' logs, oldest first.
        await page.GotoAsync(new Uri(platform.Web, $"/financier/audit?cible={Convention}").ToString());
        var journals = (await page.Locator("#journal tbody tr td:nth-child(6)").AllInnerTextsAsync()).Select(t => t.Trim()).Distinct().ToArray();
        Assert.Contains("signataires", journals);
        Assert.Contains("financements", journals);
        var times = (await page.Locator("#journal tbody tr td:nth-child(1)").AllInnerTextsAsync())
            .Select(t => DateTime.ParseExact(t.Trim()[..19], "dd/MM/yyyy HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(times.Order().ToList(), times);
        await Browser.CheckAsync(page, "auditeur-04-journal-convention");

        // The finance officer has no audit trail to read.
        var officer = await browser.NewPageAsync();
        await SignIn.AsAsync(officer, platform, "financier", "financier-audit");
        var refused = await officer.GotoAsync(new Uri(platform.Web, $"/financier/audit?cible={run.RunId}&service=funding").ToString());
        Assert.Equal(403, refused!.Status);
    }

    [Fact]
    public async Task The_administrator_loads_a_bareme_after_a_refused_date_and_compares_it_with_the_previous_one()
    {
        await using var browser = await Browser.LaunchAsync();
        var page = await browser.NewPageAsync();
        await SignIn.AsAsync(page, platform, "admin", "admin");
        await page.GetByRole(AriaRole.Link, new() { Name = "Barèmes" }).ClickAsync();
        await page.WaitForURLAsync("**/administration/baremes");
        Assert.Equal("Barèmes — CTG, convention territoriale globale", await page.TitleAsync());
        var before = await page.Locator("#jeux tbody tr").CountAsync();
        Assert.Equal("0 (en vigueur)", (await page.Locator("#jeux tbody tr").Last.Locator("th").InnerTextAsync()).Trim());
        await Browser.CheckAsync(page, "admin-03-baremes");

        var yaml = await File.ReadAllTextAsync(Path.Combine(RepositoryPaths.Root, "services/Funding/parameters/laep/taux.yaml"));
        yaml += "  2027-01-01:\n    value: 0.31\n    reference:\n      title: \"Circulaire de test du web\"\n      url: \"https://www.caf.fr/\"\n    confidence: P\n";
        await page.GetByLabel("Clé du paramètre").FillAsync("laep.taux");
        await page.GetByLabel("Fichier YAML").SetInputFilesAsync(new FilePayload { Name = "taux.yaml", MimeType = "application/yaml", Buffer = System.Text.Encoding.UTF8.GetBytes(yaml) });
        await page.GetByLabel("Source des valeurs").FillAsync("Circulaire de test du web");
        await page.GetByLabel("Date d'entrée en vigueur").FillAsync("31/02/2027");
        await page.GetByRole(AriaRole.Button, new() { Name = "Charger le barème" }).ClickAsync();
        await page.Locator("#e_en_vigueur").WaitForAsync();
        Assert.Equal("Saisissez une date valide (jj/mm/aaaa).", await page.Locator("#e_en_vigueur").InnerTextAsync());
        Assert.Equal(before, await page.Locator("#jeux tbody tr").CountAsync());
        await Browser.CheckAsync(page, "admin-04-bareme-refuse");

        await page.GetByLabel("Fichier YAML").SetInputFilesAsync(new FilePayload { Name = "taux.yaml", MimeType = "application/yaml", Buffer = System.Text.Encoding.UTF8.GetBytes(yaml) });
        await page.GetByLabel("Date d'entrée en vigueur").FillAsync("01/01/2027");
        await page.GetByRole(AriaRole.Button, new() { Name = "Charger le barème" }).ClickAsync();
        await page.Locator("#differences").WaitForAsync();
        Assert.Equal(before + 1, await page.Locator("#jeux tbody tr").CountAsync());
        var diff = page.Locator("#differences tbody tr");
        Assert.Equal(1, await diff.CountAsync());
        var cells = (await diff.Locator("th, td").AllInnerTextsAsync()).Select(t => t.Trim()).ToArray();
        Assert.Equal("laep.taux", cells[0]);
        Assert.Equal("modifié", cells[1]);
        Assert.Equal("01/01/2013 : 0,3 (P)", cells[2]);
        Assert.Equal("01/01/2013 : 0,3 (P) ; 01/01/2027 : 0,31 (P)", cells[3]);
        Assert.Equal("01/01/2027", (await page.Locator("#jeux tbody tr").First.Locator("td").First.InnerTextAsync()).Trim());
        await Browser.CheckAsync(page, "admin-05-bareme-compare");
    }
}
