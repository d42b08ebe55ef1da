using Ctg.Funding.Engine.Explanations;

namespace Ctg.Presentation.Explanations;

/// <summary>
/// The funding service explains its amounts in English (an API speaks English); a finance officer reads
/// them in French. This catalogue gives the French of every DECISION, rounding, input name and the words
/// of the formulas, keyed by what the engine sends, and leaves anything it does not know as sent.
/// </summary>
public static class FrenchExplanationText
{
    private static readonly Dictionary<string, string> DecisionTexts = new(StringComparer.Ordinal)
    {
        [Decisions.PsuPrhDenominator] = "Prix de revient horaire PRH = C / HF : le dénominateur est le nombre d'heures facturées (règles de calcul, §1).",
        [Decisions.PsuRgFinalFactor] = "La part du régime général rg multiplie toute la PSU, en dernier facteur (règles de calcul, §1).",
        [Decisions.Psu2025Linear] = "À partir de 2025, le prix plafond est linéaire entre PPmax pour t ≤ 1,07 et PPmin pour t ≥ 1,20 (formule exacte de la CNAF non publiée ; règles de calcul, §1).",
        [Decisions.PsuHandicapZeroShare] = "Décision du moteur : une structure sans enfant inscrit bénéficiaire de l'AEEH ne reçoit pas de bonus inclusion handicap ; le barème n'est nécessaire que si la part est positive.",
        [Decisions.PsuHandicapStepScale] = "Décision du moteur : le barème du bonus inclusion handicap se lit par paliers (montant du plus haut seuil atteint), plafonné par psu.bonus_handicap.plafond.",
        [Decisions.AlshJeunesSameFormula] = "Décision du moteur : la PS Jeunes suit la formule et le taux de la PS ALSH (règles de calcul, §2) avec son propre prix plafond (alsh.prix_plafond.jeunes).",
        [Decisions.BtGroupReferenceYearCollectivity] = "Le groupe du bonus territoire est la collectivité qui soutenait la structure l'année de référence (règles de calcul, §4.1).",
        [Decisions.BtNewHoursAtUnitRate] = "Les heures nouvelles éligibles des ALSH et des accueils de jeunes sont payées au taux unitaire r du groupe (règles de calcul, §4.4).",
        [Decisions.BtRpeLaepNewUnitsAtUnitRate] = "Les unités nouvelles des RPE et des LAEP sont payées au taux unitaire r du groupe (règles de calcul, §4.4).",
        [Decisions.BtJeunesUsesAlshCap] = "Décision du moteur : les groupes d'accueils de jeunes utilisent le plafond d'heures nouvelles des ALSH (bt.alsh.cap_heures_nouvelles), appliqué à chaque groupe séparément.",
        [Decisions.BtEmptyGroupRate] = "Décision du moteur : un groupe sans référence (E = 0 et U = 0) a un taux unitaire brut de 0 avant revalorisation et plancher.",
        [Decisions.BtIneligibleExcluded] = "Décision du moteur : une structure non éligible (type, soutien par un signataire compétent d'une CTG signée, ouverture dans l'année) est écartée de son groupe : sa référence ne compte ni dans E ni dans U, et le rapport la cite.",
        [Decisions.BtStratumFloors] = "Un plancher ou une revalorisation fixé pour la strate de richesse du territoire du groupe remplace celui du type pour ce groupe (règles de calcul, §4.2).",
        [Decisions.BtStratumOfGroup] = "Décision du moteur : le territoire d'un groupe est d'une strate quand toutes les communes de ses structures sont de cette strate ; sinon le plancher et la revalorisation du type s'appliquent (règles de calcul, §4.2).",
        [Decisions.BtRevaluationDefaultOne] = "Le coefficient de revalorisation cumulé vaut 1 quand le paramètre n'a pas de valeur pour l'année ; sans plancher publié, il n'y a pas de plancher (règles de calcul, §4.2).",
        [Decisions.TrajectoireStepFunction] = "Le bonus trajectoire est une fonction en escalier de la croissance des places d'EAJE cofinancées (règles de calcul, §4).",
        [Decisions.PaymentsAdvanceRounding] = "Décision du moteur : chaque acompte est le droit prévisionnel multiplié par son taux, arrondi au centime le plus proche (demi-centime arrondi en s'éloignant de zéro).",
    };

