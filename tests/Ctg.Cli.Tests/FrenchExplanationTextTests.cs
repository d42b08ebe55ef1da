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
    [InlineData("u ≤ ref_units → no new activity", "u ≤ u réf → pas d'activité nouvelle")]
    [InlineData("balance = réel entitlement − advances < 0 → indu (overpayment to recover)", "solde = droit au réel − acomptes < 0 → indu (trop-perçu à récupérer)")]
    [InlineData("PS = taux × min(C / ETP, PP_rpe) × ETP (no activity: ETP = 0)", "PS = taux × min(C / ETP, PP_rpe) × ETP (pas d'activité : ETP = 0)")]
    [InlineData("base = r × min(u, ref_units)", "part de base = r × min(u, u réf)")]
    [InlineData("no enrolled child receives AEEH → no bonus inclusion handicap", "aucun enfant inscrit ne bénéficie de l'AEEH → pas de bonus inclusion handicap")]
    [InlineData("PF / HF > seuil_3 → no bonus mixité sociale", "PF / HF > seuil_3 → pas de bonus mixité sociale")]
    [InlineData("new part = new hours × r (group within cap × U)", "part nouvelle = heures nouvelles × r (groupe sous son plafond × U)")]
    public void Formulas_are_translated_phrase_by_phrase_and_math_is_kept(string sent, string expected) =>
        Assert.Equal(expected, FrenchExplanationText.Formula(sent));

    [Fact]
    public void Unknown_texts_and_names_are_shown_as_sent()
    {
        Assert.Equal("DECISION-NEW", FrenchExplanationText.Decision("DECISION-NEW", "DECISION-NEW"));
        Assert.Equal("a_new_input", FrenchExplanationText.InputName("a_new_input"));
        Assert.Equal("plancher atteint", FrenchExplanationText.InputName("floor binding"));
        Assert.Equal("groupe de la collectivité ctg-39-jura-nord-2019-cc-jura-nord, type ALSH", FrenchExplanationText.Note("group ctg-39-jura-nord-2019-cc-jura-nord / Alsh"));
        Assert.Equal("groupe x / Inconnu", FrenchExplanationText.Note("group x / Inconnu"));
    }

    [Fact]
    public void A_group_note_names_the_collectivity_when_the_run_knows_it()
    {
        var names = new Dictionary<string, string> { ["ctg-39-jura-nord-2019-cc-jura-nord"] = "Communauté de communes Jura Nord" };
        Assert.Equal("groupe Communauté de communes Jura Nord, type ALSH", FrenchExplanationText.Note("group ctg-39-jura-nord-2019-cc-jura-nord / Alsh", names));
    }

    [Theory]
    [InlineData("27546.5726212683", "eur", Ctg.Funding.Engine.Explanations.Rounding.LargestRemainderInGroup, "27\u00A0546,5726212683\u00A0€ avant arrondi")]
    [InlineData("27546.57", "eur", Ctg.Funding.Engine.Explanations.Rounding.LargestRemainderInGroup, "27\u00A0546,57\u00A0€")]
    [InlineData("0.6933269392", "eur", Ctg.Funding.Engine.Explanations.Rounding.None, "0,6933269392\u00A0€")]
    [InlineData("27546.5726212683", "eur", "", "27\u00A0546,5726212683\u00A0€")]
    public void An_exact_figure_a_rule_then_rounds_is_said_to_be_before_rounding(string exact, string unit, string rounding, string expected) =>
        Assert.Equal(expected,
            FrenchExplanationText.Result(new Ctg.Funding.V1.Explanation { ExactResult = exact, ResultUnit = unit, Rounding = rounding }));

    [Theory]
    [InlineData("BONUS_TERRITOIRE", "Bonus territoire CTG")]
    [InlineData("BONUS_TERRITOIRE.BASE", "Bonus territoire : part de base")]
    [InlineData("SOMETHING_NEW", "SOMETHING_NEW")]
    public void Rule_ids_read_as_a_person_names_them(string ruleId, string expected) => Assert.Equal(expected, FrenchExplanationText.Rule(ruleId));

    [Fact]
    public void The_bonus_territoire_figures_read_in_French_not_as_the_engine_names_them()
    {
        Assert.Equal("unités réalisées dans l'année (u)", FrenchExplanationText.InputName("u"));
        Assert.Equal("unités de l'année de référence (u réf)", FrenchExplanationText.InputName("ref_units"));
        Assert.Equal("référence CEJ", FrenchExplanationText.InputName("cej_reference"));
        Assert.Equal("montant de la référence CEJ", FrenchExplanationText.InputName("ref_amount"));
        Assert.Equal("heures facturées (HF)", FrenchExplanationText.InputName("HF"));
    }

    /// <summary>Every name the engine (and funding's allocation) gives an input, read from their source: a new
    /// input without its French fails here rather than reaching a page as a code name.</summary>
    [Fact]
    public void Every_input_the_engine_names_has_its_French()
    {
        var root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "CtgPlatform.sln"))) root = Path.GetDirectoryName(root)!;
        var sources = new[] { "services/Funding/Ctg.Funding.Engine/Rules", "services/Funding/Ctg.Funding.Engine/BonusTerritoire", "services/Funding/Ctg.Funding.Engine/Payments", "services/Funding/Ctg.Funding.Api/Allocation" }
            .SelectMany(d => Directory.GetFiles(Path.Combine(root, d), "*.cs"))
            .Select(File.ReadAllText)
            .ToList();
        // new("name", value, "unit") of ExplanationInput (a FieldViolation's second argument is a string, so it is not matched),
        // Name = "…" of the proto inputs, the names PerUnit and QuantityLabels are given.
        var patterns = new[]
        {
            @"new\(""([^""]+)"", [^""\s][^,]*, ""[^""]*""\)",
            @"new V1\.ExplanationInput \{ Name = ""([^""]+)""",
            @"PerUnit\([^,]+, [^,]+, [^,]+, [^,]+, ""([^""]+)""",
            @"new\(""([^""]+)"", ""[^""]*"", ""([^""]+)"", ""[^""]*"", "" \(no activity",
        };
        var names = sources.SelectMany(source => patterns.SelectMany(p => System.Text.RegularExpressions.Regex.Matches(source, p)
                .SelectMany(m => m.Groups.Values.Skip(1).Select(g => g.Value))))
            .Where(n => n.Length > 0)
            .Distinct()
            .ToList();

        Assert.Contains("ref_units", names);
        Assert.Contains("cej_reference", names);
        Assert.Contains("AEEH hours", names);
        Assert.Contains("C / HR", names);
        var untranslated = names.Where(n => !FrenchExplanationText.GlossedInputNames.Contains(n)).ToList();
        Assert.True(untranslated.Count == 0, "inputs without their French: " + string.Join(", ", untranslated));
    }
}
