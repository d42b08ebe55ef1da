using System.Globalization;
using System.Text;
using Ctg.Funding.Engine.Rules;

namespace Ctg.DataGen;

/// <summary>Writes the data set as three CSV files (communes, ctgs, structures), invariant culture, '.' decimals.</summary>
public static class CsvExport
{
    public static IReadOnlyList<string> Write(NationalDataSet data, string directory)
    {
        Directory.CreateDirectory(directory);
        var files = new[] { Path.Combine(directory, "communes.csv"), Path.Combine(directory, "ctgs.csv"), Path.Combine(directory, "structures.csv") };
        using (var w = Writer(files[0]))
        {
            w.WriteLine("insee_code,name,population,wealth_stratum,qpv_or_zrr,ctg_id");
            foreach (var c in data.Communes) w.WriteLine(Join(c.InseeCode, c.Name, c.Population, c.WealthStratum, c.QpvOrZrr, c.CtgId));
        }
        using (var w = Writer(files[1]))
        {
            w.WriteLine("ctg_id,name,signed,epci_id,commune_count");
            foreach (var c in data.Ctgs) w.WriteLine(Join(c.Id, c.Name, c.Signed, c.EpciId, c.CommuneCount));
        }
        using (var w = Writer(files[2]))
        {
            w.WriteLine("structure_id,kind,ctg_id,commune,supporting_collectivity_id,eligible,open_during_year,ref_amount_cents,ref_units,units," +
                        "agreed_places,hours_invoiced,hours_attended,operating_costs,family_participations,regime_general_share,supplies_nappies_and_meals," +
                        "extrascolaire_hours,extrascolaire_costs,aeeh_hours,plan_mercredi_new_hours,etp,opening_hours,missions_renforcees");
            foreach (var s in data.Structures)
            {
                var b = s.BonusTerritoire;
                var common = Join(s.Id, b.Kind, s.CtgId, s.CommuneCode, b.SupportingCollectivityId, b.SupportedBySignatoryWithCompetence, b.OpenDuringYear,
                    b.ReferenceAmountCents, b.ReferenceUnits, b.Units);
                var specific = s.Activity switch
                {
                    EajeInput e => Join(e.AgreedPlaces, e.HoursInvoiced, e.HoursAttended, e.OperatingCosts, e.FamilyParticipations, e.RegimeGeneralShare, e.SuppliesNappiesAndMeals, "", "", "", "", "", "", ""),
                    AlshInput a => Join("", "", a.Periscolaire!.HoursAttended, a.Periscolaire.OperatingCosts, "", a.RegimeGeneralShare, "",
                        a.Extrascolaire?.HoursAttended.ToString(CultureInfo.InvariantCulture) ?? "", a.Extrascolaire?.OperatingCosts.ToString(CultureInfo.InvariantCulture) ?? "",
                        a.AeehHours, a.NewWednesdayHours, "", "", ""),
                    RpeInput r => Join("", "", "", r.OperatingCosts, "", "", "", "", "", "", "", r.Etp, "", r.MissionsRenforcees),
                    LaepInput l => Join("", "", "", l.OperatingCosts, "", "", "", "", "", "", "", "", l.OpeningHours, ""),
                    _ => throw new InvalidOperationException(s.Activity.GetType().Name),
                };
                w.WriteLine(common + "," + specific);
            }
        }
        return files;
    }

    private static StreamWriter Writer(string path) => new(path, false, new UTF8Encoding(false));

    private static string Join(params object[] values)
        => string.Join(',', values.Select(v => v switch
        {
            bool b => b ? "true" : "false",
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => v.ToString() ?? "",
        }));
}
