namespace Ctg.Presentation.Explanations;

/// <summary>
/// A parameter of the barème as a person reads it: "psu.prix_plafond.bande_1.avec_fournitures" →
/// "PSU, prix plafond, bande 1, avec couches et repas". Keys are built from a small vocabulary (service line,
/// what, which), so the words of that vocabulary are translated one by one; a word not in it is shown with
/// spaces for underscores rather than dropped.
/// </summary>
public static class ParameterNames
{
    private static readonly Dictionary<string, string> Words = new(StringComparer.Ordinal)
    {
        ["psu"] = "PSU",
        ["alsh"] = "ALSH",
        ["rpe"] = "RPE",
        ["laep"] = "LAEP",
        ["eaje"] = "EAJE",
        ["ctre"] = "CTRE",
        ["bt"] = "bonus territoire",
        ["bonus_trajectoire"] = "bonus trajectoire",
        ["paiement"] = "paiement",
        ["taux"] = "taux",
        ["prix_plafond"] = "prix plafond",
        ["ps_horaire_maximum"] = "prestation horaire maximale",
        ["taux_facturation"] = "taux de facturation",
        ["borne_basse"] = "borne basse",
        ["borne_haute_bandes"] = "borne haute des bandes",
        ["borne_haute_lineaire"] = "borne haute du prix linéaire",
        ["lineaire"] = "prix linéaire",
        ["revalorisation"] = "revalorisation",
        ["bonus_mixite"] = "bonus mixité sociale",
        ["bonus_handicap"] = "bonus inclusion handicap",
        ["bonus_attractivite"] = "bonus attractivité",
        ["bareme"] = "barème",
        ["plafond"] = "plafond",
        ["plancher"] = "plancher",
        ["prive_associatif"] = "gestionnaire privé ou associatif",
        ["public"] = "gestionnaire public",
        ["periscolaire"] = "périscolaire",
        ["extrascolaire"] = "extrascolaire",
        ["jeunes"] = "accueil de jeunes",
        ["complement_inclusif"] = "complément inclusif",
        ["plan_mercredi"] = "plan mercredi",
        ["missions_renforcees"] = "missions renforcées",
        ["cap_heures_nouvelles"] = "plafond d'heures nouvelles",
        ["nouvelles_places"] = "places nouvelles",
        ["strates"] = "strates de richesse",
        ["maximum"] = "maximum",
        ["minimum"] = "minimum",
        ["avec_fournitures"] = "avec couches et repas",
        ["sans_fournitures"] = "sans couches et repas",
        ["date"] = "date",
    };

    public static string Name(string key)
    {
        if (string.IsNullOrWhiteSpace(key))
        {
            return key;
        }

        return string.Join(", ", key.Split('.', StringSplitOptions.RemoveEmptyEntries).Select(Word));
    }

    /// <summary>"bande_1" → "bande 1", "seuil_2" → "seuil 2"; a known word in French; otherwise spaces for underscores.</summary>
    private static string Word(string part)
    {
        if (Words.TryGetValue(part, out var french))
        {
            return french;
        }

        var underscore = part.LastIndexOf('_');
        if (underscore > 0 && int.TryParse(part.AsSpan(underscore + 1), out var number))
        {
            return Word(part[..underscore]) + " " + number.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return part.Replace('_', ' ');
    }
}
