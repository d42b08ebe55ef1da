using System.Text;
using Ctg.Structures.V1;
using Ctg.Testing.Platform;
using Microsoft.Playwright;

namespace Ctg.Web.Tests.Browser;

/// <summary>The finance officer's tools: importing files with the dry-run report before anything is written,
/// downloading a run's exports, the follow-up of a convention.</summary>
[Collection(WebPlatformCollection.Name)]
public sealed class OfficerToolsTests(WebPlatform platform)
{
    private const string Convention = "ctg-39-jura-nord-2019";
    private const string DeclarationsHeader =
        "structure_id;year;version;received_on;hours_invoiced;hours_attended;operating_costs_cents;family_participations_cents;regime_general_share;aeeh_hours;aeeh_children;places;months_open;etp;opening_hours\n";

    [Fact]
    public async Task Import_reports_every_error_before_writing_then_imports_a_clean_file_on_confirmation()
    {
        await using var browser = await Browser.LaunchAsync();
        var page = await browser.NewPageAsync();
        await SignIn.AsAsync(page, platform, "financier", "financier-import");
        await page.GetByRole(AriaRole.Link, new() { Name = "Importer" }).ClickAsync();
        await page.WaitForURLAsync("**/financier/import");
        Assert.Equal("Importer des fichiers — CTG, convention territoriale globale", await page.TitleAsync());
        await Browser.CheckAsync(page, "financier-import-01-formulaire");

        // A file with two bad rows: the report gives file, line, field and message; nothing is written.
        var bad = DeclarationsHeader +
            "str-39-jn-alsh-rans;2022;previsionnel;2021-12-01;;21000;24828900;;0.98;;;;;;\n" +
            "str-inconnue;2022;previsionnel;2021-12-01;;100;1000;;0.98;;;;;;\n" +
            "str-39-jn-alsh-gendrey;2022;previsionnel;2021-12-01;;-5;1000;;0.98;;;;;;\n";
        await page.GetByLabel("Fichiers (CSV ou YAML, 10 au plus)").SetInputFilesAsync(new FilePayload { Name = "declarations-2022.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(bad) });
        await page.GetByRole(AriaRole.Button, new() { Name = "Vérifier les fichiers" }).ClickAsync();
        await page.Locator("#rapport").WaitForAsync();
        Assert.Equal("2 erreur(s) : rien n'a été importé. Corrigez les fichiers puis envoyez-les à nouveau.", (await page.Locator("#rapport").InnerTextAsync()).Trim());
        var rows = page.Locator("#erreurs tbody tr");
        Assert.Equal(2, await rows.CountAsync());
        Assert.Equal(["declarations-2022.csv", "3", "structure_id", "« str-inconnue » n'est pas une structure enregistrée"],
            (await rows.Nth(0).Locator("th, td").AllInnerTextsAsync()).Select(t => t.Trim()).ToArray());
        Assert.Equal(["declarations-2022.csv", "4", "hours_attended"],
            (await rows.Nth(1).Locator("th, td").AllInnerTextsAsync()).Take(3).Select(t => t.Trim()).ToArray());
        Assert.Equal(0, await page.GetByRole(AriaRole.Button, new() { Name = "Importer ces fichiers" }).CountAsync());
        await Browser.CheckAsync(page, "financier-import-02-rapport-erreurs");
        using var structures = await platform.Platform.ChannelAsync("structures", "financier");
        var declarations = new ActivityDeclarations.ActivityDeclarationsClient(structures);
        Assert.Empty((await declarations.ListDeclarationsAsync(new ListDeclarationsRequest { StructureId = "str-39-jn-alsh-rans", Year = 2022 })).Declarations);

        // A clean file: checked, still nothing written, then imported on confirmation.
        var good = DeclarationsHeader + "str-39-jn-alsh-rans;2022;previsionnel;2021-12-01;;21000;24828900;;0.98;;;;;;\n";
        await page.GetByLabel("Fichiers (CSV ou YAML, 10 au plus)").SetInputFilesAsync(new FilePayload { Name = "declarations-2022.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(good) });
        await page.GetByRole(AriaRole.Button, new() { Name = "Vérifier les fichiers" }).ClickAsync();
        await page.Locator("#verifie").WaitForAsync();
        Assert.Equal("Aucune erreur : les fichiers peuvent être importés. Rien n'a encore été enregistré.", (await page.Locator("#verifie").InnerTextAsync()).Trim());
        Assert.Empty((await declarations.ListDeclarationsAsync(new ListDeclarationsRequest { StructureId = "str-39-jn-alsh-rans", Year = 2022 })).Declarations);
        await Browser.CheckAsync(page, "financier-import-03-verifie");
        await page.GetByRole(AriaRole.Button, new() { Name = "Importer ces fichiers" }).ClickAsync();
        await page.Locator("#importe").WaitForAsync();
        Assert.Contains("declarations-2022.csv : 1 ligne(s) lue(s), 1 importée(s), 0 déjà présente(s) (déclarations d'activité).", await page.Locator("#importe").InnerTextAsync());
        await Browser.CheckAsync(page, "financier-import-04-importe");
        var saved = Assert.Single((await declarations.ListDeclarationsAsync(new ListDeclarationsRequest { StructureId = "str-39-jn-alsh-rans", Year = 2022 })).Declarations);
        Assert.Equal("21000", saved.Figures.HoursAttended.Value);
    }

    [Fact]
    public async Task A_run_downloads_as_csv_for_a_French_excel_and_as_the_copil_report_and_the_convention_has_its_follow_up()
    {
        await using var browser = await Browser.LaunchAsync();
        var page = await browser.NewPageAsync();
        await SignIn.AsAsync(page, platform, "financier", "financier-exports");
        await page.GotoAsync(new Uri(platform.Web, $"/financier/conventions/{Convention}").ToString());
        await page.GetByLabel("Année").SelectOptionAsync("2019");
        await page.GetByLabel("Déclarations utilisées").SelectOptionAsync("Reel");
        await page.GetByRole(AriaRole.Button, new() { Name = "Lancer le calcul" }).ClickAsync();
        await page.WaitForURLAsync("**/financier/calculs/**");

        var csvDownload = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Télécharger le tableau (CSV pour Excel)" }).ClickAsync());
        Assert.EndsWith(".csv", csvDownload.SuggestedFilename);
        var csv = await File.ReadAllBytesAsync((await csvDownload.PathAsync())!);
        Assert.Equal([0xEF, 0xBB, 0xBF], csv.Take(3).ToArray());
        var lines = Encoding.UTF8.GetString(csv, 3, csv.Length - 3).Split("\r\n");
        Assert.Equal("Ligne;Collectivité;Type;Identifiant structure;Structure;Enveloppe / référence CEJ (€);Montant versé (€);Écart / gain ou perte (€)", lines[0]);
        Assert.Contains(lines, l => l.StartsWith("structure;", StringComparison.Ordinal) && l.Contains(";str-39-jn-alsh-fraisans;ALSH péri et extra Fraisans;43831,00;54383,87;10552,87", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("total;;;;;", StringComparison.Ordinal) && l.Contains("297704,00", StringComparison.Ordinal));

        var copilDownload = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Télécharger le rapport COPIL (HTML)" }).ClickAsync());
        Assert.StartsWith("copil-", copilDownload.SuggestedFilename);
        var html = await File.ReadAllTextAsync((await copilDownload.PathAsync())!);
        Assert.Contains("<html lang=\"fr\">", html);
        Assert.Contains("<title>Bonus territoire 2019 — ", html);
        Assert.Contains("54\u00A0383,87\u00A0€", System.Net.WebUtility.HtmlDecode(html));
        await Browser.CheckAsync(page, "financier-exports-01-calcul");

        await page.GotoAsync(new Uri(platform.Web, $"/financier/conventions/{Convention}").ToString());
        await page.GetByRole(AriaRole.Link, new() { Name = "Suivi : compétence d'autorité organisatrice et plan d'actions" }).ClickAsync();
        await page.WaitForURLAsync($"**/financier/conventions/{Convention}/suivi");
        Assert.Equal($"Suivi de la convention {Convention} — CTG, convention territoriale globale", await page.TitleAsync());
        // The 32 communes of the CC Jura Nord's territory in the demo data meet their obligations on the date.
        var today = DateTime.UtcNow.ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal($"32 commune(s) du territoire vérifiée(s) au {today} : 0 avec au moins une obligation non remplie.", (await page.Locator("#ao-resume").InnerTextAsync()).Trim());
        Assert.Equal(0, await page.Locator("#alertes").CountAsync());
        // The seed's action plan: its 19 fiches, none followed up yet, each with its axis, pilot and indicators.
        Assert.Equal("19 fiche(s) action : 19 à engager.", (await page.Locator("#plan-resume").InnerTextAsync()).Trim());
        var fiches = page.Locator("#fiches tbody tr");
        Assert.Equal(19, await fiches.CountAsync());
        var salans = (await fiches.Nth(0).Locator("th, td").AllInnerTextsAsync()).Select(t => t.Trim()).ToArray();
        Assert.Equal(["Micro-crèche de Salans", "Petite Enfance", "Responsable du Service Enfance-Jeunesse-Affaires Scolaires et Loisirs"], salans[..3]);
        Assert.StartsWith("Signature de la convention PSU avec le Caf", salans[3]);
        Assert.Equal(["non renseignée", "à engager"], salans[4..]);
        var couverture = (await page.Locator("#fiches tbody tr", new() { HasText = "Couverture du territoire" }).Locator("td").AllInnerTextsAsync()).Select(t => t.Trim()).ToArray();
        Assert.Equal(["Petite Enfance", "31/12/2023", "à engager"], new[] { couverture[0], couverture[3], couverture[4] });
        Assert.Equal(8, await page.Locator("#axes tbody tr").CountAsync());
        Assert.Equal(0, await page.Locator("#plan-vide").CountAsync());
        await Browser.CheckAsync(page, "financier-suivi-01-convention");
    }
}
