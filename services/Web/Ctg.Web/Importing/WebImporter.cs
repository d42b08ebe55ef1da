using Ctg.Presentation.Importing;
using Ctg.Structures.V1;
using Ctg.Web.Errors;
using Ctg.Web.Platform;
using Grpc.Core;

namespace Ctg.Web.Importing;

/// <summary>
/// The import of the web, with the readers and requests ctg uses (Ctg.Presentation): every file is read, the
/// conventions are looked up and the structures files go through ONE dry run of the structures service before
/// anything is written; the report lists file, line, field and message. Only a clean batch is imported.
/// </summary>
public sealed class WebImporter(CtgClients clients)
{
    public sealed record Checked(IReadOnlyList<ImportReportLine> Errors, IReadOnlyList<(string File, IReadOnlyList<ConventionToImport> Conventions)> ConventionFiles,
        IReadOnlyList<ImportFile> StructureFiles)
    {
        public bool Clean => Errors.Count == 0;
    }

    private static DateTime Deadline() => DateTime.UtcNow.AddSeconds(60);

    public async Task<Checked> CheckAsync(ImportBatch batch, CancellationToken cancellationToken)
    {
        var declared = batch.Type.Length == 0 ? null : batch.Type;
        var declaredKind = batch.Type switch
        {
            "structures" => ImportKind.Structures,
            "declarations" => ImportKind.Declarations,
            "references" => ImportKind.References,
            _ => (ImportKind?)null,
        };
        var errors = new List<ImportReportLine>();
        var conventionFiles = new List<(string File, IReadOnlyList<ConventionToImport> Conventions)>();
        var structureFiles = new List<ImportFile>();
        foreach (var file in batch.Files)
        {
            try
            {
                if (ConventionFileReader.IsConventionFile(file.Name, declared))
                {
                    if (Path.GetExtension(file.Name).ToLowerInvariant() is not (".yaml" or ".yml"))
                    {
                        errors.Add(new ImportReportLine(file.Name, null, "", "les conventions s'importent depuis un fichier YAML (.yaml)"));
                        continue;
                    }
                    conventionFiles.Add((file.Name, ConventionFileReader.Read(file.Name, new System.Text.UTF8Encoding(false).GetString(file.Content))));
                }
                else
                {
                    structureFiles.Add(ImportFileReader.FromContent(file.Name, declaredKind, file.Content));
                }
            }
            catch (ImportFileException refused)
            {
                errors.AddRange(ImportReportLine.FromDetails(file.Name, refused.Message, refused.Details));
            }
        }
        if (errors.Count > 0) return new Checked(errors, conventionFiles, structureFiles);

        foreach (var (file, conventions) in conventionFiles)
        {
            var existing = await ConventionWriter.ExistingAsync(clients.Conventions, conventions, Deadline, cancellationToken);
            if (!batch.SkipExisting)
            {
                errors.AddRange(existing.Select(c => new ImportReportLine(file, c.Line, "convention_id", $"la convention « {c.Draft.ConventionId} » existe déjà")));
            }
        }
        structureFiles = [.. structureFiles.OrderBy(f => ImportRequests.ImportOrder(f.Kind))];
        if (structureFiles.Count > 0)
        {
            var pending = conventionFiles.SelectMany(f => ImportRequests.PendingSignatories(f.Conventions));
            var request = ImportRequests.DryRun(structureFiles, batch.SkipExisting, pending);
            errors.AddRange(await RunAsync(structureFiles, request, cancellationToken) switch
            {
                { Rejected: true } outcome => ImportRequests.InReadingOrder(structureFiles, outcome.Errors).Select(e =>
                {
                    var file = ImportRequests.FileOf(structureFiles, e);
                    return new ImportReportLine(Path.GetFileName(file.Path), file.SourceLine(e.Line), e.Field, ImportErrorText.French(e.Message));
                }),
                _ => [],
            });
        }
        return new Checked(errors, conventionFiles, structureFiles);
    }

    /// <summary>Imports a batch the dry run passed: conventions first (structures name their signatories), then
    /// structures, CEJ references and declarations. Returns one French line per file.</summary>
    public async Task<IReadOnlyList<string>> ImportAsync(Checked batch, bool skipExisting, CancellationToken cancellationToken)
    {
        var done = new List<string>();
        foreach (var (file, conventions) in batch.ConventionFiles)
        {
            var existing = await ConventionWriter.ExistingAsync(clients.Conventions, conventions, Deadline, cancellationToken);
            var toCreate = conventions.Except(existing).ToList();
            if (toCreate.Count > 0) await ConventionWriter.CreateAllAsync(clients.Conventions, toCreate, skipExisting: false, Deadline, cancellationToken);
            done.Add($"{file} : {conventions.Count} convention(s) lue(s), {toCreate.Count} importée(s), {existing.Count} déjà présente(s) (conventions).");
        }
        foreach (var file in batch.StructureFiles)
        {
            var outcome = await RunAsync([file], ImportRequests.Import(file, skipExisting), cancellationToken);
            var name = Path.GetFileName(file.Path);
            if (outcome.Rejected || outcome.Report is not { } report)
            {
                done.Add($"{name} : refusé par le service des structures au moment de l'écriture ({outcome.Errors.Count} erreur(s)) ; rien n'a été importé de ce fichier.");
                break;
            }
            done.Add($"{name} : {report.RowsRead} ligne(s) lue(s), {report.RowsImported} importée(s), {report.RowsSkipped} déjà présente(s) ({file.FrenchKind}).");
        }
        return done;
    }

    private async Task<ImportOutcome> RunAsync(IReadOnlyList<ImportFile> files, ImportCsvRequest request, CancellationToken cancellationToken)
    {
        try
        {
            using var call = clients.Import.ImportCsvWithProgress(request, deadline: DateTime.UtcNow.AddSeconds(300), cancellationToken: cancellationToken);
            return await ImportStream.ReadAsync(call, null, cancellationToken);
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.InvalidArgument)
        {
            // A file refused as a whole (header, encoding, separator) before any row was read.
            var violations = ServiceErrors.FieldViolations(e);
            var errors = violations.Count == 0
                ? [new ImportError { Line = 1, Field = "", Message = e.Status.Detail, FileIndex = -1 }]
                : violations.Select(v => new ImportError { Line = 1, Field = v.Field, Message = v.Description, FileIndex = -1 }).ToList();
            return new ImportOutcome(errors, null, "rejected");
        }
    }
}
