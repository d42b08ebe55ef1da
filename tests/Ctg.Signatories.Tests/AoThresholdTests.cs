using Ctg.Signatories.V1;
using Grpc.Core;

namespace Ctg.Signatories.Tests;

/// <summary>"Above 3,500" and "above 10,000" are strict: a commune of exactly 3,500 or 10,000 inhabitants
/// stays in the band below. A commune whose population is unknown is flagged, not guessed.</summary>
public sealed class AoThresholdTests
{
    private const string Id = "ctg-25-thresholds";

    [Fact]
    public async Task The_population_bands_are_strict_and_an_unknown_population_is_reported()
    {
        await using var harness = await SignatoriesHarness.StartSqliteAsync();
        var draft = Scenario.Draft(Id);
        draft.Territory.Communes.Clear();
        draft.Territory.Communes.Add(Scenario.Commune("25001", "Commune à 3 500", 3500));
        draft.Territory.Communes.Add(Scenario.Commune("25002", "Commune à 3 501", 3501));
        draft.Territory.Communes.Add(Scenario.Commune("25003", "Commune à 10 000", 10000));
        draft.Territory.Communes.Add(Scenario.Commune("25004", "Commune à 10 001", 10001));
        draft.Territory.Communes.Add(new Commune { InseeCode = "25005", Name = "Population inconnue" });
        await harness.Conventions.CreateConventionDraftAsync(draft);

        var response = await harness.Competences.GetAoObligationsAsync(new GetAoObligationsRequest { ConventionId = Id, AsOf = D.Of(2026, 6, 30) });

        var byCode = response.Communes.ToDictionary(c => c.InseeCode);
        Assert.Equal(2, byCode["25001"].Obligations.Count);
        Assert.Equal(4, byCode["25002"].Obligations.Count);
        Assert.All(byCode["25003"].Obligations, o => Assert.Empty(o.RequiredMeasures));
        Assert.Equal(
            new[] { AoMeasureKind.SchemaPluriannuel, AoMeasureKind.RelaisPetiteEnfance },
            byCode["25004"].Obligations.SelectMany(o => o.RequiredMeasures));
        var unknown = byCode["25005"];
        Assert.False(unknown.PopulationKnown);
        Assert.False(unknown.HasLegalPopulation);
        Assert.Equal(2, unknown.Obligations.Count);
        Assert.Equal(new[] { "legal population unknown: whether planning and quality support are mandatory cannot be told" }, unknown.Unmet);
        var exercisedBy = Assert.Single(unknown.Obligations[0].ExercisedBy);
        Assert.Equal(("", "Population inconnue", SignatoryKind.Commune, D.Of(2025, 1, 1)), (exercisedBy.SignatoryId, exercisedBy.Name, exercisedBy.Kind, exercisedBy.Since));
    }

    [Fact]
    public async Task Holders_are_asked_about_a_commune_of_the_territory()
    {
        await using var harness = await SignatoriesHarness.StartSqliteAsync();
        await harness.Conventions.CreateConventionDraftAsync(Scenario.Draft(Id));

        Assert.Equal(new[] { "scope.field", "commune_insee_code" }, await Expect.StatusAsync(StatusCode.InvalidArgument,
            () => harness.Competences.GetCompetenceHoldersAsync(new GetCompetenceHoldersRequest { ConventionId = Id, CommuneInseeCode = "x" }).ResponseAsync));
        Assert.Equal(new[] { "commune_insee_code" }, await Expect.StatusAsync(StatusCode.FailedPrecondition,
            () => harness.Competences.GetCompetenceHoldersAsync(new GetCompetenceHoldersRequest
            {
                ConventionId = Id, Scope = new CompetenceScope { Field = FieldOfIntervention.Enfance }, CommuneInseeCode = "25031",
            }).ResponseAsync));
        Assert.Equal(new[] { "as_of" }, await Expect.StatusAsync(StatusCode.InvalidArgument,
            () => harness.Competences.GetAoObligationsAsync(new GetAoObligationsRequest { ConventionId = Id, AsOf = D.Of(2025, 2, 30) }).ResponseAsync));

        var beforeAo = await harness.Competences.GetCompetenceHoldersAsync(new GetCompetenceHoldersRequest
        {
            ConventionId = Id, Scope = new CompetenceScope { AoCompetence = AoCompetence.Planifier }, CommuneInseeCode = Scenario.Montbeliard, AsOf = D.Of(2024, 12, 31),
        });
        Assert.Empty(beforeAo.Holders);
    }
}
