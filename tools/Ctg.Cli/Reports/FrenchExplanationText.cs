using Ctg.Funding.Engine.Explanations;

namespace Ctg.Cli.Reports;

/// <summary>
/// The funding service explains its amounts in English (an API speaks English); a finance officer reads
/// them in French. This catalogue gives the French of every DECISION, rounding, input name and the words
/// of the formulas, keyed by what the engine sends, and leaves anything it does not know as sent.
/// </summary>
public static class FrenchExplanationText
{
    private static readonly Dictionary<string, string> DecisionTexts = new(StringComparer.Ordinal)
    {
        [Decisions.PsuPrhDenominator] = "Prix de revient horaire PRH = C / HF : le dénominateur est le nombre d'heures facturées (RULES.md §1).",
        [Decisions.PsuRgFinalFactor] = "La part du régime général rg multiplie toute la PSU, en dernier facteur (RULES.md §1).",
        [Decisions.Psu2025Linear] = "À partir de 2025, le prix plafond est linéaire entre PPmax pour t ≤ 1,07 et PPmin pour t ≥ 1,20 (formule exacte de la CNAF non publiée ; RULES.md §1).",
        [Decisions.PsuHandicapZeroShare] = "Décision du moteur : une structure sans enfant inscrit bénéficiaire de l'AEEH ne reçoit pas de bonus inclusion handicap ; le barème n'est nécessaire que si la part est positive.",
        [Decisions.PsuHandicapStepScale] = "Décision du moteur : le barème du bonus inclusion handicap se lit par paliers (montant du plus haut seuil atteint), plafonné par psu.bonus_handicap.plafond.",
        [Decisions.AlshJeunesSameFormula] = "Décision du moteur : la PS Jeunes suit la formule et le taux de la PS ALSH (RULES.md §2) avec son propre prix plafond (alsh.prix_plafond.jeunes).",
        [Decisions.BtGroupReferenceYearCollectivity] = "Le groupe du bonus territoire est la collectivité qui soutenait la structure l'année de référence (RULES.md §4.1).",
        [Decisions.BtNewHoursAtUnitRate] = "Les heures nouvelles éligibles des ALSH et des accueils de jeunes sont payées au taux unitaire r du groupe (RULES.md §4.4).",
        [Decisions.BtRpeLaepNewUnitsAtUnitRate] = "Les unités nouvelles des RPE et des LAEP sont payées au taux unitaire r du groupe (RULES.md §4.4).",
        [Decisions.BtJeunesUsesAlshCap] = "Décision du moteur : les groupes d'accueils de jeunes utilisent le plafond d'heures nouvelles des ALSH (bt.alsh.cap_heures_nouvelles), appliqué à chaque groupe séparément.",
        [Decisions.BtEmptyGroupRate] = "Décision du moteur : un groupe sans référence (E = 0 et U = 0) a un taux unitaire brut de 0 avant revalorisation et plancher.",
        [Decisions.BtIneligibleExcluded] = "Décision du moteur : une structure non éligible (type, soutien par un signataire compétent d'une CTG signée, ouverture dans l'année) est écartée de son groupe : sa référence ne compte ni dans E ni dans U, et le rapport la cite.",
        [Decisions.BtStratumFloors] = "Un plancher ou une revalorisation fixé pour la strate de richesse du territoire du groupe remplace celui du type pour ce groupe (RULES.md §4.2).",
        [Decisions.BtStratumOfGroup] = "Décision du moteur : le territoire d'un groupe est d'une strate quand toutes les communes de ses structures sont de cette strate ; sinon le plancher et la revalorisation du type s'appliquent (RULES.md §4.2).",
        [Decisions.BtRevaluationDefaultOne] = "Le coefficient de revalorisation cumulé vaut 1 quand le paramètre n'a pas de valeur pour l'année ; sans plancher publié, il n'y a pas de plancher (RULES.md §4.2).",
        [Decisions.TrajectoireStepFunction] = "Le bonus trajectoire est une fonction en escalier de la croissance des places d'EAJE cofinancées (RULES.md §4).",
        [Decisions.PaymentsAdvanceRounding] = "Décision du moteur : chaque acompte est le droit prévisionnel multiplié par son taux, arrondi au centime le plus proche (demi-centime arrondi en s'éloignant de zéro).",
    };

