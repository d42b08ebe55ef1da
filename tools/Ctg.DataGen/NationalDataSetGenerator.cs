using Ctg.Funding.Engine.BonusTerritoire;
using Ctg.Funding.Engine.Rules;

namespace Ctg.DataGen;

/// <summary>
/// Builds the national synthetic data set from a fixed seed. Magnitudes follow the seeds (Jura Nord:
/// a 30-place crèche with 49,277 h invoiced, ALSH of 10,000-80,000 h, a 1.4 ETP RAM) so that the
/// engine's work per structure is realistic; the numbers are synthetic, not real structures.
/// </summary>
public static class NationalDataSetGenerator
{
    public const int DefaultSeed = 20_260_101;
    public const int CommuneCount = 30_000;
    public const int CtgCount = 1_200;
    public const int EajeCount = 13_000;
    public const int AlshCount = 35_000;
    public const int RpeCount = 3_000;
    public const int LaepCount = 2_000;

    public static NationalDataSet Generate(int seed = DefaultSeed, int year = 2025)
    {
        var rng = new SplitMix64((ulong)seed);
        var communes = new List<Commune>(CommuneCount);
        var ctgs = new List<SyntheticCtg>(CtgCount);
        // 30,000 communes over 1,200 CTGs: 25 each on average, between 5 and 45.
        var sizes = new int[CtgCount];
        for (var i = 0; i < CtgCount; i++) sizes[i] = 5 + rng.Next(0, 41);
        Rebalance(sizes, CommuneCount);
        var next = 0;
        for (var c = 0; c < CtgCount; c++)
        {
            var ctgId = $"CTG-{c + 1:D4}";
            ctgs.Add(new SyntheticCtg(ctgId, $"CTG synthétique {c + 1}", Signed: rng.Chance(0.95), EpciId: $"EPCI-{c + 1:D4}", next, sizes[c]));
            for (var k = 0; k < sizes[c]; k++, next++)
            {
                var dept = 1 + next % 95;
                // (département, rank in it) is unique for next < 95 000: every INSEE-like code differs.
                communes.Add(new Commune($"{dept:D2}{next / 95:D3}", $"Commune {next + 1}", 200 + rng.Next(0, 20_000),
                    1 + rng.Next(0, 5), rng.Chance(0.12), ctgId));
            }
        }

        var structures = new List<SyntheticStructure>(EajeCount + AlshCount + RpeCount + LaepCount);
        var n = 0;
        for (var i = 0; i < EajeCount; i++) structures.Add(Eaje(rng, ++n, year, communes, ctgs));
        for (var i = 0; i < AlshCount; i++) structures.Add(Alsh(rng, ++n, year, communes, ctgs));
        for (var i = 0; i < RpeCount; i++) structures.Add(Rpe(rng, ++n, year, communes, ctgs));
        for (var i = 0; i < LaepCount; i++) structures.Add(Laep(rng, ++n, year, communes, ctgs));
        return new NationalDataSet { Seed = seed, Year = year, Communes = communes, Ctgs = ctgs, Structures = structures };
    }

    private static void Rebalance(int[] sizes, int total)
    {
        var diff = total - sizes.Sum();
        for (var i = 0; diff != 0; i = (i + 1) % sizes.Length)
        {
            if (diff > 0) { sizes[i]++; diff--; }
            else if (sizes[i] > 5) { sizes[i]--; diff++; }
        }
    }

    private static (Commune Commune, SyntheticCtg Ctg, string Collectivity) Place(SplitMix64 rng, List<Commune> communes, List<SyntheticCtg> ctgs)
    {
        var commune = communes[rng.Next(0, communes.Count)];
        var ctg = ctgs[int.Parse(commune.CtgId.AsSpan(4)) - 1];
        // Most structures are supported by the EPCI; a third by their commune (competence not transferred).
        var collectivity = rng.Chance(0.67) ? ctg.EpciId : "COMMUNE-" + commune.InseeCode;
        return (commune, ctg, collectivity);
    }

    /// <summary>Activity against reference: 80 % equal, 10 % lower, 10 % higher; 5 % new structures with no reference.</summary>
    private static (decimal RefUnits, long RefCents, decimal Units) Reference(SplitMix64 rng, decimal units, decimal eurosPerUnit, int unitDecimals)
    {
        if (rng.Chance(0.05)) return (0m, 0, units);
        var roll = rng.NextDouble();
        var reference = roll < 0.8 ? units
            : roll < 0.9 ? Math.Round(units * (decimal)(1.05 + rng.NextDouble() * 0.3), unitDecimals)
            : Math.Round(units * (decimal)(0.7 + rng.NextDouble() * 0.25), unitDecimals);
        if (reference <= 0m) reference = units;
        var cents = (long)Math.Round(reference * eurosPerUnit * 100m, 0, MidpointRounding.AwayFromZero);
        return (reference, cents, units);
    }

    private static BonusTerritoireStructure Bt(string id, BonusTerritoireKind kind, string collectivity, SyntheticCtg ctg, Commune commune,
        (decimal RefUnits, long RefCents, decimal Units) r, SplitMix64 rng) => new()
    {
        StructureId = id, Kind = kind, SupportingCollectivityId = collectivity,
        ReferenceAmountCents = r.RefCents, ReferenceUnits = r.RefUnits, Units = r.Units,
        SupportedBySignatoryWithCompetence = ctg.Signed, OpenDuringYear = rng.Chance(0.98),
        WealthStratum = commune.WealthStratum, QpvOrZrr = commune.QpvOrZrr,
    };

