namespace Ctg.Funding.Engine.BonusTerritoire;

/// <summary>Activity units of the bonus territoire per kind (RULES.md §4), for callers building inputs.</summary>
public static class BonusTerritoireUnits
{
    /// <summary>EAJE: agreed places × months open / 12.</summary>
    public static decimal EajePlaces(decimal agreedPlaces, int monthsOpen)
    {
        if (monthsOpen is < 0 or > 12) throw new ArgumentOutOfRangeException(nameof(monthsOpen), monthsOpen, "months open must be between 0 and 12");
        return agreedPlaces * monthsOpen / 12m;
    }

    /// <summary>ALSH: périscolaire and extrascolaire hours attended of one site together.</summary>
    public static decimal AlshHours(decimal periscolaireHours, decimal extrascolaireHours) => periscolaireHours + extrascolaireHours;
}
