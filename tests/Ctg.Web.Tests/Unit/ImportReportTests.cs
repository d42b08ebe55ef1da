using Ctg.Presentation.Importing;
using Ctg.Web.Importing;

namespace Ctg.Web.Tests.Unit;

public sealed class ImportReportTests
{
    [Fact]
    public void The_readers_details_become_report_lines_with_line_and_field()
    {
        var lines = ImportReportLine.FromDetails("c.yaml", "Le fichier « c.yaml » contient 2 erreur(s) : rien n'a été importé.",
        [
            "ligne 4, champ « start » : date invalide « 2024-13-01 » (31/12/2025 ou 2025-12-31)",
            "ligne 2, colonne 7 : While scanning a plain scalar",
        ]).ToList();
        Assert.Equal(new ImportReportLine("c.yaml", 4, "start", "date invalide « 2024-13-01 » (31/12/2025 ou 2025-12-31)"), lines[0]);
        Assert.Equal(new ImportReportLine("c.yaml", 2, "", "While scanning a plain scalar"), lines[1]);
    }

    [Fact]
    public void A_refusal_without_details_is_one_line_of_the_file()
    {
        var line = Assert.Single(ImportReportLine.FromDetails("s.yaml", "Le fichier « s.yaml » doit contenir une liste.", []));
        Assert.Equal(new ImportReportLine("s.yaml", null, "", "Le fichier « s.yaml » doit contenir une liste."), line);
    }

    [Theory]
    [InlineData("'str-inconnue' is not a registered structure.", "« str-inconnue » n'est pas une structure enregistrée")]
    [InlineData("must not be negative.", "la valeur ne peut pas être négative")]
    [InlineData("is also on line 3.", "figure déjà ligne 3")]
    [InlineData("the previsionnel 2020 of 'str-a' is also on line 7.", "figure déjà ligne 7")]
    [InlineData("must be between 2000 and 2100.", "la valeur doit être comprise entre 2000 et 2100")]
    [InlineData("is required.", "valeur obligatoire")]
    [InlineData("something new", "refusé par le service des structures (motif : something new)")]
    public void The_structures_services_messages_are_said_in_French(string message, string french) =>
        Assert.Equal(french, ImportErrorText.French(message));
}
