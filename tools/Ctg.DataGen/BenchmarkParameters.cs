using Ctg.Funding.Engine.Parameters;

namespace Ctg.DataGen;

/// <summary>
/// The parameter files plus test values for the ones not found publicly (NF), so that the benchmark
/// measures full computations and not the short path of "not computable". These are NOT CNAF values.
/// </summary>
public static class BenchmarkParameters
{
    public static ParameterOverrides NfTestValues() => new ParameterOverrides()
        .Set("psu.prix_plafond.lineaire.maximum.avec_fournitures", 10.00m)
        .Set("psu.prix_plafond.lineaire.minimum.avec_fournitures", 8.70m)
        .Set("psu.prix_plafond.lineaire.maximum.sans_fournitures", 9.00m)
        .Set("psu.prix_plafond.lineaire.minimum.sans_fournitures", 7.70m)
        .Set("alsh.prix_plafond.periscolaire", 4.00m)
        .Set("alsh.prix_plafond.extrascolaire", 5.00m)
        .Set("alsh.prix_plafond.jeunes", 3.00m)
        .Set("rpe.taux", 0.43m)
        .Set("rpe.prix_plafond", 50_000m)
        .Set("laep.prix_plafond", 60m)
        .SetScale("psu.bonus_handicap.bareme", [new(0m, 0m), new(0.05m, 500m), new(0.10m, 1_000m), new(0.20m, 1_500m)])
        .SetScale("bt.eaje.nouvelles_places.strates", [new(1m, 2_600m), new(2m, 2_850m), new(3m, 3_100m), new(4m, 3_350m), new(5m, 3_600m)]);
}
