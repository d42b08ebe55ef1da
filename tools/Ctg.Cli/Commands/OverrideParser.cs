using System.Globalization;
using Ctg.Cli.Errors;
using Ctg.Funding.V1;

namespace Ctg.Cli.Commands;

/// <summary>Reads --param clé=valeur and --activity structure=unités. A French user types "0,30": the
/// comma is accepted and sent as the contracts' "0.30".</summary>
public static class OverrideParser
{
    public static ParameterOverride Parameter(string text)
    {
        var (key, value) = Split(text, "--param", "psu.taux=0,66");
        return new ParameterOverride { Key = key, Value = Decimal(value, "--param", key) };
    }

    public static ActivityOverride Activity(string text)
    {
        var (structure, units) = Split(text, "--activity", "str-39-jn-multi-accueil-fraisans=32");
        return new ActivityOverride { StructureId = structure, ActivityUnits = Decimal(units, "--activity", structure) };
    }

    private static (string, string) Split(string text, string option, string example)
    {
        var at = text.IndexOf('=');
        if (at <= 0 || at == text.Length - 1)
        {
            throw new CliException(ExitCodes.Usage, $"L'option {option} attend la forme nom=valeur, par exemple {example} ; reçu « {text} ».");
        }
        return (text[..at].Trim(), text[(at + 1)..].Trim());
    }

    private static string Decimal(string value, string option, string name)
    {
        var normalized = value.Replace(" ", "").Replace("\u00A0", "").Replace("\u202F", "").Replace(',', '.');
        if (!decimal.TryParse(normalized, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
        {
            throw new CliException(ExitCodes.Validation, $"La valeur de {option} pour « {name} » n'est pas un nombre : « {value} ».");
        }
        return number.ToString(CultureInfo.InvariantCulture);
    }
}
