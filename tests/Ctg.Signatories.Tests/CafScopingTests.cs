using Ctg.Common.V1;
using Ctg.Signatories.V1;
using Ctg.Testing;
using Grpc.Core;

namespace Ctg.Signatories.Tests;

/// <summary>A CAF's staff see and change only the conventions of their CAF (claim <c>ctg_caf</c> of a real token
/// from the development provider): another CAF's convention is NOT_FOUND on every read and write, the list is
/// filtered in the query (pages and totals hold only their CAF), and nothing is written.
/// <c>ordonnateur2</c> is finance officer and approver of CAF 39; the demo data holds two CAF 39 conventions
/// (Jura Nord 2019, Val d'Amour 2025), two of CAF 25 (PMA 2023, Val de Morteau 2026) and one of CAF 38.</summary>
public sealed class CafScopingTests
{
    private const string Jura = "ordonnateur2";
    private const string Pma = "ctg-25-pays-de-montbeliard-2023";

    private static async Task<SignatoriesHarness> StartWithDemoDataAsync()
    {
        var harness = await SignatoriesHarness.StartSqliteAsync();
        await harness.Conventions.LoadDemoDataAsync(new LoadDemoDataRequest());
        return harness;
    }

    [Fact]
    public async Task The_list_holds_only_the_callers_CAF_page_by_page_with_its_own_total()
    {
        await using var harness = await StartWithDemoDataAsync();
        var jura = harness.As(Jura);

        var first = await jura.Conventions.ListConventionsAsync(new ListConventionsRequest { Page = new PageRequest { PageSize = 1 } });
        var second = await jura.Conventions.ListConventionsAsync(new ListConventionsRequest { Page = new PageRequest { PageSize = 1, PageToken = first.Page.NextPageToken } });
        var doubs = await jura.Conventions.ListConventionsAsync(new ListConventionsRequest { CafDepartement = "25" });
        var everyone = await harness.Conventions.ListConventionsAsync(new ListConventionsRequest());

        Assert.Equal(new[] { "ctg-39-jura-nord-2019" }, first.Conventions.Select(c => c.ConventionId));
        Assert.Equal(2, first.Page.TotalSize);
        Assert.Equal(new[] { "ctg-39-val-damour-2025" }, second.Conventions.Select(c => c.ConventionId));
        Assert.Equal(string.Empty, second.Page.NextPageToken);
        Assert.Empty(doubs.Conventions);
        Assert.Equal(0, doubs.Page.TotalSize);
        Assert.Equal(5, everyone.Page.TotalSize);
    }

    [Fact]
    public async Task Every_read_of_another_CAFs_convention_is_not_found_and_its_own_is_answered()
    {
        await using var harness = await StartWithDemoDataAsync();
        var jura = harness.As(Jura);

        await Expect.StatusAsync(StatusCode.NotFound, () => jura.Conventions.GetConventionAsync(new GetConventionRequest { ConventionId = Pma }).ResponseAsync);
        await Expect.StatusAsync(StatusCode.NotFound, () => jura.Governance.GetGovernanceAsync(new GetGovernanceRequest { ConventionId = Pma }).ResponseAsync);
        await Expect.StatusAsync(StatusCode.NotFound, () => jura.Annexes.GetConventionAnnexesAsync(new GetConventionAnnexesRequest { ConventionId = Pma }).ResponseAsync);
        await Expect.StatusAsync(StatusCode.NotFound, () => jura.ActionPlans.GetActionPlanAsync(new GetActionPlanRequest { ConventionId = Pma }).ResponseAsync);
        await Expect.StatusAsync(StatusCode.NotFound, () => jura.Competences.GetAoObligationsAsync(new GetAoObligationsRequest { ConventionId = Pma }).ResponseAsync);
        var signatory = await Assert.ThrowsAsync<RpcException>(() => jura.Directory.GetSignatoryAsync(new GetSignatoryRequest { SignatoryId = "ctg-25-pma-2023-pma" }).ResponseAsync);
        Assert.Equal((StatusCode.NotFound, "Signatory 'ctg-25-pma-2023-pma' does not exist."), (signatory.StatusCode, signatory.Status.Detail));

        var own = await jura.Conventions.GetConventionAsync(new GetConventionRequest { ConventionId = "ctg-39-jura-nord-2019" });
        Assert.Equal("39", own.CafDepartement);
        Assert.Equal("ctg-39-jura-nord-2019", (await jura.Directory.GetSignatoryAsync(new GetSignatoryRequest { SignatoryId = "ctg-39-jura-nord-2019-cc-jura-nord" })).ConventionId);
        // The auditor has no CAF restriction: the same convention is there.
        Assert.Equal("25", (await harness.As("auditeur").Conventions.GetConventionAsync(new GetConventionRequest { ConventionId = Pma })).CafDepartement);
    }

