using Ctg.Cli.Reports;
using Ctg.Presentation.Explanations;
using Ctg.Presentation.Exports;
using Ctg.Funding.Engine.Explanations;

namespace Ctg.Cli.Tests;

public sealed class FrenchExplanationTextTests
{
    [Fact]
    public void Every_decision_of_the_engine_has_its_French_text()
    {
        var untranslated = Decisions.All.Keys.Where(id => !FrenchExplanationText.TranslatedDecisionIds.Contains(id)).ToArray();

        Assert.Empty(untranslated);
        foreach (var (id, english) in Decisions.All)
        {
            Assert.NotEqual(english, FrenchExplanationText.Decision(id, english));
        }
    }

    [Fact]
    public void Every_rounding_of_the_engine_reads_in_French()
    {
        Assert.Equal("aucun", FrenchExplanationText.RoundingText(Rounding.None));
        Assert.Equal("au centime le plus proche (demi-centime arrondi en s'éloignant de zéro)", FrenchExplanationText.RoundingText(Rounding.ToCentHalfAwayFromZero));
        Assert.StartsWith("parts de base du groupe : somme exacte arrondie au centime", FrenchExplanationText.RoundingText(Rounding.LargestRemainderInGroup));
    }

    [Theory]
    [InlineData("r = max(E / U × revaluation, floor) (revaluation = 1 and no floor when their parameters have no value)",
        "r = max(E / U × revalorisation, plancher) (revalorisation = 1 et pas de plancher quand leurs paramètres n'ont pas de valeur)")]
    [InlineData("u ≤ ref_units → no new activity", "u ≤ ref_units → pas d'activité nouvelle")]
    [InlineData("balance = réel entitlement − advances < 0 → indu (overpayment to recover)", "solde = droit au réel − acomptes < 0 → indu (trop-perçu à récupérer)")]
    [InlineData("PS = taux × min(C / ETP, PP_rpe) × ETP (no activity: ETP = 0)", "PS = taux × min(C / ETP, PP_rpe) × ETP (pas d'activité : ETP = 0)")]
    [InlineData("base = r × min(u, ref_units)", "base = r × min(u, ref_units)")]
    public void Formulas_are_translated_phrase_by_phrase_and_math_is_kept(string sent, string expected) =>
        Assert.Equal(expected, FrenchExplanationText.Formula(sent));

    [Fact]
    public void Unknown_texts_and_names_are_shown_as_sent()
    {
        Assert.Equal("DECISION-NEW", FrenchExplanationText.Decision("DECISION-NEW", "DECISION-NEW"));
        Assert.Equal("ref_units", FrenchExplanationText.InputName("ref_units"));
        Assert.Equal("plancher atteint", FrenchExplanationText.InputName("floor binding"));
        Assert.Equal("groupe ctg-39-jura-nord-2019-cc-jura-nord / Alsh", FrenchExplanationText.Note("group ctg-39-jura-nord-2019-cc-jura-nord / Alsh"));
    }
}
