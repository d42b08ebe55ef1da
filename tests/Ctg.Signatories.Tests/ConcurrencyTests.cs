using Ctg.Signatories.V1;
using Grpc.Core;

namespace Ctg.Signatories.Tests;

public sealed class ConcurrencyTests
{
    private const string Id = "ctg-25-concurrency";

    [Fact]
    public async Task A_stale_expected_version_is_aborted_and_nothing_is_written()
    {
        await using var harness = await SignatoriesHarness.StartSqliteAsync();
        var created = await harness.Conventions.CreateConventionDraftAsync(Scenario.Draft(Id));
        await harness.Conventions.AddSignatoryAsync(new AddSignatoryRequest { ConventionId = Id, ExpectedVersion = created.Version, Signatory = Scenario.Caf(Id) });

        await Expect.StatusAsync(StatusCode.Aborted, () => harness.Conventions.AddSignatoryAsync(new AddSignatoryRequest
        {
            ConventionId = Id, ExpectedVersion = created.Version, Signatory = Scenario.Epci(Id),
        }).ResponseAsync);

        var convention = await harness.Conventions.GetConventionAsync(new GetConventionRequest { ConventionId = Id });
        Assert.Equal(2, convention.Version);
        Assert.Single(convention.Signatories);
        Assert.Equal(1, await harness.CountAsync("signatories"));
        Assert.Equal(2, await harness.CountAsync("convention_versions"));
    }

    [Fact]
    public async Task Of_two_concurrent_edits_of_the_same_version_one_wins_and_the_other_is_aborted()
    {
        await using var harness = await SignatoriesHarness.StartSqliteAsync();
        await ConcurrencyScenario.RaceAsync(harness, Id);
    }
}

public static class ConcurrencyScenario
{
    public static async Task RaceAsync(SignatoriesHarness harness, string id)
    {
        var created = await harness.Conventions.CreateConventionDraftAsync(Scenario.Draft(id));
        var outcomes = await Task.WhenAll(Enumerable.Range(0, 6).Select(async i =>
        {
            var signatory = Scenario.Epci(id + "-" + i);
            signatory.Name = "EPCI " + i;
            try
            {
                await harness.Conventions.AddSignatoryAsync(new AddSignatoryRequest { ConventionId = id, ExpectedVersion = created.Version, Signatory = signatory });
                return StatusCode.OK;
            }
            catch (RpcException exception)
            {
                return exception.StatusCode;
            }
        }));

        Assert.Equal(1, outcomes.Count(o => o == StatusCode.OK));
        Assert.Equal(5, outcomes.Count(o => o == StatusCode.Aborted));
        var convention = await harness.Conventions.GetConventionAsync(new GetConventionRequest { ConventionId = id });
        Assert.Equal(2, convention.Version);
        Assert.Single(convention.Signatories);
        Assert.Equal(1, await harness.CountAsync("signatories"));
    }
}
