using System.Globalization;
using System.Text;
using Ctg.DataGen;
using Ctg.Funding.Engine.BonusTerritoire;
using Ctg.Funding.Engine.Rules;

namespace Ctg.FundingBench;

/// <summary>
/// The national synthetic data set in the structures service's import formats (';' CSV): structures,
/// CEJ references and the "réel" declarations of the year. The generator's identifiers are made valid for the
/// services here, one way only, and <see cref="NationalIds"/> applies the same mapping to the in-process run.
/// </summary>
public static class NationalCsv
{
    public const int ReferenceYear = 2024;

    public static byte[] Structures(NationalDataSet data, IReadOnlyDictionary<string, string> collectivityNames)
    {
        var csv = new StringBuilder();
        csv.AppendLine("structure_id;name;kind;caf_dossier_number;caf_equipment_code;street;postal_code;commune_name;commune_insee;manager_name;management_mode;" +
                       "agreed_places;etp;opening_hours_per_year;supplies_nappies;supplies_meals;periscolaire;extrascolaire;opening_date;supporting_collectivity_id;effective_from;source_note");
        var communes = data.Communes.ToDictionary(c => c.InseeCode, StringComparer.Ordinal);
        foreach (var s in data.Structures)
        {
            var collectivity = NationalIds.Collectivity(s.BonusTerritoire.SupportingCollectivityId);
            var (kind, places, etp, hours, nappies, meals, peri, extra) = s.Activity switch
            {
                EajeInput e => ("eaje_psu", I(e.AgreedPlaces), "", "", B(e.SuppliesNappiesAndMeals), B(e.SuppliesNappiesAndMeals), "", ""),
                AlshInput a => ("alsh", "", "", "", "", "", "true", B(a.Extrascolaire is not null)),
                RpeInput r => ("rpe", "", D(r.Etp), "", "", "", "", ""),
                LaepInput l => ("laep", "", "", D(l.OpeningHours), "", "", "", ""),
                _ => throw new InvalidOperationException(s.Activity.GetType().Name),
            };
            csv.Append(NationalIds.Structure(s.Id)).Append(';').Append(s.Id).Append(';').Append(kind).Append(";;;;;")
                .Append(communes[s.CommuneCode].Name).Append(';').Append(NationalIds.Insee(s.CommuneCode)).Append(';')
                .Append(collectivityNames[collectivity]).Append(";regie;")
                .Append(places).Append(';').Append(etp).Append(';').Append(hours).Append(';').Append(nappies).Append(';').Append(meals).Append(';')
                .Append(peri).Append(';').Append(extra).Append(";;").Append(collectivity).Append(";2018-01-01;jeu national synthétique\n");
        }

        return Encoding.UTF8.GetBytes(csv.ToString());
    }

    public static byte[] References(NationalDataSet data)
    {
        var csv = new StringBuilder("structure_id;reference_year;amount_cents;unit;reference_units;source_note\n");
        foreach (var s in data.Structures)
        {
            var bt = s.BonusTerritoire;
            if (bt.ReferenceUnits <= 0m && bt.ReferenceAmountCents <= 0) continue;
            var unit = bt.Kind switch
            {
                BonusTerritoireKind.Eaje => "places",
                BonusTerritoireKind.Alsh => "hours",
                BonusTerritoireKind.Rpe => "etp",
                _ => "opening_hours",
            };
            csv.Append(NationalIds.Structure(s.Id)).Append(';').Append(ReferenceYear).Append(';').Append(bt.ReferenceAmountCents).Append(';')
                .Append(unit).Append(';').Append(D(bt.ReferenceUnits)).Append(";jeu national synthétique\n");
        }

        return Encoding.UTF8.GetBytes(csv.ToString());
    }

    /// <summary>The "réel" declaration of the year of every structure open during it, with the figures whose
    /// activity unit is the data set's (EAJE: places and months open; ALSH: hours attended).</summary>
    public static byte[] Declarations(NationalDataSet data)
    {
        var csv = new StringBuilder("structure_id;year;version;received_on;hours_invoiced;hours_attended;operating_costs_cents;family_participations_cents;" +
                                    "regime_general_share;aeeh_hours;aeeh_children;places;months_open;etp;opening_hours\n");
        foreach (var s in data.Structures.Where(s => s.BonusTerritoire.OpenDuringYear))
        {
            csv.Append(NationalIds.Structure(s.Id)).Append(';').Append(data.Year).Append(";reel;").Append(data.Year + 1).Append("-03-15;");
            csv.Append(s.Activity switch
            {
                // The generator rounds places × months / 12 to 2 decimals; 11 months when u < places.
                EajeInput e => $"{D(e.HoursInvoiced)};{D(e.HoursAttended)};{C(e.OperatingCosts)};{C(e.FamilyParticipations)};{D(e.RegimeGeneralShare)};;;" +
                               $"{I(e.AgreedPlaces)};{(s.BonusTerritoire.Units == e.AgreedPlaces ? 12 : 11)};;",
                AlshInput a => $";{D(s.BonusTerritoire.Units)};{C(a.Periscolaire!.OperatingCosts + (a.Extrascolaire?.OperatingCosts ?? 0m))};;{D(a.RegimeGeneralShare)};;;;;;",
                RpeInput r => $";;{C(r.OperatingCosts)};;;;;;;{D(r.Etp)};",
                LaepInput l => $";;{C(l.OperatingCosts)};;;;;;;;{D(l.OpeningHours)}",
                _ => throw new InvalidOperationException(s.Activity.GetType().Name),
            }).Append('\n');
        }

        return Encoding.UTF8.GetBytes(csv.ToString());
    }

    private static string D(decimal d) => d.ToString(CultureInfo.InvariantCulture);

    private static string I(decimal d) => ((int)d).ToString(CultureInfo.InvariantCulture);

    private static string C(decimal euros) => ((long)Math.Round(euros * 100m, MidpointRounding.AwayFromZero)).ToString(CultureInfo.InvariantCulture);

    private static string B(bool b) => b ? "true" : "false";
}

/// <summary>The generator's identifiers as the services accept them: structure ids in lower case; INSEE-like
/// codes of the generator's département "20" (not a département since 1976) moved to "2A".</summary>
public static class NationalIds
{
    public static string Structure(string generated) => generated.ToLowerInvariant();

    public static string Insee(string generated) => generated.StartsWith("20", StringComparison.Ordinal) ? "2A" + generated[2..] : generated;

    public static string Departement(string generatedInsee) => Insee(generatedInsee)[..2];

    public static string Collectivity(string generated) =>
        generated.StartsWith("COMMUNE-", StringComparison.Ordinal) ? "COMMUNE-" + Insee(generated["COMMUNE-".Length..]) : generated;

    public static string Caf(string ctgId) => "CAF-" + ctgId;
}
