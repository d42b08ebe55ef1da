using Ctg.Signatories.V1;

namespace Ctg.Signatories.Tests;

/// <summary>AO obligations of the 33 communes of the Pays de Montbéliard Agglomération CTG (demo data,
/// populations légales 2023) before and after 1 January 2026, when the RPE obligation starts.</summary>
public sealed class AoObligationTests
{
    private const string Pma = "ctg-25-pays-de-montbeliard-2023";
    private static readonly string[] Above10000 = ["25031", "25388", "25580"];   // Audincourt, Montbéliard, Valentigney
    private static readonly string[] Above3500 = ["25048", "25057", "25228", "25284", "25304", "25367", "25463", "25539", "25547"];

    private static async Task<GetAoObligationsResponse> ObligationsAsync(SignatoriesHarness harness, int year, int month, int day) =>
        await harness.Competences.GetAoObligationsAsync(new GetAoObligationsRequest { ConventionId = Pma, AsOf = D.Of(year, month, day) });

    [Fact]
    public async Task Before_1_january_2025_communes_are_not_yet_ao()
    {
        await using var harness = await SignatoriesHarness.StartSqliteAsync();
        await harness.Conventions.LoadDemoDataAsync(new LoadDemoDataRequest());

        var response = await ObligationsAsync(harness, 2024, 12, 31);

        Assert.False(response.AoRegimeInForce);
        Assert.Equal(33, response.Communes.Count);
        Assert.All(response.Communes, c => Assert.Empty(c.Obligations));
    }

    [Fact]
    public async Task In_2025_the_communes_above_10000_lack_their_schema_but_owe_no_rpe_yet()
    {
        await using var harness = await SignatoriesHarness.StartSqliteAsync();
        await harness.Conventions.LoadDemoDataAsync(new LoadDemoDataRequest());

        var response = await ObligationsAsync(harness, 2025, 12, 31);

        Assert.True(response.AoRegimeInForce);
        Assert.Equal(33, response.Communes.Count);
        Assert.Equal(Above10000.Concat(Above3500).Order(), response.Communes.Where(c => c.Obligations.Count == 4).Select(c => c.InseeCode).Order());
        Assert.Equal(21, response.Communes.Count(c => c.Obligations.Count == 2));
        Assert.All(response.Communes.Where(c => c.Obligations.Count == 2), c =>
            Assert.Equal(new[] { AoCompetence.RecenserBesoins, AoCompetence.InformerAccompagner }, c.Obligations.Select(o => o.Competence)));

        var montbeliard = response.Communes.Single(c => c.InseeCode == "25388");
        Assert.Equal(24672, montbeliard.LegalPopulation);
        var planifier = montbeliard.Obligations.Single(o => o.Competence == AoCompetence.Planifier);
        Assert.Equal(new[] { AoMeasureKind.SchemaPluriannuel }, planifier.RequiredMeasures);
        Assert.Equal(new[] { AoMeasureKind.SchemaPluriannuel }, planifier.MissingMeasures);
        Assert.False(planifier.Met);
        var qualite = montbeliard.Obligations.Single(o => o.Competence == AoCompetence.SoutenirQualite);
        Assert.Empty(qualite.RequiredMeasures);
        Assert.True(qualite.Met);
        var exercisedBy = Assert.Single(qualite.ExercisedBy);
        Assert.Equal(("ctg-25-pma-2023-commune-25388", SignatoryKind.Commune, "25388"), (exercisedBy.SignatoryId, exercisedBy.Kind, exercisedBy.CommuneInseeCode));
        Assert.Equal(new[] { "Planifier: no schéma pluriannuel de maintien et de développement de l'offre in place" }, montbeliard.Unmet);

        // Hérimoncourt (3 508) and Bavans (3 582) are just above 3,500: four competences, no measure owed.
        foreach (var insee in new[] { "25304", "25048" })
        {
            var commune = response.Communes.Single(c => c.InseeCode == insee);
            Assert.Equal(4, commune.Obligations.Count);
            Assert.All(commune.Obligations, o => Assert.Empty(o.RequiredMeasures));
            Assert.Empty(commune.Unmet);
        }

        Assert.Equal(3, response.Communes.Sum(c => c.Unmet.Count));
    }

