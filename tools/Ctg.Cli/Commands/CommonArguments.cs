using System.CommandLine;
using Ctg.Presentation.Formatting;
using Ctg.Structures.V1;

namespace Ctg.Cli.Commands;

/// <summary>Arguments and options several commands share, described once in French.</summary>
public static class CommonArguments
{
    public static Argument<string> Convention() => new("ctg")
    {
        Description = "Identifiant de la convention territoriale globale, par exemple ctg-39-jura-nord-2019",
    };

    public static Argument<int> Year() => new("année")
    {
        Description = "Année de financement, par exemple 2019",
        // System.CommandLine 2.0.0 has no French text for a parse failure: say it ourselves.
        CustomParser = result =>
        {
            var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : "";
            if (int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var year)) return year;
            result.AddError($"L'année doit être un nombre de quatre chiffres, par exemple 2019 ; reçu « {text} ».");
            return 0;
        },
    };

    public static Option<string> Declaration()
    {
        var option = new Option<string>("--declaration")
        {
            Description = "Version des déclarations d'activité utilisée : previsionnel, actualise-juin, actualise-septembre ou reel (par défaut reel)",
        };
        option.AcceptOnlyFromAmong([.. Labels.DeclarationOptionValues.Keys]);
        return option;
    }

    public static DeclarationVersion DeclarationOf(System.CommandLine.ParseResult parse, Option<string> option) =>
        Labels.DeclarationOptionValues[parse.GetValue(option) ?? "reel"];
}