    private static readonly Dictionary<string, string> RoundingTexts = new(StringComparer.Ordinal)
    {
        [Rounding.ToCentHalfAwayFromZero] = "au centime le plus proche (demi-centime arrondi en s'éloignant de zéro)",
        [Rounding.LargestRemainderInGroup] = "parts de base du groupe : somme exacte arrondie au centime, chaque part tronquée au centime, centimes restants attribués aux plus grands restes (à égalité, le plus petit identifiant de structure)",
        [Rounding.None] = "aucun",
    };

    // What a person reads for each figure the engine (and funding's allocation) names: the French words, and
    // the formula's symbol in brackets where the formula line uses it, so the two can be read together.
    private static readonly Dictionary<string, string> InputNames = new(StringComparer.Ordinal)
    {
        // PSU and its bonuses
        ["HF"] = "heures facturées (HF)",
        ["HR"] = "heures réalisées (HR)",
        ["C"] = "charges de fonctionnement (C)",
        ["PRH"] = "prix de revient horaire (PRH)",
        ["PP"] = "prix plafond horaire (PP)",
        ["min(PRH, PP) × HF"] = "dépense retenue : heures facturées au plus petit du prix de revient et du prix plafond",
        ["PF"] = "participations familiales (PF)",
        ["rg"] = "part du régime général (rg)",
        ["t"] = "taux de facturation (t = HF / HR)",
        ["band"] = "bande de prix plafond",
        ["cr"] = "couches et repas fournis par la structure",
        ["position on the line"] = "position entre les deux bornes du prix plafond",
        ["PF / HF"] = "participation familiale moyenne par heure facturée (PF / HF)",
        ["P"] = "places agréées (P)",
        ["AEEH children"] = "enfants inscrits bénéficiaires de l'AEEH",
        ["enrolled children"] = "enfants inscrits",
        ["share"] = "part des enfants inscrits bénéficiaires de l'AEEH",
        ["barème amount"] = "montant du barème",
        // The prestations de service of ALSH, accueils de jeunes, RPE and LAEP
        ["ETP"] = "postes en équivalent temps plein (ETP)",
        ["H"] = "heures d'ouverture (H)",
        ["C / HR"] = "charges par heure réalisée (C / HR)",
        ["C / ETP"] = "charges par poste en équivalent temps plein (C / ETP)",
        ["C / H"] = "charges par heure d'ouverture (C / H)",
        ["min(C / Q, PP) × Q"] = "dépense retenue : activité au plus petit du coût unitaire et du prix plafond",
        ["AEEH hours"] = "heures d'accueil d'enfants bénéficiaires de l'AEEH",
        ["new Wednesday hours"] = "heures nouvelles du mercredi",
        // Bonus territoire
        ["E"] = "enveloppe du groupe, somme des références CEJ (E)",
        ["U"] = "unités de référence du groupe (U)",
        ["E / U"] = "montant de référence par unité (E / U)",
        ["revaluation"] = "revalorisation",
        ["floor"] = "plancher",
        ["floor binding"] = "plancher atteint",
        ["wealth stratum"] = "strate de richesse",
        ["u"] = "unités réalisées dans l'année (u)",
        ["ref_units"] = "unités de l'année de référence (u réf)",
        ["existing"] = "unités existantes",
        ["ref_amount"] = "montant de la référence CEJ",
        ["cej_reference"] = "référence CEJ",
        ["new hours"] = "heures nouvelles",
        ["eligible new hours"] = "heures nouvelles éligibles",
        ["group new hours"] = "heures nouvelles du groupe",
        ["cap × U"] = "plafond d'heures nouvelles du groupe (plafond × U)",
        ["new units"] = "unités nouvelles",
        ["new places"] = "places nouvelles",
        ["amount per place"] = "montant par place",
        // Bonus trajectoire
        ["base places"] = "places de l'année de base",
        ["places"] = "places",
        ["eligible places"] = "places éligibles",
        ["growth"] = "croissance des places",
        // Payments
        ["prévisionnel entitlement"] = "droit au prévisionnel",
        ["réel entitlement"] = "droit au réel",
        ["advances paid"] = "acomptes versés",
    };

