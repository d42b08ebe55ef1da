using System.Text;
using Ctg.Structures.V1;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Ctg.Presentation.Importing;

/// <summary>
/// Reads the files to import (given to <c>ctg import</c> or uploaded on the web). CSV files go to the structures service as they are (it
/// checks separator, encoding and every row). A YAML file is a list of records whose keys are the CSV
/// columns; it is turned into that CSV, remembering each record's YAML line so that errors point there.
/// </summary>
public static class ImportFileReader
{
    /// <param name="path">The file's name as the person gave it (a path for ctg, the uploaded name for the web).</param>
    public static ImportFile FromContent(string path, ImportKind? declaredKind, byte[] content)
    {
        var kind = declaredKind ?? GuessKind(path)
            ?? throw new ImportFileException(
                $"Impossible de savoir ce que contient « {System.IO.Path.GetFileName(path)} » : précisez le type (structures, declarations ou references) " +
                "ou nommez le fichier structures.csv, declarations.csv, references-cej.csv.", invalidContent: false);

        var extension = System.IO.Path.GetExtension(path).ToLowerInvariant();
        return extension switch
        {
            ".csv" or ".txt" => new ImportFile(path, kind, content, null),
            ".yaml" or ".yml" => FromYaml(path, kind, new UTF8Encoding(false).GetString(content)),
            _ => throw new ImportFileException($"Format non pris en charge pour « {path} » : utilisez un fichier .csv (séparateur « ; ») ou .yaml.", invalidContent: false),
        };
    }

    public static ImportKind? GuessKind(string path)
    {
        var name = System.IO.Path.GetFileNameWithoutExtension(path).ToLowerInvariant();
        if (name.Contains("declaration") || name.Contains("déclaration")) return ImportKind.Declarations;
        if (name.Contains("reference") || name.Contains("référence") || name.Contains("cej")) return ImportKind.References;
        if (name.Contains("structure")) return ImportKind.Structures;
        return null;
    }

    public static ImportFile FromYaml(string path, ImportKind kind, string yaml)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException e)
        {
            throw new ImportFileException($"Le fichier « {path} » n'est pas un YAML valide.",
                [$"ligne {e.Start.Line}, colonne {e.Start.Column} : {e.Message}"]);
        }

        if (stream.Documents.Count != 1 || stream.Documents[0].RootNode is not YamlSequenceNode records)
        {
            throw new ImportFileException($"Le fichier « {path} » doit contenir une liste d'enregistrements (« - colonne: valeur »).");
        }

        var columns = new List<string>();
        var errors = new List<string>();
        var rows = new List<(int Line, Dictionary<string, string> Values)>();
        foreach (var node in records.Children)
        {
            var line = (int)node.Start.Line;
            if (node is not YamlMappingNode mapping)
            {
                errors.Add($"ligne {line} : un enregistrement doit être une suite « colonne: valeur »");
                continue;
            }
            var values = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var (keyNode, valueNode) in mapping.Children)
            {
                var key = ((YamlScalarNode)keyNode).Value ?? "";
                if (valueNode is not YamlScalarNode scalar)
                {
                    errors.Add($"ligne {valueNode.Start.Line}, champ « {key} » : une valeur simple est attendue");
                    continue;
                }
                if (scalar.Value is { } text && (text.Contains(';') || text.Contains('\n') || text.Contains('"')))
                {
                    errors.Add($"ligne {valueNode.Start.Line}, champ « {key} » : les caractères « ; », guillemet et retour à la ligne ne sont pas admis");
                    continue;
                }
                if (!columns.Contains(key)) columns.Add(key);
                values[key] = scalar.Value ?? "";
            }
            rows.Add((line, values));
        }
        if (errors.Count > 0)
        {
            throw new ImportFileException($"Le fichier « {path} » contient {errors.Count} erreur(s) ; rien n'a été importé.", errors);
        }

        var csv = new StringBuilder();
        csv.Append(string.Join(';', columns)).Append('\n');
        var lineMap = new Dictionary<int, int> { [1] = 1 };
        for (var i = 0; i < rows.Count; i++)
        {
            csv.Append(string.Join(';', columns.Select(c => rows[i].Values.GetValueOrDefault(c, "")))).Append('\n');
            lineMap[i + 2] = rows[i].Line;
        }
        return new ImportFile(path, kind, new UTF8Encoding(false).GetBytes(csv.ToString()), lineMap);
    }
}
