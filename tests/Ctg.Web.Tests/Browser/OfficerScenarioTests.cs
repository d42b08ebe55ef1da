using Ctg.Funding.V1;
using Ctg.Testing.Platform;
using Grpc.Net.Client;
using Microsoft.Playwright;

namespace Ctg.Web.Tests.Browser;

/// <summary>Scenario 2 of issue 11: the finance officer runs the Jura Nord 2019 allocation and cannot approve
/// it; the approver can, after confirming.</summary>
[Collection(WebPlatformCollection.Name)]
public sealed class OfficerScenarioTests(WebPlatform platform)
{
    private const string Convention = "ctg-39-jura-nord-2019";
    private const char Nbsp = '\u00A0';

    [Fact]
    public async Task Officer_runs_the_allocation_to_the_cent_cannot_approve_and_the_approver_approves()
    {
        await using var browser = await Browser.LaunchAsync();
        var officer = await browser.NewPageAsync();
        await SignIn.AsAsync(officer, platform, "financier", "financier");

        Assert.EndsWith("/financier", officer.Url);
        Assert.Equal("Conventions territoriales globales — CTG, convention territoriale globale", await officer.TitleAsync());
        await Browser.CheckAsync(officer, "financier-03-conventions");
        await officer.Locator($"a[href='/financier/conventions/{Convention}']").ClickAsync();
        await officer.WaitForURLAsync($"**/financier/conventions/{Convention}");
        await Browser.CheckAsync(officer, "financier-04-convention");

        await officer.GetByLabel("Année").SelectOptionAsync("2019");
        await officer.GetByLabel("Déclarations utilisées").SelectOptionAsync("Reel");
        await officer.GetByRole(AriaRole.Button, new() { Name = "Lancer le calcul" }).ClickAsync();
        await officer.WaitForURLAsync("**/financier/calculs/**");
        var runId = officer.Url[(officer.Url.LastIndexOf('/') + 1)..];
        Assert.Equal("Bonus territoire 2019 — ctg-39-jura-nord-2019 — CTG, convention territoriale globale", await officer.TitleAsync());
        var fraisans = officer.Locator("table tbody tr", new() { HasText = "ALSH péri et extra Fraisans" });
        Assert.Equal(["ALSH péri et extra Fraisans", $"43{Nbsp}831,00{Nbsp}€", $"54{Nbsp}383,87{Nbsp}€", $"+10{Nbsp}552,87{Nbsp}€"],
            (await fraisans.Locator("th, td").AllInnerTextsAsync()).Take(4).Select(t => t.Trim()).ToArray());
        Assert.Equal(1, await fraisans.GetByRole(AriaRole.Link, new() { Name = "Explication du montant de ALSH péri et extra Fraisans" }).CountAsync());
        Assert.Contains($"297{Nbsp}704,00{Nbsp}€", await officer.Locator("tr.total").First.InnerTextAsync());
        Assert.Equal(1, await officer.Locator("svg.chart").CountAsync());
        // The officer holds no approver role: no approval on their page, and the service has the run as completed.
        Assert.Equal(0, await officer.GetByRole(AriaRole.Button, new() { Name = "Valider le calcul" }).CountAsync());
        Assert.Equal("Ce calcul attend la validation d'un ordonnateur.", await officer.Locator("p.notice").InnerTextAsync());
        await Browser.CheckAsync(officer, "financier-05-calcul");

        await fraisans.GetByRole(AriaRole.Link).ClickAsync();
        await officer.WaitForURLAsync("**/structures/str-39-jn-alsh-fraisans");
        Assert.Contains($"Bonus territoire : part de base = ", await officer.Locator(".explanation").First.InnerTextAsync());
        await Browser.CheckAsync(officer, "financier-06-explication");

        using var fundingChannel = await platform.Platform.ChannelAsync("funding", "financier");
        var runs = new AllocationRuns.AllocationRunsClient(fundingChannel);
        Assert.Equal(RunStatus.Completed, (await runs.GetRunAsync(new GetRunRequest { RunId = runId })).Status);
        Assert.Equal(5_438_387, (await runs.GetRunAsync(new GetRunRequest { RunId = runId })).Structures.Single(s => s.StructureId == "str-39-jn-alsh-fraisans").Amount.Cents);

        // The approver: a confirmation is required, then the run is approved.
        var approver = await browser.NewPageAsync();
        await SignIn.AsAsync(approver, platform, "ordonnateur", "ordonnateur");
        await approver.GotoAsync(new Uri(platform.Web, $"/financier/calculs/{runId}").ToString());
        await approver.GetByRole(AriaRole.Button, new() { Name = "Valider le calcul" }).ClickAsync();
        Assert.Equal("Cochez la confirmation pour valider ce calcul.", await approver.Locator("#refus").InnerTextAsync());
        Assert.Equal(RunStatus.Completed, (await runs.GetRunAsync(new GetRunRequest { RunId = runId })).Status);
        await Browser.CheckAsync(approver, "ordonnateur-03-validation-sans-confirmation");
        await approver.GetByLabel("Je confirme la validation de ce calcul", new() { Exact = false }).CheckAsync();
        await approver.GetByRole(AriaRole.Button, new() { Name = "Valider le calcul" }).ClickAsync();
        await approver.Locator(".success").WaitForAsync();
        Assert.Equal("Calcul validé.", await approver.Locator(".success").InnerTextAsync());
        await Browser.CheckAsync(approver, "ordonnateur-04-calcul-valide");
        var approved = await runs.GetRunAsync(new GetRunRequest { RunId = runId });
        Assert.Equal(RunStatus.Approved, approved.Status);
        Assert.Equal("ordonnateur", approved.ApprovedBy); // the token subject of Paul Girard

        await SignIn.OutAsync(approver, platform);
        Assert.Equal("Connexion — CTG, convention territoriale globale", await approver.TitleAsync());
    }
}