    // Longest phrases first, so that a phrase is never half-translated by a shorter one.
    private static readonly (string English, string French)[] Phrases =
    [
        ("amount = base part + new-activity part; gain or loss = amount − CEJ reference", "montant = part de base + part d'activité nouvelle ; gain ou perte = montant − référence CEJ"),
        ("revaluation = 1 and no floor when their parameters have no value", "revalorisation = 1 et pas de plancher quand leurs paramètres n'ont pas de valeur"),
        ("salary conditions not declared by the manager → no bonus attractivité", "conditions salariales non déclarées par le gestionnaire → pas de bonus attractivité"),
        ("no enrolled child receives AEEH → no bonus inclusion handicap", "aucun enfant inscrit ne bénéficie de l'AEEH → pas de bonus inclusion handicap"),
        ("balance = réel entitlement − advances < 0 → indu (overpayment to recover)", "solde = droit au réel − acomptes < 0 → indu (trop-perçu à récupérer)"),
        ("new part = new places × amount of the territory's wealth stratum", "part nouvelle = places nouvelles × montant de la strate de richesse du territoire"),
        ("new part = new hours × (cap × U) / Σ group new hours × r", "part nouvelle = heures nouvelles × (plafond × U) / Σ heures nouvelles du groupe × r"),
        ("bonus = min(barème(AEEH children / enrolled children), plafond) × P", "bonus = min(barème(enfants AEEH / enfants inscrits), plafond) × P"),
        ("new part = new places × maximum amount (QPV or ZRR)", "part nouvelle = places nouvelles × montant maximal (QPV ou ZRR)"),
        ("new part = new hours × r (group within cap × U)", "part nouvelle = heures nouvelles × r (groupe sous son plafond × U)"),
        ("complément = AEEH hours × montant horaire", "complément = heures d'enfants bénéficiaires de l'AEEH × montant horaire"),
        ("bonification = new Wednesday hours × montant horaire", "bonification = heures nouvelles du mercredi × montant horaire"),
        ("balance = réel entitlement − advances", "solde = droit au réel − acomptes"),
        ("prévisionnel entitlement × taux, paid on", "droit au prévisionnel × taux, versé le"),
        ("growth < seuil_1 → no bonus trajectoire", "croissance < seuil_1 → pas de bonus trajectoire"),
        ("r = max(E / U × revaluation, floor)", "r = max(E / U × revalorisation, plancher)"),
        ("→ no bonus mixité sociale", "→ pas de bonus mixité sociale"),
        ("u ≤ ref_units → no new activity", "u ≤ u réf → pas d'activité nouvelle"),
        ("base = r × min(u, ref_units)", "part de base = r × min(u, u réf)"),
        ("new part = new units × r", "part nouvelle = unités nouvelles × r"),
        ("eligible places", "places éligibles"),
        ("(no activity: ", "(pas d'activité : "),
        ("no activity: ", "pas d'activité : "),
        ("growth ≥", "croissance ≥"),
    ];

    /// <summary>The input names this catalogue glosses, for the test that keeps it complete.</summary>
    public static IReadOnlyCollection<string> GlossedInputNames => InputNames.Keys;

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

