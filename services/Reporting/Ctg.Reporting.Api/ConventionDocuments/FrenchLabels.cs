using System.Globalization;

namespace Ctg.Reporting.ConventionDocuments;

/// <summary>What a COPIL member reads: statuses, review kinds and figures in French, formatted for France.
/// An absent figure is "non renseigné", never 0.</summary>
public static class FrenchLabels
{
    public const string NotGiven = "non renseigné";

    private static readonly CultureInfo French = CultureInfo.GetCultureInfo("fr-FR");

    public static string Status(string? status) => status switch
    {
        "NotStarted" => "non commencée",
        "InProgress" => "en cours",
        "Done" => "réalisée",
        "Delayed" => "en retard",
        "Abandoned" => "abandonnée",
        _ => NotGiven,
    };

    public static string Review(string? kind) => kind switch
    {
        "MidTerm" => "Bilan intermédiaire",
        "Final" => "Bilan final",
        "AnnualCheckpoint" => "Point d'étape annuel",
        _ => "Bilan",
    };

    /// <summary>12.5 → "12,5"; 1234 → "1 234" (narrow no-break space, as French typography writes it).</summary>
    public static string Number(double? value) => value is { } v ? v.ToString("#,##0.##", French) : NotGiven;

    /// <summary>ISO "2025-03-01" → "01/03/2025"; absent → "non renseigné".</summary>
    public static string Date(string? iso) =>
        GovernanceCalendarBuilder.Day(iso) is { } day ? day.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture) : NotGiven;

    public static string Text(string? value) => string.IsNullOrWhiteSpace(value) ? NotGiven : value;
}
