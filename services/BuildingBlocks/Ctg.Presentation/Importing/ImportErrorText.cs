using System.Text.RegularExpressions;

namespace Ctg.Presentation.Importing;

/// <summary>The structures service explains a refused row in English (an API speaks English); a finance officer
/// reads it in French. The usual messages are said in French, anything else is quoted as sent.</summary>
public static partial class ImportErrorText
{
    public static string French(string message)
    {
        var m = message.Trim();
        if (m.StartsWith("is required", StringComparison.OrdinalIgnoreCase)) return "valeur obligatoire";
        if (m.StartsWith("must not be negative", StringComparison.OrdinalIgnoreCase)) return "la valeur ne peut pas être négative";
        if (m.StartsWith("is out of range", StringComparison.OrdinalIgnoreCase)) return "valeur hors des limites admises";
        if (m.StartsWith("is already registered", StringComparison.OrdinalIgnoreCase)) return "cet identifiant est déjà enregistré";
        if (m.StartsWith("is in the future", StringComparison.OrdinalIgnoreCase)) return "la date est dans le futur";
        if (AlsoOnLine().Match(m) is { Success: true } line) return $"figure déjà ligne {line.Groups[1].Value}";
        if (NotRegistered().Match(m) is { Success: true } structure) return $"« {structure.Groups[1].Value} » n'est pas une structure enregistrée";
        if (Between().Match(m) is { Success: true } range) return $"la valeur doit être comprise entre {range.Groups[1].Value} et {range.Groups[2].Value}";
        if (m.Contains("corrections go through CorrectDeclaration", StringComparison.Ordinal)) return "cette déclaration existe déjà : corrigez-la depuis la page de la structure";
        return $"refusé par le service des structures (motif : {m})";
    }

    [GeneratedRegex(@"is also on line (\d+)\.?$")]
    private static partial Regex AlsoOnLine();

    [GeneratedRegex(@"^'(.+)' is not a registered structure\.?$")]
    private static partial Regex NotRegistered();

    [GeneratedRegex(@"must be between (\S+) and (\S+?)\.?$", RegexOptions.IgnoreCase)]
    private static partial Regex Between();
}
