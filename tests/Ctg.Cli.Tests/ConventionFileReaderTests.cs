using Ctg.Presentation.Importing;
using Ctg.Signatories.V1;

namespace Ctg.Cli.Tests;

public sealed class ConventionFileReaderTests
{
    private const string Valid = """
        - convention_id: ctg-39-test-2024
          caf_departement: "39"
          name: CTG de test
          start: 01/01/2024
          end: 2028-12-31
          fields: [petite_enfance, jeunesse]
          communes:
            - insee_code: "39198"
              name: Dole
              legal_population: 23 000
              population_year: 2021
          signatories:
            - name: Commune de Dole
              kind: commune
              commune_insee_code: "39198"
              deliberation:
                body: conseil municipal
                date: 2024-01-15
                votes_for: 30
              signed_on: 2024-02-02
        """;

    [Fact]
    public void A_valid_file_gives_the_requests_of_the_signatories_service()
    {
        var c = Assert.Single(ConventionFileReader.Read("c.yaml", Valid));
        Assert.Equal(1, c.Line);
        Assert.Equal("ctg-39-test-2024", c.Draft.ConventionId);
        Assert.Equal(2024, c.Draft.Period.Start.Year);
        Assert.Equal(31, c.Draft.Period.End.Day);
        Assert.Equal([FieldOfIntervention.PetiteEnfance, FieldOfIntervention.Jeunesse], c.Draft.Fields);
        Assert.Equal(23_000, c.Draft.Territory.Communes[0].LegalPopulation);
        var (signatory, signedOn) = Assert.Single(c.Signatories);
        Assert.Equal(SignatoryKind.Commune, signatory.Kind);
        Assert.Equal(30, signatory.Deliberation.VotesFor);
        Assert.Equal(2, signedOn!.Day);
    }

    [Fact]
    public void Every_error_is_reported_with_its_line_and_field()
    {
        var bad = Valid.Replace("start: 01/01/2024", "start: 2024-13-01").Replace("kind: commune", "kind: mairie").Replace("      name: Dole\n", "");
        var failure = Assert.Throws<ImportFileException>(() => ConventionFileReader.Read("c.yaml", bad));
        Assert.True(failure.InvalidContent);
        Assert.Equal(
        [
            "ligne 4, champ « start » : date invalide « 2024-13-01 » (31/12/2025 ou 2025-12-31)",
            "ligne 8, champ « communes.name » : obligatoire",
            "ligne 13, champ « signatories.kind » : « mairie » n'est pas un type de signataire (caf, epci, commune, sivu, sivom, syndicat_mixte, departement, msa, other_co_funder)",
        ], failure.Details);
    }

    [Fact]
    public void A_duplicate_convention_id_and_an_unknown_field_are_errors()
    {
        var twice = Valid + "\n" + Valid.Replace("  name: CTG de test", "  name: CTG de test\n  nom: doublon");
        var failure = Assert.Throws<ImportFileException>(() => ConventionFileReader.Read("c.yaml", twice));
        Assert.Contains(failure.Details, d => d.StartsWith("ligne 21, champ « convention_id » : « ctg-39-test-2024 » figure déjà ligne 1"));
        Assert.Contains(failure.Details, d => d.StartsWith("ligne 24, champ « nom » : champ inconnu"));
    }

    [Theory]
    [InlineData("conventions_2024.yaml", null, true)]
    [InlineData("territoires.yaml", null, true)]
    [InlineData("structures.csv", null, false)]
    [InlineData("fichier.yaml", "conventions", true)]
    [InlineData("conventions.yaml", "structures", false)]
    public void Convention_files_are_recognised_by_name_or_type(string path, string? type, bool expected) =>
        Assert.Equal(expected, ConventionFileReader.IsConventionFile(path, type));
}
