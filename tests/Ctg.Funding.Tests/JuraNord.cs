using Ctg.Structures.V1;
using static Ctg.Funding.Tests.FundingHarness;

namespace Ctg.Funding.Tests;

/// <summary>
/// Seed 001: the CTG Jura Nord (2019-2023, one EPCI) and its 2018 CEJ amounts as the structures
/// service's demo data records them. Every structure is supported by the communauté de communes.
/// </summary>
public static class JuraNord
{
    public const string ConventionId = "ctg-39-jura-nord-2019";
    /// <summary>The communauté de communes Jura Nord as the signatories service names it (read from it at start).</summary>
    public static string Epci { get; private set; } = "";

    /// <summary>
    /// Imports the structures service's own seed-001 files through its CSV import. Its LoadDemoData cannot be
    /// used as is: its files name the EPCI "sig-39-cc-jura-nord" while the signatories seed names it
    /// "ctg-39-jura-nord-2019-cc-jura-nord", so the structures service refuses every row; the id is
    /// rewritten here to the one the signatories service gives, and nothing else.
    /// </summary>
    public static async Task ImportSeedAsync(StructureImport.StructureImportClient import, Ctg.Signatories.V1.Conventions.ConventionsClient conventions)
    {
        var convention = await conventions.GetConventionAsync(new Ctg.Signatories.V1.GetConventionRequest { ConventionId = ConventionId });
        Epci = convention.Signatories.Single(s => s.Kind == Ctg.Signatories.V1.SignatoryKind.Epci).SignatoryId;
        foreach (var (file, kind) in new[] { ("structures_jura_nord.csv", ImportKind.Structures), ("cej_references_jura_nord.csv", ImportKind.References) })
        {
            var assembly = typeof(Ctg.Structures.StructuresApp).Assembly;
            var name = assembly.GetManifestResourceNames().Single(n => n.EndsWith(".DemoData." + file, StringComparison.Ordinal));
            using var reader = new StreamReader(assembly.GetManifestResourceStream(name)!);
            var csv = (await reader.ReadToEndAsync()).Replace("sig-39-cc-jura-nord", Epci, StringComparison.Ordinal);
            using var call = import.ImportCsv();
            await call.RequestStream.WriteAsync(new CsvChunk
            {
                Options = new ImportOptions { Kind = kind, SkipExisting = true },
                Content = Google.Protobuf.ByteString.CopyFromUtf8(csv),
            });
            await call.RequestStream.CompleteAsync();
            await call;
        }
    }
    public const int Year = 2020;

    /// <summary>structure id, kind, CEJ 2018 amount in cents, reference units (seed 001 l.728-738).</summary>
    public static readonly (string Id, StructureKind Kind, long ReferenceCents, string Units)[] Structures =
    [
        ("str-39-jn-multi-accueil-fraisans", StructureKind.EajePsu, 8244200, "30"),
        ("str-39-jn-ram-jura-nord", StructureKind.Rpe, 2286500, "1.4"),
        ("str-39-jn-alsh-dammartin-marpain", StructureKind.Alsh, 3529200, "39731"),
        ("str-39-jn-alsh-dampierre", StructureKind.Alsh, 2449400, "24872"),
        ("str-39-jn-alsh-fraisans", StructureKind.Alsh, 4383100, "78439"),
        ("str-39-jn-alsh-gendrey", StructureKind.Alsh, 2449500, "39223"),
        ("str-39-jn-alsh-montmirey-la-ville", StructureKind.Alsh, 1940300, "18648"),
        ("str-39-jn-alsh-orchamps", StructureKind.Alsh, 1933700, "31933"),
        ("str-39-jn-alsh-rans", StructureKind.Alsh, 1675900, "21344"),
        ("str-39-jn-alsh-ougney-vitreux", StructureKind.Alsh, 0, "10636"),
        ("str-39-jn-secteur-jeunes", StructureKind.AccueilJeunes, 878600, "3492"),
    ];

    /// <summary>Each structure declares exactly its reference activity: "à niveau d'activité égal".</summary>
    public static async Task DeclareEqualActivityAsync(ActivityDeclarations.ActivityDeclarationsClient declarations, int year, DeclarationVersion version)
    {
        foreach (var (id, kind, _, units) in Structures)
        {
            await declarations.SubmitDeclarationAsync(new SubmitDeclarationRequest
            {
                StructureId = id,
                Year = year,
                Version = version,
                Figures = EqualActivity(kind, units),
            });
        }
    }

    public static ActivityFigures EqualActivity(StructureKind kind, string units) => kind switch
    {
        StructureKind.EajePsu => new ActivityFigures
        {
            Places = int.Parse(units, System.Globalization.CultureInfo.InvariantCulture), MonthsOpen = 12,
            HoursInvoiced = Dec("49277"), HoursAttended = Dec("46000"),
            OperatingCosts = Euros(414306), FamilyParticipations = Euros(60000), RegimeGeneralShare = Dec("0.95"),
        },
        StructureKind.Rpe => new ActivityFigures { Etp = Dec(units), OperatingCosts = Euros(83473) },
        _ => new ActivityFigures { HoursAttended = Dec(units), OperatingCosts = Euros(250000), RegimeGeneralShare = Dec("0.9") },
    };
}