    /// <summary>Notes name the group as <c>group {collectivity id} / {kind}</c>: said with the collectivity's name when the
    /// caller knows it (the groups of the run, <see cref="Exports.AllocationGroups.CollectivityNames"/>).</summary>
    public static string Note(string sentText, IReadOnlyDictionary<string, string>? collectivityNames = null)
    {
        if (!sentText.StartsWith("group ", StringComparison.Ordinal))
        {
            return Formula(sentText);
        }

        // "group ctg-…-cc-jura-nord / Alsh": the kind is the engine's enum name, read as the person names it.
        var group = sentText["group ".Length..];
        var slash = group.LastIndexOf(" / ", StringComparison.Ordinal);
        if (slash < 0 || !Enum.TryParse<Ctg.Funding.V1.BonusTerritoireKind>(group[(slash + 3)..], ignoreCase: true, out var kind))
        {
            return "groupe " + group;
        }

        var id = group[..slash];
        var collectivity = collectivityNames?.GetValueOrDefault(id) is { Length: > 0 } name ? name : $"de la collectivité {id}";
        return $"groupe {collectivity}, type {Formatting.Labels.Kind(kind)}";
    }

    /// <summary>
    /// A rule's result as read: an exact figure the rule then rounds (a base share before the group's largest-remainder
    /// rounding) is said to be before rounding, so that "27 546,5726212683 €" is never taken for an amount paid.
    /// </summary>
    public static string Result(Ctg.Funding.V1.Explanation explanation)
    {
        var text = Formatting.Labels.Quantity(explanation.ExactResult, explanation.ResultUnit);
        var rounded = !string.IsNullOrEmpty(explanation.Rounding) && explanation.Rounding != Rounding.None;
        var moreThanCents = decimal.TryParse(explanation.ExactResult, System.Globalization.NumberStyles.Number, System.Globalization.CultureInfo.InvariantCulture, out var value)
            && value != decimal.Round(value, 2);
        return rounded && moreThanCents ? text + " avant arrondi" : text;
    }

    /// <summary>Rule ids of the funding engine (<see cref="RuleIds"/>) as a person names them; an unknown id is shown as sent.</summary>
    public static string Rule(string ruleId) => ruleId switch
    {
        RuleIds.Psu => "Prestation de service unique (PSU)",
        RuleIds.PsuCeiling => "Prix plafond de la PSU",
        RuleIds.PsuBonusMixite => "Bonus mixité sociale",
        RuleIds.PsuBonusHandicap => "Bonus inclusion handicap",
        RuleIds.PsuBonusAttractivite => "Bonus attractivité",
        RuleIds.PsAlshPeriscolaire => "Prestation de service ALSH périscolaire",
        RuleIds.PsAlshExtrascolaire => "Prestation de service ALSH extrascolaire",
        RuleIds.PsJeunes => "Prestation de service accueil de jeunes",
        RuleIds.AlshComplementInclusif => "Complément inclusif ALSH",
        RuleIds.AlshPlanMercredi => "Bonification Plan mercredi",
        RuleIds.PsRpe => "Prestation de service RPE",
        RuleIds.RpeMissionsRenforcees => "Missions renforcées du RPE",
        RuleIds.PsLaep => "Prestation de service LAEP",
        BonusTerritoireRule => "Bonus territoire CTG",
        RuleIds.BtBase => "Bonus territoire : part de base",
        RuleIds.BtNewActivity => "Bonus territoire : part d'activité nouvelle",
        RuleIds.BtUnitRate => "Bonus territoire : taux unitaire du groupe",
        RuleIds.BonusTrajectoire => "Bonus trajectoire",
        RuleIds.PaymentAdvance => "Acompte",
        RuleIds.PaymentBalance => "Solde",
        _ => ruleId,
    };

    /// <summary>The rule of a structure's whole share, which funding's allocation (not the engine) names.</summary>
    private const string BonusTerritoireRule = "BONUS_TERRITOIRE";

    /// <summary>The decision ids this catalogue translates, for the test that keeps it complete.</summary>
    public static IReadOnlyCollection<string> TranslatedDecisionIds => DecisionTexts.Keys;
}
