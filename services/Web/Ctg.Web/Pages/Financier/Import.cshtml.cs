using Ctg.Presentation.Importing;
using Ctg.Web.Errors;
using Ctg.Web.Importing;
using Ctg.Web.Security;
using Grpc.Core;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Ctg.Web.Pages.Financier;

/// <summary>
/// Import of CSV or YAML files (finance officers): the first POST only checks (dry run, nothing written) and
/// shows the report; a clean batch is kept on the server and imported when its author confirms it.
/// </summary>
[RequestSizeLimit(MaxBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = MaxBytes)]
public sealed class ImportModel(WebImporter importer, ImportBatchStore store) : PageModel
{
    private const long MaxBytes = 64L * 1024 * 1024;
    private const int MaxFiles = 10;

    public static readonly (string Value, string Label)[] Types =
    [
        ("", "d'après le nom de chaque fichier"),
        ("conventions", "conventions (YAML : territoires, conventions et signataires)"),
        ("structures", "structures"),
        ("declarations", "déclarations d'activité"),
        ("references", "références CEJ"),
    ];

    [BindProperty(Name = "type")] public string Type { get; set; } = "";
    [BindProperty(Name = "ignorer")] public bool SkipExisting { get; set; }
    [BindProperty(Name = "fichiers")] public List<IFormFile> Files { get; set; } = [];
    [BindProperty(Name = "lot")] public string BatchId { get; set; } = "";

    public IReadOnlyList<ImportReportLine> Report { get; private set; } = [];
    public IReadOnlyList<string> CheckedFiles { get; private set; } = [];
    public IReadOnlyList<string> Imported { get; private set; } = [];
    public string? Error { get; private set; }
    public bool Checked { get; private set; }

    public IActionResult OnGet() => WebUser.From(User).IsFinanceOfficer ? Page() : Forbid();

    public async Task<IActionResult> OnPostCheckAsync(CancellationToken cancellationToken)
    {
        if (!WebUser.From(User).IsFinanceOfficer) return Forbid();
        if (Types.All(t => t.Value != Type)) Type = "";
        if (Files.Count == 0 || Files.Count > MaxFiles)
        {
            Error = Files.Count == 0 ? "Choisissez au moins un fichier à vérifier." : $"Envoyez au plus {MaxFiles} fichiers à la fois.";
            return Page();
        }
        var uploaded = new List<UploadedFile>();
        foreach (var file in Files)
        {
            using var content = new MemoryStream();
            await file.CopyToAsync(content, cancellationToken);
            uploaded.Add(new UploadedFile(Path.GetFileName(file.FileName), content.ToArray()));
        }
        var batch = new ImportBatch(Type, SkipExisting, uploaded);
        var result = await importer.CheckAsync(batch, cancellationToken);
        Checked = true;
        Report = result.Errors;
        CheckedFiles = Describe(result);
        if (result.Clean) BatchId = await store.SaveAsync(WebUser.From(User).Caller.Subject, batch, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostImportAsync(CancellationToken cancellationToken)
    {
        if (!WebUser.From(User).IsFinanceOfficer) return Forbid();
        var batch = await store.TakeAsync(WebUser.From(User).Caller.Subject, BatchId, cancellationToken);
        BatchId = "";
        if (batch is null)
        {
            Error = "Ce lot de fichiers n'est plus disponible (vérifié il y a plus de 30 minutes, ou déjà importé) : envoyez les fichiers à nouveau.";
            return Page();
        }
        // Checked again right before writing: someone may have imported the same rows in between.
        var result = await importer.CheckAsync(batch, cancellationToken);
        if (!result.Clean)
        {
            Checked = true;
            Report = result.Errors;
            CheckedFiles = Describe(result);
            Error = "Les fichiers ne passent plus la vérification : rien n'a été importé.";
            return Page();
        }
        try
        {
            Imported = await importer.ImportAsync(result, batch.SkipExisting, cancellationToken);
        }
        catch (RpcException e) when (e.StatusCode is not (Grpc.Core.StatusCode.Unavailable or Grpc.Core.StatusCode.DeadlineExceeded or Grpc.Core.StatusCode.Unauthenticated))
        {
            var error = ServiceErrors.Describe(e);
            Error = $"L'import s'est arrêté : {error.Message}" + (error.ServiceMessage is null ? "" : $" Motif : {error.ServiceMessage}");
        }
        return Page();
    }

    private static IReadOnlyList<string> Describe(WebImporter.Checked result) =>
    [
        .. result.ConventionFiles.Select(f => $"{f.File} : conventions ({f.Conventions.Count} convention(s))"),
        .. result.StructureFiles.Select(f => $"{Path.GetFileName(f.Path)} : {f.FrenchKind}"),
    ];
}
