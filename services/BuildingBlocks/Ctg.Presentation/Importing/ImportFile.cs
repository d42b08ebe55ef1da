using Ctg.Structures.V1;

namespace Ctg.Presentation.Importing;

/// <summary>One file to import: what it holds, and its content as the CSV the structures service reads.</summary>
/// <param name="CsvLineToSourceLine">For a YAML file: the CSV line the service reports → the YAML line of that record.</param>
public sealed record ImportFile(string Path, ImportKind Kind, byte[] Csv, IReadOnlyDictionary<int, int>? CsvLineToSourceLine)
{
    public string FrenchKind => FrenchName(Kind);

    public static string FrenchName(ImportKind kind) => kind switch
    {
        ImportKind.Structures => "structures",
        ImportKind.Declarations => "déclarations d'activité",
        ImportKind.References => "références CEJ",
        _ => "inconnu",
    };

    public int SourceLine(int csvLine) =>
        CsvLineToSourceLine is not null && CsvLineToSourceLine.TryGetValue(csvLine, out var yamlLine) ? yamlLine : csvLine;
}
