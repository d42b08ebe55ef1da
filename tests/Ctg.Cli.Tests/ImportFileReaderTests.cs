using System.Text;
using Ctg.Cli.Errors;
using Ctg.Cli.Importing;
using Ctg.Presentation.Importing;
using Ctg.Structures.V1;

namespace Ctg.Cli.Tests;

public sealed class ImportFileReaderTests
{
    [Fact]
    public void Yaml_records_become_the_csv_the_service_reads_and_errors_point_to_yaml_lines()
    {
        const string yaml = "# références CEJ\n- structure_id: s-1\n  reference_year: 2018\n  amount_cents: 8244200\n\n- structure_id: s-2\n  reference_year: 2018\n  unit: hours\n";
        var file = ImportFileReader.FromYaml("refs.yaml", ImportKind.References, yaml);
        Assert.Equal("structure_id;reference_year;amount_cents;unit\ns-1;2018;8244200;\ns-2;2018;;hours\n", Encoding.UTF8.GetString(file.Csv));
        Assert.Equal(2, file.SourceLine(2));
        Assert.Equal(6, file.SourceLine(3));
    }

    [Fact]
    public void Yaml_value_with_a_semicolon_is_refused_with_its_line_and_field()
    {
        var failure = Assert.Throws<ImportFileException>(() =>
            ImportFileReader.FromYaml("s.yaml", ImportKind.Structures, "- structure_id: s-1\n  name: \"A;B\"\n"));
        Assert.True(failure.InvalidContent);
        Assert.Equal(["ligne 2, champ « name » : les caractères « ; », guillemet et retour à la ligne ne sont pas admis"], failure.Details);
    }

    [Fact]
    public void Yaml_that_is_not_a_list_is_refused()
    {
        var failure = Assert.Throws<ImportFileException>(() => ImportFileReader.FromYaml("s.yaml", ImportKind.Structures, "structure_id: s-1\n"));
        Assert.True(failure.InvalidContent);
        Assert.Equal("Le fichier « s.yaml » doit contenir une liste d'enregistrements (« - colonne: valeur »).", failure.Message);
    }

    [Theory]
    [InlineData("structures_jura_nord.csv", ImportKind.Structures)]
    [InlineData("declarations_2019.yaml", ImportKind.Declarations)]
    [InlineData("cej_references_jura_nord.csv", ImportKind.References)]
    [InlineData("références.csv", ImportKind.References)]
    public void Kind_is_guessed_from_the_file_name(string name, ImportKind kind) => Assert.Equal(kind, ImportFileReader.GuessKind(name));

    [Fact]
    public void Unknown_kind_without_type_is_a_usage_error()
    {
        var path = Path.Combine(Path.GetTempPath(), $"donnees-{Guid.NewGuid():N}.csv");
        File.WriteAllText(path, "a;b\n");
        try
        {
            var failure = Assert.Throws<CliException>(() => ImportFiles.Read(path, null));
            Assert.Equal(ExitCodes.Usage, failure.ExitCode);
            Assert.Contains("--type structures, declarations ou references", failure.Message);
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void An_unsupported_format_is_refused_as_a_file_not_as_its_content()
    {
        var failure = Assert.Throws<ImportFileException>(() => ImportFileReader.FromContent("structures.xlsx", null, [1, 2, 3]));
        Assert.False(failure.InvalidContent);
        Assert.Equal("Format non pris en charge pour « structures.xlsx » : utilisez un fichier .csv (séparateur « ; ») ou .yaml.", failure.Message);
    }

    [Fact]
    public void A_wrong_yaml_file_given_to_ctg_is_a_validation_error()
    {
        var path = Path.Combine(Path.GetTempPath(), $"structures-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, "structure_id: s-1\n");
        try
        {
            var failure = Assert.Throws<CliException>(() => ImportFiles.Read(path, null));
            Assert.Equal(ExitCodes.Validation, failure.ExitCode);
        }
        finally { File.Delete(path); }
    }
}
