using System.Text.RegularExpressions;

namespace Ctg.Web.Declarations;

/// <summary>The structures service's field violations (English API text) said in French on the field.</summary>
public static partial class ViolationText
{
    public static string French(string description)
    {
        var d = description.Trim();
        if (d.StartsWith("must not be negative", StringComparison.OrdinalIgnoreCase)) return "La valeur ne peut pas être négative.";
        if (d.StartsWith("is a share", StringComparison.OrdinalIgnoreCase)) return "C'est une part : saisissez une valeur entre 0 et 1 (par exemple 0,98).";
        if (d.StartsWith("is required for a", StringComparison.OrdinalIgnoreCase)) return "Ce champ est obligatoire pour ce type de structure.";
        if (d.StartsWith("is required", StringComparison.OrdinalIgnoreCase)) return "Ce champ est obligatoire.";
        if (d.StartsWith("is in the future", StringComparison.OrdinalIgnoreCase)) return "La date de réception ne peut pas être dans le futur.";
        if (d.Contains("is not a decimal number", StringComparison.OrdinalIgnoreCase)) return "Saisissez un nombre (par exemple 1 234,5).";
        if (Between().Match(d) is { Success: true } m) return $"La valeur doit être comprise entre {m.Groups[1].Value} et {m.Groups[2].Value}.";
        return $"Valeur refusée par le service des structures (motif : {d}).";
    }

    [GeneratedRegex(@"must be between (\S+) and (\S+?)\.?$", RegexOptions.IgnoreCase)]
    private static partial Regex Between();
}
