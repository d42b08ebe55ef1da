using Ctg.Presentation.Formatting;
using Ctg.Structures.V1;

namespace Ctg.Web.Formatting;

/// <summary>How a structure's facts read on a page.</summary>
public static class StructureText
{
    public static string Capacity(Structure structure)
    {
        var c = structure.Details?.Capacity;
        if (c is null) return "—";
        var parts = new List<string>();
        if (c.HasAgreedPlaces) parts.Add($"{c.AgreedPlaces} place{(c.AgreedPlaces > 1 ? "s" : "")}");
        if (!string.IsNullOrEmpty(c.Etp?.Value)) parts.Add($"{Labels.Decimal(c.Etp.Value)} ETP");
        if (!string.IsNullOrEmpty(c.OpeningHoursPerYear?.Value)) parts.Add($"{Labels.Decimal(c.OpeningHoursPerYear.Value)} h d'ouverture par an");
        return parts.Count == 0 ? "—" : string.Join(", ", parts);
    }

    public static string Commune(Structure structure) =>
        structure.Details?.Address is { } a && a.CommuneName.Length > 0 ? a.CommuneName : "—";
}
