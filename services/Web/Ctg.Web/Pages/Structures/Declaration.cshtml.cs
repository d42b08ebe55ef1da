using System.Globalization;
using Ctg.Common.V1;
using Ctg.Structures.V1;
using Ctg.Web.Declarations;
using Ctg.Web.Errors;
using Ctg.Web.Forms;
using Ctg.Web.Platform;
using Grpc.Core;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Ctg.Web.Pages.Structures;

/// <summary>
/// Submitting a declaration (prévisionnel, actualisé, réel) or correcting one with a reason. Figures that are
/// not numbers are refused here in French; everything else is the structures service's decision, its field
/// violations shown on their fields. A billing rate outside 0.5–2 asks for a confirmation before sending.
/// </summary>
public sealed class DeclarationModel(CtgClients clients, TimeProvider time) : PageModel
{
    public const decimal MinBillingRate = 0.5m;
    public const decimal MaxBillingRate = 2m;

    public Structure Structure { get; private set; } = new();
    public IReadOnlyList<Declaration> Existing { get; private set; } = [];

    [BindProperty(SupportsGet = true, Name = "annee")] public int Year { get; set; }
    [BindProperty(SupportsGet = true, Name = "version")] public DeclarationVersion Version { get; set; } = DeclarationVersion.Previsionnel;
    [BindProperty(Name = "recue_le")] public string ReceivedOn { get; set; } = "";
    [BindProperty(Name = "motif")] public string Reason { get; set; } = "";
    [BindProperty(Name = "confirme")] public bool Confirmed { get; set; }

    public Dictionary<string, string?> Values { get; private set; } = [];
    public Dictionary<string, string> Errors { get; } = new(StringComparer.Ordinal);
    public List<string> GeneralErrors { get; } = [];
    public decimal? BillingRateToConfirm { get; private set; }

    /// <summary>The declaration this one corrects (same year and version), if any.</summary>
    public Declaration? Corrected => Existing.Where(d => d.Version == Version).OrderByDescending(d => d.Revision).FirstOrDefault();

    public IEnumerable<DeclarationField> Fields => DeclarationFields.All.Where(f => f.AppliesTo(Structure.Details.Kind));

    public async Task<IActionResult> OnGetAsync(string id)
    {
        await LoadAsync(id);
        var source = Corrected ?? Existing.OrderByDescending(d => d.Version).ThenByDescending(d => d.Revision).FirstOrDefault();
        Values = source is null ? [] : DeclarationFields.Write(source.Figures);
        ReceivedOn = FrenchDates.Write(DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime));
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string id)
    {
        await LoadAsync(id);
        Values = DeclarationFields.All.ToDictionary(f => f.Name, f => (string?)Request.Form["f_" + f.Name].ToString());
        var figures = DeclarationFields.Read(Values, Structure.Details.Kind, Errors);
        var receivedOn = FrenchDates.ParseProto(ReceivedOn);
        if (receivedOn is null) Errors["recue_le"] = "Saisissez une date valide (jj/mm/aaaa).";
        if (Corrected is not null && string.IsNullOrWhiteSpace(Reason)) Errors["motif"] = "Une correction doit donner son motif.";
        if (Errors.Count > 0) return Page();

        if (DeclarationFields.BillingRate(figures) is { } rate && (rate < MinBillingRate || rate > MaxBillingRate) && !Confirmed)
        {
            BillingRateToConfirm = rate;
            return Page();
        }

        try
        {
            if (Corrected is { } previous)
            {
                await clients.Declarations.CorrectDeclarationAsync(new CorrectDeclarationRequest
                {
                    StructureId = id, Year = Year, Version = Version, Figures = figures, Reason = Reason.Trim(),
                    ExpectedRevision = previous.Revision, ReceivedOn = receivedOn,
                });
                TempData["message"] = $"Correction de la déclaration {Ctg.Presentation.Formatting.Labels.Version(Version)} {Year} enregistrée (révision {previous.Revision + 1}).";
            }
            else
            {
                await clients.Declarations.SubmitDeclarationAsync(new SubmitDeclarationRequest
                {
                    StructureId = id, Year = Year, Version = Version, Figures = figures, ReceivedOn = receivedOn,
                });
                TempData["message"] = $"Déclaration {Ctg.Presentation.Formatting.Labels.Version(Version)} {Year} enregistrée.";
            }
        }
        catch (RpcException e) when (e.StatusCode is Grpc.Core.StatusCode.InvalidArgument or Grpc.Core.StatusCode.FailedPrecondition
                                         or Grpc.Core.StatusCode.AlreadyExists or Grpc.Core.StatusCode.Aborted or Grpc.Core.StatusCode.OutOfRange)
        {
            ShowRefusal(e);
            return Page();
        }
        return Redirect($"/structures/{Uri.EscapeDataString(id)}?annee={Year}");
    }

    private void ShowRefusal(RpcException e)
    {
        foreach (var violation in ServiceErrors.FieldViolations(e))
        {
            var text = ViolationText.French(violation.Description);
            // A field may break several rules ("negative", then "required > 0"): the first one says the most.
            if (DeclarationFields.ByProtoField(violation.Field) is { } field) Errors.TryAdd(field.Name, text);
            else if (violation.Field == "received_on") Errors.TryAdd("recue_le", text);
            else if (violation.Field == "reason") Errors.TryAdd("motif", text);
            else GeneralErrors.Add($"{FieldLabel(violation.Field)} : {text}");
        }
        if (Errors.Count == 0 && GeneralErrors.Count == 0)
        {
            var error = ServiceErrors.Describe(e);
            GeneralErrors.Add(error.Message + (error.ServiceMessage is null ? "" : $" (motif : {error.ServiceMessage})"));
        }
    }

    private static string FieldLabel(string protoField) => protoField switch
    {
        "year" => "Année",
        "version" => "Version",
        "expected_revision" => "Révision corrigée",
        _ => $"Champ « {protoField} »",
    };

    private async Task LoadAsync(string id)
    {
        if (Year is < 2000 or > 2100) Year = time.GetUtcNow().Year;
        Structure = await clients.Structures.GetStructureAsync(new GetStructureRequest { StructureId = id });
        Existing = (await clients.Declarations.ListDeclarationsAsync(new ListDeclarationsRequest { StructureId = id, Year = Year })).Declarations;
    }
}
