using Ctg.Cli.Errors;
using Ctg.Presentation.Importing;
using Ctg.Structures.V1;

namespace Ctg.Cli.Importing;

/// <summary>The files named on ctg's command line, read from disk; their content is judged by the shared readers,
/// whose refusals become ctg's exit codes (a file ctg cannot take is a usage error, a wrong content a validation one).</summary>
public static class ImportFiles
{
    public static ImportFile Read(string path, ImportKind? declaredKind)
    {
        if (!File.Exists(path))
        {
            throw new CliException(ExitCodes.Usage, $"Le fichier « {path} » n'existe pas.");
        }
        if (declaredKind is null && ImportFileReader.GuessKind(path) is null)
        {
            throw new CliException(ExitCodes.Usage,
                $"Impossible de savoir ce que contient « {Path.GetFileName(path)} » : précisez --type structures, declarations ou references " +
                "(ou nommez le fichier structures.csv, declarations.csv, references-cej.csv).");
        }
        return Refused(() => ImportFileReader.FromContent(path, declaredKind, File.ReadAllBytes(path)));
    }

    public static IReadOnlyList<ConventionToImport> ReadConventions(string path)
    {
        if (!File.Exists(path)) throw new CliException(ExitCodes.Usage, $"Le fichier « {path} » n'existe pas.");
        if (Path.GetExtension(path).ToLowerInvariant() is not (".yaml" or ".yml"))
        {
            throw new CliException(ExitCodes.Usage, $"Les conventions s'importent depuis un fichier YAML (.yaml) : « {path} ».");
        }
        return Refused(() => ConventionFileReader.Read(path, File.ReadAllText(path)));
    }

    private static T Refused<T>(Func<T> read)
    {
        try
        {
            return read();
        }
        catch (ImportFileException refused)
        {
            throw new CliException(refused.InvalidContent ? ExitCodes.Validation : ExitCodes.Usage, refused.Message, refused.Details);
        }
    }
}
