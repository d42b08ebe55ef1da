using Ctg.Funding.V1;
using Ctg.Structures.V1;

namespace Ctg.Funding.Tests;

/// <summary>
/// A per-stratum floor (DECISION-BT-STRATUM-FLOORS) through the service: an administrator loads a floor for
/// stratum 2 and the territory data puts every commune of the Jura Nord ALSH in stratum 2; the next Jura Nord
/// allocation pays the ALSH group at that floor. Own funding service (own database): the shared one keeps the shipped set.
/// </summary>
[Collection(FundingCollection.Name)]
public sealed class StratumFloorServiceTests(FundingHarness harness)
{
    private static readonly string[] AlshCommunes = ["39188", "39190", "39235", "39246", "39360", "39396", "39452", "39581"];

    private const string StratumFloor = """
        description: "Bonus territoire ALSH : plancher par strate (barème de test)"
        metadata:
          unit: eur_per_hour
          kind: scale
        values:
          2019-01-01:
            brackets:
              - threshold: 1
                value: 0.60
              - threshold: 2
                value: 0.80
            reference:
              title: "Règlement bonus territoire de la CAF du Jura (test)"
              url: "https://www.caf.fr/partenaires"
            confidence: P
        """;

    [Fact]
    public async Task The_ALSH_group_of_a_stratum_2_territory_is_paid_at_the_stratum_2_floor()
    {
        await using var funding = await harness.StartFundingAsync(new());
        var runs = new AllocationRuns.AllocationRunsClient(funding.Channel);
        var request = new RunAllocationRequest { ConventionId = JuraNord.ConventionId, Year = JuraNord.Year, DeclarationVersion = DeclarationVersion.Reel };

        await new ParameterSets.ParameterSetsClient(funding.Channel).LoadParameterSetAsync(new LoadParameterSetRequest
        {
            SourceNote = "règlement CAF du Jura (test)",
            EffectiveFrom = new Ctg.Common.V1.Date { Year = 2019, Month = 1, Day = 1 },
            Files = { new ParameterFile { Path = "bt/strates/plancher/alsh.yaml", Yaml = StratumFloor } },
        });
        // Before the territory data, the strata are unknown: the kind's floor (none) applies, the group is paid E.
        var before = await runs.RunAllocationAsync(request);
        Assert.Equal(18361100, before.Groups.Single(g => g.Kind == BonusTerritoireKind.Alsh).Paid.Cents);

        await new TerritoryData.TerritoryDataClient(funding.Channel).ImportTerritoryCsvAsync(new ImportTerritoryCsvRequest
        {
            SourceNote = "CAF du Jura (test)",
            Csv = "commune_insee;from_year;stratum;qpv;zrr\n" + string.Concat(AlshCommunes.Select(c => $"{c};2019;2;non;non\n")),
        });
        var run = await runs.RunAllocationAsync(request);

        // E / U = 18 361 100 c / 264 826 h = 69,33 c/h < 80 c/h: the floor binds, r = 80 c/h,
        // paid = 80 × 264 826 = 21 186 080 c (211 860,80 €), each site 80 c × its hours.
        var alsh = run.Groups.Single(g => g.Kind == BonusTerritoireKind.Alsh);
        Assert.Equal("80", alsh.UnitRate);
        Assert.Equal(21186080, alsh.Paid.Cents);
        Assert.Equal(2824980, alsh.CauseAmounts.Single(c => c.Cause == "floor").Amount.Cents);
        Assert.Equal(80 * 78439, run.Structures.Single(s => s.StructureId == "str-39-jn-alsh-fraisans").Amount.Cents);
        // The other groups have no stratum floor: EAJE and jeunes keep their envelope.
        Assert.Equal(8244200, run.Groups.Single(g => g.Kind == BonusTerritoireKind.Eaje).Paid.Cents);
        Assert.Equal(878600, run.Groups.Single(g => g.Kind == BonusTerritoireKind.Jeunes).Paid.Cents);
    }
}