    [Fact]
    public async Task From_1_january_2026_the_communes_above_10000_also_owe_a_relais_petite_enfance()
    {
        await using var harness = await SignatoriesHarness.StartSqliteAsync();
        await harness.Conventions.LoadDemoDataAsync(new LoadDemoDataRequest());

        var response = await ObligationsAsync(harness, 2026, 1, 1);

        foreach (var insee in Above10000)
        {
            var commune = response.Communes.Single(c => c.InseeCode == insee);
            var qualite = commune.Obligations.Single(o => o.Competence == AoCompetence.SoutenirQualite);
            Assert.Equal(new[] { AoMeasureKind.RelaisPetiteEnfance }, qualite.RequiredMeasures);
            Assert.Equal(new[] { AoMeasureKind.RelaisPetiteEnfance }, qualite.MissingMeasures);
            Assert.Equal(
                new[]
                {
                    "Planifier: no schéma pluriannuel de maintien et de développement de l'offre in place",
                    "SoutenirQualite: no relais petite enfance in place",
                },
                commune.Unmet);
        }

        Assert.All(response.Communes.Where(c => Above3500.Contains(c.InseeCode)), c => Assert.Empty(c.Unmet));
        Assert.Equal(6, response.Communes.Sum(c => c.Unmet.Count));
    }

    [Fact]
    public async Task Declared_measures_and_transfers_change_who_exercises_and_what_is_unmet()
    {
        await using var harness = await SignatoriesHarness.StartSqliteAsync();
        await harness.Conventions.LoadDemoDataAsync(new LoadDemoDataRequest());
        await harness.Competences.DeclareAoMeasureAsync(new DeclareAoMeasureRequest
        {
            ConventionId = Pma, Kind = AoMeasureKind.SchemaPluriannuel, CommuneInseeCodes = { "25031" }, InPlaceFrom = D.Of(2025, 6, 1),
            Description = "Schéma pluriannuel adopté par le conseil municipal",
        });
        await harness.Competences.DeclareAoMeasureAsync(new DeclareAoMeasureRequest
        {
            ConventionId = Pma, Kind = AoMeasureKind.RelaisPetiteEnfance, CommuneInseeCodes = { "25031", "25580" }, InPlaceFrom = D.Of(2019, 9, 1),
            SignatoryId = "ctg-25-pma-2023-pma", Description = "RPE intercommunal",
        });
        await harness.Competences.TransferCompetenceAsync(new TransferCompetenceRequest
        {
            ConventionId = Pma, Scope = new CompetenceScope { AoCompetence = AoCompetence.SoutenirQualite }, CommuneInseeCode = "25580",
            ToSignatoryId = "ctg-25-pma-2023-pma", Extent = TransferExtent.Whole, EffectiveOn = D.Of(2026, 1, 1),
        });

        var mid2025 = await ObligationsAsync(harness, 2025, 5, 31);
        Assert.Single(mid2025.Communes.Single(c => c.InseeCode == "25031").Unmet);
        var response = await ObligationsAsync(harness, 2026, 1, 1);

        var audincourt = response.Communes.Single(c => c.InseeCode == "25031");
        Assert.Empty(audincourt.Unmet);
        Assert.All(audincourt.Obligations, o => Assert.True(o.Met));

        var valentigney = response.Communes.Single(c => c.InseeCode == "25580");
        var qualite = valentigney.Obligations.Single(o => o.Competence == AoCompetence.SoutenirQualite);
        var holder = Assert.Single(qualite.ExercisedBy);
        Assert.Equal(("ctg-25-pma-2023-pma", SignatoryKind.Epci), (holder.SignatoryId, holder.Kind));
        Assert.True(qualite.Met);
        Assert.Equal(new[] { "Planifier: no schéma pluriannuel de maintien et de développement de l'offre in place" }, valentigney.Unmet);

        var before = await ObligationsAsync(harness, 2025, 12, 31);
        var exercisedBefore = Assert.Single(before.Communes.Single(c => c.InseeCode == "25580").Obligations.Single(o => o.Competence == AoCompetence.SoutenirQualite).ExercisedBy);
        Assert.Equal("ctg-25-pma-2023-commune-25580", exercisedBefore.SignatoryId);
    }
}
