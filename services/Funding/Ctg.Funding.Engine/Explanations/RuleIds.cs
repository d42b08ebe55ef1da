namespace Ctg.Funding.Engine.Explanations;

/// <summary>Stable rule identifiers (they appear in explanations, storage and the API).</summary>
public static class RuleIds
{
    public const string Psu = "PSU";
    public const string PsuCeiling = "PSU.PRIX_PLAFOND";
    public const string PsuBonusMixite = "PSU.BONUS_MIXITE_SOCIALE";
    public const string PsuBonusHandicap = "PSU.BONUS_INCLUSION_HANDICAP";
    public const string PsuBonusAttractivite = "PSU.BONUS_ATTRACTIVITE";
    public const string PsAlshPeriscolaire = "PS_ALSH.PERISCOLAIRE";
    public const string PsAlshExtrascolaire = "PS_ALSH.EXTRASCOLAIRE";
    public const string PsJeunes = "PS_JEUNES";
    public const string AlshComplementInclusif = "PS_ALSH.COMPLEMENT_INCLUSIF";
    public const string AlshPlanMercredi = "PS_ALSH.PLAN_MERCREDI";
    public const string PsRpe = "PS_RPE";
    public const string RpeMissionsRenforcees = "PS_RPE.MISSIONS_RENFORCEES";
    public const string PsLaep = "PS_LAEP";
    public const string BtBase = "BONUS_TERRITOIRE.BASE";
    public const string BtNewActivity = "BONUS_TERRITOIRE.NEW_ACTIVITY";
    public const string BtUnitRate = "BONUS_TERRITOIRE.UNIT_RATE";
    public const string BonusTrajectoire = "BONUS_TRAJECTOIRE";
    public const string PaymentAdvance = "PAYMENT.ADVANCE";
    public const string PaymentBalance = "PAYMENT.BALANCE";
}
