using Ctg.Structures.V1;
using Google.Protobuf;

namespace Ctg.Presentation.Importing;

/// <summary>
/// The requests of an import to the structures service. Several files are checked by ONE dry run that applies
/// them in order inside a transaction the service rolls back, so that a file naming structures of an earlier
/// file is judged after it and every database check runs; nothing is written until that dry run is clean.
/// </summary>
public static class ImportRequests
{
    /// <param name="pendingSignatories">Signatories the conventions files of the same import will create: the
    /// dry run takes them as known supporting collectivities (the real import checks them once they exist).</param>
    public static ImportCsvRequest DryRun(IReadOnlyList<ImportFile> files, bool skipExisting, IEnumerable<PendingSignatory> pendingSignatories)
    {
        var last = files[^1];
        var request = new ImportCsvRequest
        {
            Options = new ImportOptions { Kind = last.Kind, SkipExisting = skipExisting, DryRun = true },
            Content = ByteString.CopyFrom(last.Csv),
        };
        request.PrecedingFiles.AddRange(files.Take(files.Count - 1).Select(f => Import(f, skipExisting)));
        request.PendingSignatories.AddRange(pendingSignatories);
        return request;
    }

    public static ImportCsvRequest Import(ImportFile file, bool skipExisting) => new()
    {
        Options = new ImportOptions { Kind = file.Kind, SkipExisting = skipExisting },
        Content = ByteString.CopyFrom(file.Csv),
    };

    /// <summary>The file an error of a dry run belongs to (an error of the last file has no index).</summary>
    public static ImportFile FileOf(IReadOnlyList<ImportFile> files, ImportError error) => error.FileIndex < 0 ? files[^1] : files[error.FileIndex];

    /// <summary>The dry run's errors in reading order: by file, then line.</summary>
    public static IEnumerable<ImportError> InReadingOrder(IReadOnlyList<ImportFile> files, IEnumerable<ImportError> errors) =>
        errors.OrderBy(e => e.FileIndex < 0 ? files.Count : e.FileIndex).ThenBy(e => e.Line);

    /// <summary>The signatories these conventions will create, for the dry run of the structures files of the same import.</summary>
    public static IEnumerable<PendingSignatory> PendingSignatories(IEnumerable<ConventionToImport> conventions) =>
        conventions.SelectMany(c => c.Signatories
            .Where(s => s.Signatory.SignatoryId.Length > 0)
            .Select(s => new PendingSignatory { SignatoryId = s.Signatory.SignatoryId, ConventionId = c.Draft.ConventionId, Name = s.Signatory.Name }));

    /// <summary>Orders files so that what others name comes first: structures, then CEJ references and declarations.</summary>
    public static int ImportOrder(ImportKind kind) => kind switch
    {
        ImportKind.Structures => 0,
        ImportKind.References => 1,
        _ => 2,
    };
}
