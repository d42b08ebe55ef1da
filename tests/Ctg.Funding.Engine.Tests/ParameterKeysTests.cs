using System.Reflection;
using Ctg.Funding.Engine.BonusTerritoire;
using Ctg.Funding.Engine.Parameters;

namespace Ctg.Funding.Engine.Tests;

public class ParameterKeysTests
{
    /// <summary>Every key a rule can ask for has a parameter file (a rule asking for an unknown key would throw).</summary>
    [Fact]
    public void Every_key_the_rules_read_has_a_file()
    {
        var keys = new List<string>();
        foreach (var f in typeof(ParameterKeys).GetFields(BindingFlags.Public | BindingFlags.Static))
        {
            if (f.GetValue(null) is string s) keys.Add(s);
            else if (f.GetValue(null) is string[] a) keys.AddRange(a);
        }
        for (var band = 1; band <= 3; band++)
        {
            keys.Add(ParameterKeys.PsuPlafondBande(band, true));
            keys.Add(ParameterKeys.PsuPlafondBande(band, false));
        }
        keys.AddRange([ParameterKeys.PsuPlafondLineaireMax(true), ParameterKeys.PsuPlafondLineaireMax(false),
                       ParameterKeys.PsuPlafondLineaireMin(true), ParameterKeys.PsuPlafondLineaireMin(false)]);
        foreach (var kind in Enum.GetValues<BonusTerritoireKind>().Where(k => k != BonusTerritoireKind.NotEligible))
            keys.AddRange([ParameterKeys.BtPlancher(kind), ParameterKeys.BtRevalorisation(kind), ParameterKeys.BtPlancherStrates(kind), ParameterKeys.BtRevalorisationStrates(kind)]);
        Assert.True(keys.Count > 50);
        var missing = keys.Where(k => !TestParameters.Real.Contains(k)).ToList();
        Assert.True(missing.Count == 0, "no file for: " + string.Join(", ", missing));
    }
}
