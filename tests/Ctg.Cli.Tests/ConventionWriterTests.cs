using Ctg.Presentation.Importing;
using Ctg.Signatories.V1;

namespace Ctg.Cli.Tests;

/// <summary>What ctg and the web send to the bulk import for a conventions file, and how they say its problems in French.</summary>
public sealed class ConventionWriterTests
{
    private const string TwoConventions = """
        - convention_id: ctg-39-une-2024
          caf_departement: "39"
          name: Première CTG
          start: 2024-01-01
          end: 2028-12-31
          fields: [petite_enfance]
          communes:
            - insee_code: "39198"
              name: Dole
          signatories:
            - name: Commune de Dole
              kind: commune
              commune_insee_code: "39198"
              signed_on: 2024-02-02
            - name: CAF du Jura
              kind: caf
        - convention_id: ctg-39-deux-2024
          caf_departement: "39"
          name: Deuxième CTG
          start: 2024-01-01
          end: 2028-12-31
          fields: [jeunesse]
          communes:
            - insee_code: "39478"
              name: Tavaux
          signatories:
            - name: Commune de Tavaux
              kind: commune
              commune_insee_code: "39478"
        """;

    [Fact]
    public void The_file_is_one_request_in_its_order_with_each_signature_date_beside_its_signatory()
    {
        var conventions = ConventionFileReader.Read("conventions.yaml", TwoConventions);

        var request = ConventionWriter.Request(conventions, dryRun: true, skipExisting: true, clientRequestId: "x");

        Assert.Equal((true, true, "x"), (request.DryRun, request.SkipExisting, request.ClientRequestId));
        Assert.Equal(new[] { "ctg-39-une-2024", "ctg-39-deux-2024" }, request.Conventions.Select(c => c.Draft.ConventionId));
        var first = request.Conventions[0];
        Assert.Equal(new[] { "Commune de Dole", "CAF du Jura" }, first.Signatories.Select(s => s.Signatory.Name));
        Assert.Equal(new Ctg.Common.V1.Date { Year = 2024, Month = 2, Day = 2 }, first.Signatories[0].SignedOn);
        Assert.Null(first.Signatories[1].SignedOn);
        Assert.Empty(first.Grants);
    }

    [Theory]
    [InlineData("conventions[2].signatories[1].signatory.deliberation.votes_for", "signatories.deliberation.votes_for")]
    [InlineData("conventions[0].draft.period.end", "end")]
    [InlineData("conventions[0].draft.territory.communes[3].insee_code", "communes.insee_code")]
    [InlineData("conventions[1].signatories[0].signed_on", "signatories.signed_on")]
    [InlineData("conventions[1].draft", "convention_id")]
    public void A_field_of_the_request_is_named_as_the_file_names_it(string field, string inFile) =>
        Assert.Equal(inFile, ConventionWriter.FileField(field));

    [Fact]
    public void Each_problem_of_the_dry_run_points_at_its_conventions_line_in_French()
    {
        var conventions = ConventionFileReader.Read("conventions.yaml", TwoConventions);
        var answer = new ImportConventionsResponse
        {
            DryRun = true,
            Problems =
            {
                new ConventionImportProblem { Index = 0, ConventionId = "ctg-39-une-2024", Field = "conventions[0].draft.convention_id", Message = "convention 'ctg-39-une-2024' already exists", Kind = "already_exists" },
                new ConventionImportProblem { Index = 1, ConventionId = "ctg-39-deux-2024", Field = "conventions[1].draft.caf_departement", Message = "convention 'ctg-39-deux-2024' belongs to CAF 39, not to a CAF of the caller", Kind = "access_denied" },
                new ConventionImportProblem { Index = 1, ConventionId = "ctg-39-deux-2024", Field = "conventions[1].signatories[0].signatory.signatory_id", Message = "is already used", Kind = "already_exists" },
                new ConventionImportProblem { Index = 1, ConventionId = "ctg-39-deux-2024", Field = "conventions[1].signatories[0].signed_on", Message = "2023-12-01 is before the deliberation of 2024-01-15", Kind = "precondition_failed" },
            },
        };

        Assert.Equal(
            new[]
            {
                "ligne 1, champ « convention_id » : la convention « ctg-39-une-2024 » existe déjà",
                "ligne 17, champ « caf_departement » : la convention « ctg-39-deux-2024 » relève d'une CAF pour laquelle vous n'avez pas les droits",
                "ligne 17, champ « signatories.signatory_id » : identifiant déjà utilisé (is already used)",
                "ligne 17, champ « signatories.signed_on » : refusé par le service des signataires (motif : 2023-12-01 is before the deliberation of 2024-01-15)",
            },
            ConventionWriter.Problems(conventions, answer));
    }
}
