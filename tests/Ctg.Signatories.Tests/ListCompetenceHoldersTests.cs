using Ctg.Signatories.V1;
using Grpc.Core;

namespace Ctg.Signatories.Tests;

/// <summary>ListCompetenceHolders answers for many communes what GetCompetenceHolders answers for one.</summary>
public sealed class ListCompetenceHoldersTests
{
    private const string Id = "ctg-25-competences-liste";

    private static CompetenceScope Jeunesse => new() { Field = FieldOfIntervention.Jeunesse };

    [Fact]
    public async Task Each_commune_gets_the_holders_one_question_each_would_get_and_outsiders_are_said_to_be_outside()
    {
        await using var harness = await SignatoriesHarness.StartSqliteAsync();
        await Scenario.SignedAsync(harness, Id);
        await harness.Competences.GrantCompetenceAsync(new GrantCompetenceRequest
        {
            ConventionId = Id, CompetenceId = "grant-jeunesse", Scope = Jeunesse, SignatoryId = Id + "-epci",
            CommuneInseeCodes = { Scenario.Seloncourt, Scenario.Arbouans }, EffectiveOn = D.Of(2025, 3, 1),
        });

        var answer = await harness.Competences.ListCompetenceHoldersAsync(new ListCompetenceHoldersRequest
        {
            ConventionId = Id, Scope = Jeunesse, AsOf = D.Of(2025, 3, 1),
            CommuneInseeCodes = { Scenario.Seloncourt, Scenario.Montbeliard, "39235", Scenario.Seloncourt, "xx" },
        });

        Assert.Equal([Scenario.Seloncourt, Scenario.Montbeliard, "39235", "xx"], answer.Communes.Select(c => c.CommuneInseeCode));
        Assert.Equal([true, true, false, false], answer.Communes.Select(c => c.InTerritory));
        var holder = Assert.Single(answer.Communes[0].Holders);
        Assert.Equal((Id + "-epci", SignatoryKind.Epci, TransferExtent.Whole), (holder.SignatoryId, holder.Kind, holder.Extent));
        foreach (var commune in answer.Communes.Where(c => c.InTerritory))
        {
            var one = await harness.Competences.GetCompetenceHoldersAsync(new GetCompetenceHoldersRequest
            {
                ConventionId = Id, Scope = Jeunesse, CommuneInseeCode = commune.CommuneInseeCode, AsOf = D.Of(2025, 3, 1),
            });
            Assert.Equal(one.Holders, commune.Holders);
        }

        Assert.Empty(answer.Communes[2].Holders);
    }

    [Fact]
    public async Task A_question_without_a_field_or_a_commune_is_invalid()
    {
        await using var harness = await SignatoriesHarness.StartSqliteAsync();
        await Scenario.SignedAsync(harness, Id);

        var fields = await Expect.StatusAsync(StatusCode.InvalidArgument, () => harness.Competences.ListCompetenceHoldersAsync(
            new ListCompetenceHoldersRequest { ConventionId = Id }).ResponseAsync);

        Assert.Equal(["scope.field", "commune_insee_codes"], fields);
    }
}
