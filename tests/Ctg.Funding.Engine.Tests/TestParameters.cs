using Ctg.Funding.Engine;
using Ctg.Funding.Engine.Parameters;
using Ctg.Funding.Engine.Parameters.Loading;

namespace Ctg.Funding.Engine.Tests;

/// <summary>
/// The real parameter files, loaded once, and the overrides tests use where the public record has no
/// value (NF). Override values are round test numbers, not CNAF figures: each test says which it uses.
/// </summary>
public static class TestParameters
{
    public static readonly ParameterSet Real = ParameterLoader.LoadEmbedded();

    public static string RepositoryParametersDirectory
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !Directory.Exists(Path.Combine(dir.FullName, "services/Funding/parameters"))) dir = dir.Parent;
            return Path.Combine(dir?.FullName ?? throw new DirectoryNotFoundException("repository root"), "services/Funding/parameters");
        }
    }

    /// <summary>Test ceilings for every NF ceiling: bands 8.00 / 7.50 / 7.00 €/h (with supplies) and 7.00 / 6.50 / 6.00 (without); 2025 line 10.00 → 8.70 (with).</summary>
    public static ParameterOverrides Ceilings() => new ParameterOverrides()
        .Set("psu.prix_plafond.bande_1.avec_fournitures", 8.00m)
        .Set("psu.prix_plafond.bande_2.avec_fournitures", 7.50m)
        .Set("psu.prix_plafond.bande_3.avec_fournitures", 7.00m)
        .Set("psu.prix_plafond.bande_1.sans_fournitures", 7.00m)
        .Set("psu.prix_plafond.bande_2.sans_fournitures", 6.50m)
        .Set("psu.prix_plafond.bande_3.sans_fournitures", 6.00m)
        .Set("psu.prix_plafond.lineaire.maximum.avec_fournitures", 10.00m)
        .Set("psu.prix_plafond.lineaire.minimum.avec_fournitures", 8.70m)
        .Set("psu.prix_plafond.lineaire.maximum.sans_fournitures", 9.00m)
        .Set("psu.prix_plafond.lineaire.minimum.sans_fournitures", 7.70m)
        .Set("alsh.prix_plafond.periscolaire", 4.00m)
        .Set("alsh.prix_plafond.extrascolaire", 5.00m)
        .Set("alsh.prix_plafond.jeunes", 3.00m)
        .Set("rpe.taux", 0.43m)
        .Set("rpe.prix_plafond", 50000m)
        .Set("laep.prix_plafond", 60m);

    public static FundingEngine Engine(ParameterOverrides? extra = null)
    {
        var o = Ceilings();
        if (extra is not null)
        {
            foreach (var (k, v) in extra.Scalars) o.Set(k, v);
            foreach (var (k, v) in extra.Scales) o.SetScale(k, v);
        }
        return new FundingEngine(Real).WithOverrides(o);
    }
}