    private static readonly Dictionary<string, string> RoundingTexts = new(StringComparer.Ordinal)
    {
        [Rounding.ToCentHalfAwayFromZero] = "au centime le plus proche (demi-centime arrondi en s'éloignant de zéro)",
        [Rounding.LargestRemainderInGroup] = "parts de base du groupe : somme exacte arrondie au centime, chaque part tronquée au centime, centimes restants attribués aux plus grands restes (à égalité, le plus petit identifiant de structure)",
        [Rounding.None] = "aucun",
    };

    private static readonly Dictionary<string, string> InputNames = new(StringComparer.Ordinal)
    {
        ["floor"] = "plancher",
        ["floor binding"] = "plancher atteint",
        ["wealth stratum"] = "strate de richesse",
        ["revaluation"] = "revalorisation",
        ["existing"] = "existant",
        ["new hours"] = "heures nouvelles",
        ["eligible new hours"] = "heures nouvelles éligibles",
        ["group new hours"] = "heures nouvelles du groupe",
        ["new Wednesday hours"] = "heures nouvelles du mercredi",
        ["advances paid"] = "acomptes versés",
        ["amount per place"] = "montant par place",
        ["base places"] = "places de base",
        ["eligible places"] = "places éligibles",
        ["growth"] = "croissance",
        ["barème amount"] = "montant du barème",
    };

    // Longest phrases first, so that a phrase is never half-translated by a shorter one.
    private static readonly (string English, string French)[] Phrases =
    [
        ("amount = base part + new-activity part; gain or loss = amount − CEJ reference", "montant = part de base + part d'activité nouvelle ; gain ou perte = montant − référence CEJ"),
        ("revaluation = 1 and no floor when their parameters have no value", "revalorisation = 1 et pas de plancher quand leurs paramètres n'ont pas de valeur"),
        ("balance = réel entitlement − advances < 0 → indu (overpayment to recover)", "solde = droit au réel − acomptes < 0 → indu (trop-perçu à récupérer)"),
        ("balance = réel entitlement − advances", "solde = droit au réel − acomptes"),
        ("new part = new hours × (cap × U) / Σ group new hours × r", "part nouvelle = heures nouvelles × (plafond × U) / Σ heures nouvelles du groupe × r"),
        ("bonification = new Wednesday hours × montant horaire", "bonification = heures nouvelles du mercredi × montant horaire"),
        ("prévisionnel entitlement × taux, paid on", "droit prévisionnel × taux, versé le"),
        ("growth < seuil_1 → no bonus trajectoire", "croissance < seuil_1 → pas de bonus trajectoire"),
        ("r = max(E / U × revaluation, floor)", "r = max(E / U × revalorisation, plancher)"),
        ("u ≤ ref_units → no new activity", "u ≤ ref_units → pas d'activité nouvelle"),
        ("new part = new units × r", "part nouvelle = unités nouvelles × r"),
        ("eligible places", "places éligibles"),
        ("(no activity: ", "(pas d'activité : "),
        ("growth ≥", "croissance ≥"),
    ];

    public static string Decision(string id, string sentText) => DecisionTexts.GetValueOrDefault(id, sentText);

    public static string RoundingText(string sentText) => RoundingTexts.GetValueOrDefault(sentText, sentText);

    public static string InputName(string sentName) => InputNames.GetValueOrDefault(sentName, sentName);

    public static string Formula(string sentText)
    {
        var text = sentText;
        foreach (var (english, french) in Phrases)
        {
            text = text.Replace(english, french, StringComparison.Ordinal);
        }

        return text;
    }

    /// <summary>Notes name the group as <c>group {collectivity} / {kind}</c>.</summary>
    public static string Note(string sentText) =>
        sentText.StartsWith("group ", StringComparison.Ordinal) ? "groupe " + sentText["group ".Length..] : Formula(sentText);

    /// <summary>The decision ids this catalogue translates, for the test that keeps it complete.</summary>
    public static IReadOnlyCollection<string> TranslatedDecisionIds => DecisionTexts.Keys;
}
