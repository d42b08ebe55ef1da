namespace Ctg.Funding.Engine.Results;

/// <summary>Conversions between exact decimal euros/cents and integer cents, rounding only as the rules say.</summary>
public static class Money
{
    /// <summary>Euros to cents, rounded to the cent half away from zero ("au centime le plus proche").</summary>
    public static long EurosToCents(decimal euros) => (long)Math.Round(euros * 100m, 0, MidpointRounding.AwayFromZero);

    /// <summary>Exact cents to whole cents, half away from zero.</summary>
    public static long RoundCents(decimal cents) => (long)Math.Round(cents, 0, MidpointRounding.AwayFromZero);

    /// <summary>French display: 1 234,56 €.</summary>
    public static string Format(long cents)
        => (cents / 100m).ToString("#,##0.00", French) + " €";

    public static readonly System.Globalization.CultureInfo French = CreateFrench();

    private static System.Globalization.CultureInfo CreateFrench()
    {
        var c = (System.Globalization.CultureInfo)System.Globalization.CultureInfo.GetCultureInfo("fr-FR").Clone();
        // A plain space groups thousands in our reports, whatever the ICU version's narrow no-break space.
        c.NumberFormat.NumberGroupSeparator = " ";
        return c;
    }
}