    [Fact]
    public async Task Every_write_to_another_CAFs_convention_is_not_found_and_writes_nothing()
    {
        await using var harness = await StartWithDemoDataAsync();
        var jura = harness.As(Jura);
        var before = (await harness.Conventions.GetConventionAsync(new GetConventionRequest { ConventionId = Pma })).Version;
        var outbox = (await harness.OutboxAsync()).Count;
        var plan = (await harness.ActionPlans.GetActionPlanAsync(new GetActionPlanRequest { ConventionId = Pma })).Version;

        await Expect.StatusAsync(StatusCode.NotFound, () => jura.Conventions.AddSignatoryAsync(new AddSignatoryRequest
        {
            ConventionId = Pma, Signatory = new Signatory { Kind = SignatoryKind.Msa, Name = "MSA Franche-Comté" },
        }).ResponseAsync);
        await Expect.StatusAsync(StatusCode.NotFound, () => jura.Governance.DefineGovernanceBodyAsync(new DefineGovernanceBodyRequest
        {
            ConventionId = Pma, Body = new GovernanceBody { Kind = GovernanceBodyKind.WorkingGroup, Name = "Groupe de travail" },
        }).ResponseAsync);
        await Expect.StatusAsync(StatusCode.NotFound, () => jura.Annexes.RecordCoordinationPostAsync(new RecordCoordinationPostRequest
        {
            ConventionId = Pma, Post = new CoordinationPost { SignatoryId = "ctg-25-pma-2023-pma", Description = "Coordination", Year = 2023 },
        }).ResponseAsync);
        await Expect.StatusAsync(StatusCode.NotFound, () => jura.ActionPlans.AddAxisAsync(new AddAxisRequest { ConventionId = Pma, Title = "Axe 4" }).ResponseAsync);
        await Expect.StatusAsync(StatusCode.NotFound, () => jura.Competences.DeclareAoMeasureAsync(new DeclareAoMeasureRequest { ConventionId = Pma }).ResponseAsync);
        var draft = Scenario.Draft("ctg-25-nouvelle");
        Assert.Equal("25", draft.CafDepartement);
        await Expect.StatusAsync(StatusCode.PermissionDenied, () => jura.Conventions.CreateConventionDraftAsync(draft).ResponseAsync);

        Assert.Equal(before, (await harness.Conventions.GetConventionAsync(new GetConventionRequest { ConventionId = Pma })).Version);
        Assert.Equal(plan, (await harness.ActionPlans.GetActionPlanAsync(new GetActionPlanRequest { ConventionId = Pma })).Version);
        Assert.Equal(outbox, (await harness.OutboxAsync()).Count);
        Assert.Equal(5, await harness.CountAsync("conventions"));
    }

    [Fact]
    public async Task Loading_demo_data_at_start_up_is_refused_outside_development()
    {
        var e = await Assert.ThrowsAsync<InvalidOperationException>(async () =>
        {
            await using var service = await ServiceUnderTest.StartAsync(SignatoriesApp.Build, new()
            {
                ["environment"] = "Production",
                ["Signatories:LoadDemoDataOnStart"] = "true",
            });
        });
        Assert.Equal("Signatories:LoadDemoDataOnStart loads demo conventions and is refused in the 'Production' environment (development only).", e.Message);
    }
}