    private static SyntheticStructure Eaje(SplitMix64 rng, int n, int year, List<Commune> communes, List<SyntheticCtg> ctgs)
    {
        var (commune, ctg, coll) = Place(rng, communes, ctgs);
        var id = $"EAJE-{n:D6}";
        var places = 10 + rng.Next(0, 51);
        var hr = places * rng.Decimal(1_200m, 1_900m, 0);
        var hf = Math.Round(hr * rng.Decimal(1.00m, 1.25m, 3), 0);
        var enrolled = places * 2;
        var input = new EajeInput
        {
            StructureId = id, Year = year, DeclarationVersion = "reel", AgreedPlaces = places, HoursAttended = hr, HoursInvoiced = hf,
            OperatingCosts = Math.Round(hf * rng.Decimal(7m, 13m), 2), FamilyParticipations = Math.Round(hf * rng.Decimal(0.5m, 2.0m), 2),
            RegimeGeneralShare = rng.Decimal(0.85m, 1m, 3), SuppliesNappiesAndMeals = rng.Chance(0.8),
            ManagerType = (ManagerType)rng.Next(0, 3), AttractiviteSalaryConditionsDeclared = rng.Chance(0.5),
            EnrolledChildren = enrolled, AeehChildren = rng.Chance(0.3) ? rng.Next(1, 4) : 0,
        };
        var monthsOpen = rng.Chance(0.9) ? 12 : 11;
        var units = Math.Round(places * monthsOpen / 12m, 2);
        return new(id, ctg.Id, commune.InseeCode, input, Bt(id, BonusTerritoireKind.Eaje, coll, ctg, commune, Reference(rng, units, rng.Decimal(1_500m, 3_500m), 2), rng));
    }

    private static SyntheticStructure Alsh(SplitMix64 rng, int n, int year, List<Commune> communes, List<SyntheticCtg> ctgs)
    {
        var (commune, ctg, coll) = Place(rng, communes, ctgs);
        var id = $"ALSH-{n:D6}";
        var peri = rng.Decimal(5_000m, 80_000m, 0);
        AlshActivity? extra = rng.Chance(0.5) ? new AlshActivity(rng.Decimal(2_000m, 40_000m, 0), 0m) : null;
        if (extra is not null) extra = extra with { OperatingCosts = Math.Round(extra.HoursAttended * rng.Decimal(3m, 9m), 2) };
        var labelled = rng.Chance(0.4);
        var input = new AlshInput
        {
            StructureId = id, Year = year, DeclarationVersion = "reel", RegimeGeneralShare = rng.Decimal(0.85m, 1m, 3),
            Periscolaire = new AlshActivity(peri, Math.Round(peri * rng.Decimal(2m, 8m), 2)), Extrascolaire = extra,
            AeehHours = rng.Chance(0.25) ? rng.Decimal(10m, 500m, 0) : 0m,
            PlanMercrediLabelled = labelled, NewWednesdayHours = labelled ? rng.Decimal(0m, 2_000m, 0) : 0m,
        };
        var units = peri + (extra?.HoursAttended ?? 0m);
        return new(id, ctg.Id, commune.InseeCode, input, Bt(id, BonusTerritoireKind.Alsh, coll, ctg, commune, Reference(rng, units, rng.Decimal(0.3m, 1.1m), 0), rng));
    }

    private static SyntheticStructure Rpe(SplitMix64 rng, int n, int year, List<Commune> communes, List<SyntheticCtg> ctgs)
    {
        var (commune, ctg, coll) = Place(rng, communes, ctgs);
        var id = $"RPE-{n:D6}";
        var etp = rng.Decimal(0.5m, 3m, 1);
        var input = new RpeInput
        {
            StructureId = id, Year = year, DeclarationVersion = "reel", Etp = etp,
            OperatingCosts = Math.Round(etp * rng.Decimal(40_000m, 70_000m), 2), MissionsRenforcees = rng.Chance(0.3),
        };
        return new(id, ctg.Id, commune.InseeCode, input, Bt(id, BonusTerritoireKind.Rpe, coll, ctg, commune, Reference(rng, etp, rng.Decimal(10_000m, 20_000m), 1), rng));
    }

    private static SyntheticStructure Laep(SplitMix64 rng, int n, int year, List<Commune> communes, List<SyntheticCtg> ctgs)
    {
        var (commune, ctg, coll) = Place(rng, communes, ctgs);
        var id = $"LAEP-{n:D6}";
        var hours = rng.Decimal(200m, 1_500m, 0);
        var input = new LaepInput
        {
            StructureId = id, Year = year, DeclarationVersion = "reel", OpeningHours = hours,
            OperatingCosts = Math.Round(hours * rng.Decimal(20m, 80m), 2),
        };
        return new(id, ctg.Id, commune.InseeCode, input, Bt(id, BonusTerritoireKind.Laep, coll, ctg, commune, Reference(rng, hours, rng.Decimal(5m, 15m), 0), rng));
    }
}
