using Ctg.Funding.V1;
using Ctg.Presentation.Explanations;
using Ctg.Web.Formatting;

namespace Ctg.Web.Tests.Unit;

public sealed class ParameterNamesTests
{
    [Theory]
    [InlineData("psu.prix_plafond.bande_2.sans_fournitures", "PSU, prix plafond, bande 2, sans couches et repas")]
    [InlineData("psu.bonus_mixite.seuil_3", "PSU, bonus mixité sociale, seuil 3")]
    [InlineData("bt.alsh.cap_heures_nouvelles", "bonus territoire, ALSH, plafond d'heures nouvelles")]
    [InlineData("paiement.acompte_1.taux", "paiement, acompte 1, taux")]
    [InlineData("xyz.mot_inconnu", "xyz, mot inconnu")]
    public void A_parameter_key_reads_as_words(string key, string expected) => Assert.Equal(expected, ParameterNames.Name(key));

    [Fact]
    public void A_run_is_said_as_a_sentence_with_its_date_and_whether_it_stands()
    {
        Assert.Equal("calcul du 02/12/2026 à 11:42, validé", WebLabels.RunOn(RunStatus.Approved, "2026-12-02T10:42:00Z"));
        Assert.Equal("calcul du 02/12/2026 à 11:42, pas encore validé", WebLabels.RunOn(RunStatus.Completed, "2026-12-02T10:42:00Z"));
    }

    [Fact]
    public void A_parameter_used_gives_its_words_value_date_and_key()
    {
        var used = new ParameterValueUsed { Key = "psu.taux", Value = "0.66", Unit = "ratio", EffectiveFrom = new Ctg.Common.V1.Date { Year = 2002, Month = 1, Day = 1 } };
        Assert.Equal("PSU, taux = 0,66 (en vigueur depuis le 01/01/2002 ; clé du barème psu.taux)", ExplanationText.Parameter(used));
    }
}
