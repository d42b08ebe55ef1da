using Ctg.Funding.V1;
using Ctg.Testing.Platform;
using Microsoft.Playwright;

namespace Ctg.Web.Tests.Browser;

/// <summary>Four-eyes in the browser: Sophie Bernard (ordonnateur2) is approver AND finance officer; the run she
/// asked for cannot be approved by her (the funding service refuses, the page says so in French); Paul Girard can.</summary>
[Collection(WebPlatformCollection.Name)]
public sealed class FourEyesTests(WebPlatform platform)
{
    private const string Convention = "ctg-39-jura-nord-2019";

    [Fact]
    public async Task The_approver_who_ran_the_allocation_cannot_approve_it_another_approver_can()
    {
        await using var browser = await Browser.LaunchAsync();
        var sophie = await browser.NewPageAsync();
        await SignIn.AsAsync(sophie, platform, "ordonnateur2", "ordonnateur2");
        await sophie.GotoAsync(new Uri(platform.Web, $"/financier/conventions/{Convention}").ToString());
        await sophie.GetByLabel("Année").SelectOptionAsync("2019");
        await sophie.GetByLabel("Déclarations utilisées").SelectOptionAsync("Reel");
        await sophie.GetByRole(AriaRole.Button, new() { Name = "Lancer le calcul" }).ClickAsync();
        await sophie.WaitForURLAsync("**/financier/calculs/**");
        var runId = sophie.Url[(sophie.Url.LastIndexOf('/') + 1)..];

        // She holds the approver role, so the page offers the approval; the service refuses it.
        await sophie.GetByLabel("Je confirme la validation de ce calcul", new() { Exact = false }).CheckAsync();
        await sophie.GetByRole(AriaRole.Button, new() { Name = "Valider le calcul" }).ClickAsync();
        await sophie.Locator("#refus").WaitForAsync();
        Assert.StartsWith("Validation refusée par le service des financements : vous ne pouvez pas valider ce calcul (un calcul est validé par un autre ordonnateur que celui qui l'a demandé).",
            await sophie.Locator("#refus").InnerTextAsync());
        await Browser.CheckAsync(sophie, "ordonnateur2-03-validation-refusee");
        using var fundingChannel = await platform.Platform.ChannelAsync("funding", "auditeur");
        var runs = new AllocationRuns.AllocationRunsClient(fundingChannel);
        Assert.Equal(RunStatus.Completed, (await runs.GetRunAsync(new GetRunRequest { RunId = runId })).Status);

        var paul = await browser.NewPageAsync();
        await SignIn.AsAsync(paul, platform, "ordonnateur", "ordonnateur-quatre-yeux");
        await paul.GotoAsync(new Uri(platform.Web, $"/financier/calculs/{runId}").ToString());
        await paul.GetByLabel("Je confirme la validation de ce calcul", new() { Exact = false }).CheckAsync();
        await paul.GetByRole(AriaRole.Button, new() { Name = "Valider le calcul" }).ClickAsync();
        await paul.Locator(".success").WaitForAsync();
        Assert.Equal("Calcul validé.", await paul.Locator(".success").InnerTextAsync());
        var approved = await runs.GetRunAsync(new GetRunRequest { RunId = runId });
        Assert.Equal(RunStatus.Approved, approved.Status);
        Assert.Equal("ordonnateur", approved.ApprovedBy);
        Assert.Equal("ordonnateur2", approved.RequestedBy);
    }
}
