using System.Text.RegularExpressions;

namespace Ctg.Signatories.Shared;

/// <summary>Formats of the French administrative codes the service accepts.</summary>
public static partial class FrenchCodes
{
    // Metropolitan départements 01-95 (20 was split into 2A and 2B in 1976), then overseas 971-976.
    [GeneratedRegex("^(0[1-9]|1[0-9]|[3-8][0-9]|9[0-5]|2[1-9]|2A|2B)$")]
    private static partial Regex MetropolitanDepartement();

    [GeneratedRegex("^97[1-6]$")]
    private static partial Regex OverseasDepartement();

    // INSEE commune code: département (2 digits, 2A/2B) + 3 digits; overseas: 97x + 2 digits.
    [GeneratedRegex("^(0[1-9]|1[0-9]|[3-8][0-9]|9[0-5]|2[1-9]|2A|2B)[0-9]{3}$")]
    private static partial Regex MetropolitanCommune();

    [GeneratedRegex("^97[1-6][0-9]{2}$")]
    private static partial Regex OverseasCommune();

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$")]
    private static partial Regex ClientId();

    public static bool IsDepartement(string code) => MetropolitanDepartement().IsMatch(code) || OverseasDepartement().IsMatch(code);

    public static bool IsInseeCommuneCode(string code) => MetropolitanCommune().IsMatch(code) || OverseasCommune().IsMatch(code);

    /// <summary>Client-supplied ids: natural keys such as <c>ctg-39-jura-nord-2019</c>.</summary>
    public static bool IsValidId(string id) => ClientId().IsMatch(id);

    public static string NewId(string prefix) => prefix + "-" + Guid.NewGuid().ToString("N")[..12];
}
