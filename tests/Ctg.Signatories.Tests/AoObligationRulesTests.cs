using Ctg.Signatories.Annexes;
using Ctg.Signatories.Competences;
using Ctg.Signatories.Conventions;
using Ctg.Signatories.Shared;
using Ctg.Signatories.V1;

namespace Ctg.Signatories.Tests;

/// <summary>Host-free: the AO rules of the CNAF model on a convention built with the aggregate alone —
/// thresholds on the grouping a competence was transferred to, "la CTG tient lieu de schéma", and a
/// relais petite enfance of the structures registry meeting the RPE obligation.</summary>
public sealed class AoObligationRulesTests
{
    private const string Id = "ctg-25-ao-groupement";

    private static ConventionAggregate Convention(bool standsInForSchema, params string[] transferred)
    {
        var aggregate = ConventionAggregate.CreateDraft(Scenario.Draft(Id).ToCommand());
        aggregate.AddSignatory(new AddSignatoryCommand(Scenario.Caf(Id).ToEntry()));
        aggregate.AddSignatory(new AddSignatoryCommand(Scenario.Epci(Id).ToEntry()));
        if (standsInForSchema)
        {
            aggregate.SetTerms(new SetTermsCommand(null, null, new SchemaStandInEntry(true, "préambule")));
        }

        aggregate.Sign(new SignCommand(Id + "-caf", D.Of(2024, 12, 20)));
        aggregate.Sign(new SignCommand(Id + "-epci", D.Of(2024, 12, 20)));
        foreach (var insee in transferred)
        {
            foreach (var competence in new[] { AoCompetence.Planifier, AoCompetence.SoutenirQualite })
            {
                aggregate.Transfer(new TransferCompetenceRequest
                {
                    ConventionId = Id, Scope = new CompetenceScope { AoCompetence = competence }, CommuneInseeCode = insee,
                    ToSignatoryId = Id + "-epci", Extent = TransferExtent.Whole, EffectiveOn = D.Of(2025, 1, 1),
                }.ToCommand());
            }
        }

        return aggregate;
    }

    private static AoObligation Of(GetAoObligationsResponse response, string insee, AoCompetence competence) =>
        response.Communes.Single(c => c.InseeCode == insee).Obligations.Single(o => o.Competence == competence);

    [Fact]
    public void Below_10000_together_the_grouping_owes_no_schema_and_the_small_commune_lists_its_optional_competences()
    {
        // Seloncourt 5 854 + Arbouans 876 = 6 730 inhabitants transferred to the EPCI.
        var response = AoObligations.For(Convention(false, Scenario.Seloncourt, Scenario.Arbouans).Record, new DateOnly(2026, 6, 1), []);

        var planifier = Of(response, Scenario.Seloncourt, AoCompetence.Planifier);
        Assert.Equal((6_730L, 0, true), (planifier.GroupedPopulation, planifier.RequiredMeasures.Count, planifier.Met));
        Assert.Equal(Id + "-epci", Assert.Single(planifier.ExercisedBy).SignatoryId);
        var arbouans = Of(response, Scenario.Arbouans, AoCompetence.SoutenirQualite);
        Assert.True(arbouans.OptionalCompetence);
        Assert.False(Of(response, Scenario.Seloncourt, AoCompetence.SoutenirQualite).OptionalCompetence);
        Assert.Equal(4, response.Communes.Single(c => c.InseeCode == Scenario.Arbouans).Obligations.Count);
        Assert.True(response.RpeRegistryChecked);
    }

    [Fact]
    public void Above_10000_together_the_grouping_owes_the_schema_and_a_relais_that_a_registered_RPE_meets()
    {
        // Montbéliard 24 672 + Seloncourt 5 854 + Arbouans 876 = 31 402 inhabitants transferred to the EPCI.
        var record = Convention(false, Scenario.Montbeliard, Scenario.Seloncourt, Scenario.Arbouans).Record;
        RegisteredRpe[] rpes = [new("str-25-rpe-arbouans", Scenario.Arbouans, new DateOnly(2025, 9, 1), null)];

        var response = AoObligations.For(record, new DateOnly(2026, 6, 1), rpes);

        var arbouansPlanning = Of(response, Scenario.Arbouans, AoCompetence.Planifier);
        Assert.Equal(31_402L, arbouansPlanning.GroupedPopulation);
        Assert.Equal(new[] { AoMeasureKind.SchemaPluriannuel }, arbouansPlanning.MissingMeasures);
        foreach (var insee in new[] { Scenario.Montbeliard, Scenario.Seloncourt, Scenario.Arbouans })
        {
            var quality = Of(response, insee, AoCompetence.SoutenirQualite);
            Assert.Equal(new[] { AoMeasureKind.RelaisPetiteEnfance }, quality.RequiredMeasures);
            Assert.Equal(new[] { "str-25-rpe-arbouans" }, quality.RegisteredRpeStructureIds);
            Assert.True(quality.Met);
        }

        // Before the relais opened, and without the registry, nothing meets it.
        var beforeOpening = AoObligations.For(record, new DateOnly(2025, 8, 31), rpes);
        Assert.Empty(Of(beforeOpening, Scenario.Seloncourt, AoCompetence.SoutenirQualite).RequiredMeasures); // the RPE rule starts in 2026
        var unchecked_ = AoObligations.For(record, new DateOnly(2026, 6, 1));
        Assert.False(unchecked_.RpeRegistryChecked);
        Assert.Equal(new[] { AoMeasureKind.RelaisPetiteEnfance }, Of(unchecked_, Scenario.Seloncourt, AoCompetence.SoutenirQualite).MissingMeasures);
    }

    [Fact]
    public void A_CTG_that_stands_in_for_the_schema_meets_it_while_in_force()
    {
        var record = Convention(true).Record;

        var during = AoObligations.For(record, new DateOnly(2026, 6, 1), []);
        var planning = Of(during, Scenario.Montbeliard, AoCompetence.Planifier);
        Assert.Equal((true, true, 0), (planning.SchemaByCtg, planning.Met, planning.MissingMeasures.Count));
        Assert.False(planning.HasGroupedPopulation);

        var after = AoObligations.For(record, new DateOnly(2030, 1, 1), []);
        Assert.Equal(new[] { AoMeasureKind.SchemaPluriannuel }, Of(after, Scenario.Montbeliard, AoCompetence.Planifier).MissingMeasures);
    }
}
