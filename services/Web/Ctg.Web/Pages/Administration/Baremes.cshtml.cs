using Ctg.Funding.V1;
using Ctg.Web.Errors;
using Ctg.Web.Forms;
using Ctg.Web.Platform;
using Ctg.Web.Security;
using Grpc.Core;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Ctg.Web.Pages.Administration;

/// <summary>
/// The barèmes (administrators): the parameter sets, newest first (50 a page, paged by the funding service), loading a new one from a YAML file
/// of the shipped format (the funding service validates it with the engine's loader: nothing is stored when it
/// refuses, and each error is shown), and what changed between two sets.
/// </summary>
public sealed class BaremesModel(CtgClients clients) : PageModel
{
    public const int PageSize = 50;

    [BindProperty(Name = "cle")] public string Key { get; set; } = "";
    [BindProperty(Name = "fichier")] public IFormFile? Upload { get; set; }
    [BindProperty(Name = "source")] public string SourceNote { get; set; } = "";
    [BindProperty(Name = "en_vigueur")] public string EffectiveFrom { get; set; } = "";

    public IReadOnlyList<ParameterSetSummary> Sets { get; private set; } = [];
    /// <summary>The funding service's token of the next (older) page; empty on the last page.</summary>
    public string NextPageToken { get; private set; } = "";
    /// <summary>Whether this page is not the first one (a link back to the newest sets is then shown).</summary>
    public bool IsLaterPage { get; private set; }
    public int Total { get; private set; }
    public ParameterSetDiff? Diff { get; private set; }
    public Dictionary<string, string> Errors { get; } = [];
    public List<string> LoadErrors { get; } = [];

    public async Task<IActionResult> OnGetAsync(string? suite = null, [FromQuery(Name = "base")] int? baseNumber = null, int? autre = null)
    {
        if (!WebUser.From(User).IsAdministrator) return Forbid();
        if (baseNumber is { } from && autre is { } to)
        {
            Diff = await clients.ParameterSets.DiffParameterSetsAsync(new DiffParameterSetsRequest { BaseNumber = from, OtherNumber = to });
        }
        await LoadAsync(suite);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!WebUser.From(User).IsAdministrator) return Forbid();
        Key = Key.Trim();
        if (Key.Length == 0 || Key.Split('.').Any(part => part.Length == 0 || part.IndexOfAny(['/', '\\', ' ']) >= 0))
        {
            Errors["cle"] = "Saisissez la clé du paramètre : des mots séparés par des points, par exemple psu.taux.";
        }
        if (Upload is null || Upload.Length == 0) Errors["fichier"] = "Choisissez le fichier YAML du paramètre.";
        if (string.IsNullOrWhiteSpace(SourceNote)) Errors["source"] = "Indiquez d'où viennent les valeurs (par exemple : circulaire CNAF 2025-012).";
        var effective = EffectiveFrom.Trim().Length == 0 ? null : FrenchDates.ParseProto(EffectiveFrom);
        if (EffectiveFrom.Trim().Length > 0 && effective is null) Errors["en_vigueur"] = "Saisissez une date valide (jj/mm/aaaa).";
        if (Errors.Count > 0)
        {
            await LoadAsync(null);
            return Page();
        }

        using var reader = new StreamReader(Upload!.OpenReadStream());
        var request = new LoadParameterSetRequest { SourceNote = SourceNote.Trim(), EffectiveFrom = effective };
        request.Files.Add(new ParameterFile { Path = Key.Replace('.', '/') + ".yaml", Yaml = await reader.ReadToEndAsync(cancellationToken) });
        try
        {
            var loaded = await clients.ParameterSets.LoadParameterSetAsync(request, cancellationToken: cancellationToken);
            TempData["message"] = $"Barème n° {loaded.Number} chargé : {loaded.ChangedKeys.Count} paramètre(s) modifié(s) ({string.Join(", ", loaded.ChangedKeys)}).";
            return Redirect($"/administration/baremes?base={loaded.Number - 1}&autre={loaded.Number}");
        }
        catch (RpcException e) when (e.StatusCode == Grpc.Core.StatusCode.InvalidArgument)
        {
            var violations = ServiceErrors.FieldViolations(e);
            LoadErrors.AddRange(violations.Count == 0 ? [e.Status.Detail] : violations.Select(v => v.Field.StartsWith("files", StringComparison.Ordinal)
                ? $"fichier : {v.Description}"
                : $"{v.Field} : {v.Description}"));
        }
        await LoadAsync(null);
        return Page();
    }

    private async Task LoadAsync(string? pageToken)
    {
        var answer = await clients.ParameterSets.ListParameterSetsAsync(new ListParameterSetsRequest
        {
            Page = new Ctg.Common.V1.PageRequest { PageSize = PageSize, PageToken = pageToken ?? "" },
        });
        Sets = answer.Sets;
        NextPageToken = answer.Page?.NextPageToken ?? "";
        Total = answer.Page?.TotalSize ?? answer.Sets.Count;
        IsLaterPage = !string.IsNullOrEmpty(pageToken);
    }

    /// <summary>The shipped set's source is the service's word for it ("embedded"): said in French.</summary>
    public static string Source(ParameterSetSummary s) =>
        s.Number == 0 && s.SourceNote is "" or "embedded" ? "barème livré avec l'application" : s.SourceNote;

    public static string Author(ParameterSetSummary s) =>
        s.Number == 0 ? "fichiers livrés avec l'application" : string.IsNullOrEmpty(s.AuthorName) ? s.AuthorSubject : $"{s.AuthorName} ({s.AuthorSubject})";

    /// <summary>A dated value as the service lists it, "2013-01-01 = 0.3 (P)", read in French: "01/01/2013 : 0,3 (P)";
    /// anything of another shape as sent.</summary>
    public static string DatedValue(string value)
    {
        var m = System.Text.RegularExpressions.Regex.Match(value, @"^(\d{4})-(\d{2})-(\d{2}) = (.*?)( \([A-Z]\))?$");
        if (!m.Success) return value;
        var number = m.Groups[4].Value;
        var french = decimal.TryParse(number, System.Globalization.NumberStyles.Number, System.Globalization.CultureInfo.InvariantCulture, out var d)
            ? Ctg.Presentation.Formatting.French.Number(d) : number;
        return $"{m.Groups[3].Value}/{m.Groups[2].Value}/{m.Groups[1].Value} : {french}{m.Groups[5].Value}";
    }

    public static string Change(ParameterChange change) => change switch
    {
        ParameterChange.Added => "ajouté",
        ParameterChange.Removed => "supprimé",
        ParameterChange.Changed => "modifié",
        _ => "",
    };
}
