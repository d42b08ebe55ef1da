namespace Ctg.Funding.Engine.Parameters;

/// <summary>The parameter keys the rules read (file path below services/Funding/parameters, '/' → '.').</summary>
public static class ParameterKeys
{
    public const string PsuTaux = "psu.taux";
    public const string PsuBorneBasse = "psu.taux_facturation.borne_basse";
    public const string PsuBorneHauteBandes = "psu.taux_facturation.borne_haute_bandes";
    public const string PsuBorneHauteLineaire = "psu.taux_facturation.borne_haute_lineaire";
    public static string PsuPlafondBande(int band, bool supplies) => BandKeys[band - 1, supplies ? 0 : 1];
    public static string PsuPlafondLineaireMax(bool supplies) => supplies ? "psu.prix_plafond.lineaire.maximum.avec_fournitures" : "psu.prix_plafond.lineaire.maximum.sans_fournitures";
    public static string PsuPlafondLineaireMin(bool supplies) => supplies ? "psu.prix_plafond.lineaire.minimum.avec_fournitures" : "psu.prix_plafond.lineaire.minimum.sans_fournitures";
    public const string PsuRevalorisation = "psu.revalorisation";

    private static readonly string[,] BandKeys =
    {
        { "psu.prix_plafond.bande_1.avec_fournitures", "psu.prix_plafond.bande_1.sans_fournitures" },
        { "psu.prix_plafond.bande_2.avec_fournitures", "psu.prix_plafond.bande_2.sans_fournitures" },
        { "psu.prix_plafond.bande_3.avec_fournitures", "psu.prix_plafond.bande_3.sans_fournitures" },
    };

    public static readonly string[] MixiteSeuils = ["psu.bonus_mixite.seuil_1", "psu.bonus_mixite.seuil_2", "psu.bonus_mixite.seuil_3"];
    public static readonly string[] MixiteMontants = ["psu.bonus_mixite.montant_1", "psu.bonus_mixite.montant_2", "psu.bonus_mixite.montant_3"];
    public const string HandicapPlafond = "psu.bonus_handicap.plafond";
    public const string HandicapBareme = "psu.bonus_handicap.bareme";
    public const string AttractivitePrive = "psu.bonus_attractivite.prive_associatif";
    public const string AttractivitePublic = "psu.bonus_attractivite.public";

    public const string AlshTaux = "alsh.taux";
    public const string AlshPlafondPeriscolaire = "alsh.prix_plafond.periscolaire";
    public const string AlshPlafondExtrascolaire = "alsh.prix_plafond.extrascolaire";
    public const string AlshPlafondJeunes = "alsh.prix_plafond.jeunes";
    public const string AlshComplementInclusif = "alsh.complement_inclusif";
    public const string AlshPlanMercredi = "alsh.plan_mercredi";

    public const string RpeTaux = "rpe.taux";
    public const string RpePlafond = "rpe.prix_plafond";
    public const string RpeMissionsRenforcees = "rpe.missions_renforcees";
    public const string LaepTaux = "laep.taux";
    public const string LaepPlafond = "laep.prix_plafond";

    public const string BtCapHeuresNouvelles = "bt.alsh.cap_heures_nouvelles";
    public const string BtNouvellesPlacesMaximum = "bt.eaje.nouvelles_places.maximum";
    public const string BtNouvellesPlacesMinimum = "bt.eaje.nouvelles_places.minimum";
    public const string BtNouvellesPlacesStrates = "bt.eaje.nouvelles_places.strates";
    public static string BtPlancher(BonusTerritoire.BonusTerritoireKind kind) => "bt.plancher." + KindSuffix(kind);
    public static string BtRevalorisation(BonusTerritoire.BonusTerritoireKind kind) => "bt.revalorisation." + KindSuffix(kind);
    /// <summary>Per wealth stratum (scale: threshold = stratum number), replaces <see cref="BtPlancher"/> for a group of that stratum.</summary>
    public static string BtPlancherStrates(BonusTerritoire.BonusTerritoireKind kind) => "bt.strates.plancher." + KindSuffix(kind);
    /// <summary>Per wealth stratum (scale: threshold = stratum number), replaces <see cref="BtRevalorisation"/> for a group of that stratum.</summary>
    public static string BtRevalorisationStrates(BonusTerritoire.BonusTerritoireKind kind) => "bt.strates.revalorisation." + KindSuffix(kind);

    public static readonly string[] TrajectoireSeuils = ["bonus_trajectoire.seuil_1", "bonus_trajectoire.seuil_2", "bonus_trajectoire.seuil_3"];
    public static readonly string[] TrajectoireMontants = ["bonus_trajectoire.montant_1", "bonus_trajectoire.montant_2", "bonus_trajectoire.montant_3"];

    public const string Acompte1Taux = "paiement.acompte_1.taux";
    public const string Acompte1Date = "paiement.acompte_1.date";
    public const string Acompte2Taux = "paiement.acompte_2.taux";
    public const string Acompte2Date = "paiement.acompte_2.date";

    private static string KindSuffix(BonusTerritoire.BonusTerritoireKind kind) => kind switch
    {
        BonusTerritoire.BonusTerritoireKind.Eaje => "eaje",
        BonusTerritoire.BonusTerritoireKind.Alsh => "alsh",
        BonusTerritoire.BonusTerritoireKind.Jeunes => "jeunes",
        BonusTerritoire.BonusTerritoireKind.Rpe => "rpe",
        BonusTerritoire.BonusTerritoireKind.Laep => "laep",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "not an eligible bonus territoire kind"),
    };
}
